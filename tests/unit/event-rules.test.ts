import { describe, expect, it } from 'vitest';
import { cancelRegistration, placesTaken, register, registrationOpen, setSessionActionDone } from '@shared/programme/event-rules';
import { defaultRegistrationCloseDays, placesLeft, registrationClosesAt } from '@shared/programme/registration';
import { RegistrationBook } from '@shared/programme/registration';

const now = new Date('2027-01-01T10:00:00Z');
const book = (over: Partial<RegistrationBook> = {}): RegistrationBook => ({ ...RegistrationBook.parse({ version: 1, closesAt: '2027-01-05T10:00:00.000Z' }), ...over });
const meeting = { kind: 'tailored-support' as const, status: 'scheduled' as const };
const person = (userId: string, category: 'school-or-college' | 'mental-health-professional' | 'other' = 'other') => ({ userId, name: userId, organisation: 'Org', sector: 'x', category });
const value = (outcome: ReturnType<typeof register>) => {
  if (!outcome.ok) throw new Error(outcome.error);
  return { ...outcome.value, version: 1 };
};

describe('event rules', () => {
  it('registers a person once, until registration closes or their places are taken', () => {
    const once = value(register(book(), meeting, person('a'), now));
    expect(value(register(once, meeting, person('a'), now)).registrations).toHaveLength(1);
    expect(register(book({ closesAt: '2026-12-31T10:00:00.000Z' }), meeting, person('a'), now)).toEqual({ ok: false, error: 'Registration for this tailored support session has closed' });
    expect(registrationOpen({ status: 'live' }, book(), now)).toBe(false);
    let full = book({ session: { title: 'Talk', format: 'facilitated-discussion', domains: [1] } });
    for (let i = 0; i < 20; i++) full = value(register(full, meeting, person(`p${i}`), now));
    expect(register(full, meeting, person('late'), now)).toMatchObject({ ok: false, error: 'This facilitated discussion is full (20 places)' });
    expect(placesTaken(full).other).toBe(20);
  });

  it('cancels while open only, and marks a session action done only if it exists', () => {
    const registered = value(register(book(), meeting, person('a'), now));
    expect(value(cancelRegistration(registered, meeting, 'a', now)).registrations).toEqual([]);
    expect(cancelRegistration(registered, meeting, 'a', new Date('2027-02-01T00:00:00Z'))).toMatchObject({ ok: false, error: 'Registration has closed, so it cannot be cancelled here. Tell the strategic lead you cannot come.' });
    expect(setSessionActionDone(book(), 'nope', true)).toEqual({ ok: false, error: 'There is no such action for this session' });
  });

  it('says how many places are left in each capped category', () => {
    expect(placesLeft('large-workshop', { 'school-or-college': 48, 'mental-health-professional': 20, other: 3 })).toEqual([
      { label: 'schools and colleges', left: 2, of: 50 },
      { label: 'mental health professionals', left: 0, of: 20 },
    ]);
    expect(placesLeft('facilitated-discussion', { 'school-or-college': 5, 'mental-health-professional': 6, other: 1 })).toEqual([{ label: 'everyone', left: 8, of: 20 }]);
    expect(placesLeft('online-module', { 'school-or-college': 5, 'mental-health-professional': 6, other: 1 })).toEqual([]);
  });

  it('closes registration a week before a consultation booked in good time, but not before one booked at short notice could be seen', () => {
    const week = defaultRegistrationCloseDays.consultation;
    // Booked a month ahead: closes a week before, at the same UK clock time (across the clocks going back).
    expect(registrationClosesAt('2027-11-04T10:00:00.000Z', week, '2027-10-01T09:00:00.000Z')).toBe('2027-10-28T09:00:00.000Z');
    // Booked this morning for this afternoon: open until it starts, not closed a week ago.
    expect(registrationClosesAt('2027-01-01T14:00:00.000Z', week, '2027-01-01T09:00:00.000Z')).toBe('2027-01-01T14:00:00.000Z');
    // Booked five days ahead: the week before has begun, so it stays open until the start too.
    expect(registrationClosesAt('2027-01-06T10:00:00.000Z', week, '2027-01-01T09:00:00.000Z')).toBe('2027-01-06T10:00:00.000Z');
    const shortNotice = book({ closesAt: registrationClosesAt('2027-01-01T14:00:00.000Z', week, now.toISOString()) });
    expect(registrationOpen({ status: 'scheduled' }, shortNotice, now)).toBe(true);
  });
});
