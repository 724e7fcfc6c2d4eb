import { describe, expect, it } from 'vitest';
import { isStale, searchDirectory, type DirectoryEntry } from '@shared/directory/directory';

const entry = (over: Partial<DirectoryEntry>): DirectoryEntry => ({
  id: 'e1',
  organisation: 'North CYPMHS',
  service: 'Getting Help team',
  forWhom: 'Children 5–18 with mild to moderate needs',
  referralRoute: 'School referral form; GP letter',
  contactName: 'Priya Shah',
  contactHow: 'priya@example.org',
  lastConfirmed: '2026-05-23',
  updatedBy: 'u1',
  updatedAt: '2026-05-23T10:00:00Z',
  ...over,
});

describe('local services directory', () => {
  it('flags an entry not confirmed for more than six months', () => {
    expect(isStale(entry({ lastConfirmed: '2026-05-23' }), '2026-11-23')).toBe(false);
    expect(isStale(entry({ lastConfirmed: '2026-05-22' }), '2026-11-23')).toBe(true);
    // 31 August + 6 months is the end of February.
    expect(isStale(entry({ lastConfirmed: '2026-08-31' }), '2027-02-28')).toBe(false);
    expect(isStale(entry({ lastConfirmed: '2026-08-31' }), '2027-03-01')).toBe(true);
  });

  it('finds entries that have every word of the search in any field', () => {
    const entries = [entry({ id: 'a' }), entry({ id: 'b', organisation: 'Kooth', service: 'Online counselling', forWhom: 'Young people 11–25' })];
    expect(searchDirectory(entries, 'getting help').map((e) => e.id)).toEqual(['a']);
    expect(searchDirectory(entries, 'ONLINE young').map((e) => e.id)).toEqual(['b']);
    expect(searchDirectory(entries, '  ').map((e) => e.id)).toEqual(['a', 'b']);
    expect(searchDirectory(entries, 'nothing here')).toEqual([]);
  });
});
