import { describe, expect, it } from 'vitest';
import { previousRatedMeeting } from '@shared/reports/meeting-report';

const meeting = (id: string, kind: 'consultation' | 'review-3m' | 'review-6m' | 'tailored-support', startsAt: string, status = 'closed') => ({ id, kind, startsAt, status });

describe('the meeting a review is compared with', () => {
  const year = [
    meeting('c', 'consultation', '2027-01-12T10:00:00.000Z'),
    meeting('s1', 'tailored-support', '2027-02-10T10:00:00.000Z'),
    meeting('r3', 'review-3m', '2027-04-12T09:00:00.000Z'),
    meeting('r6', 'review-6m', '2027-06-28T09:00:00.000Z'),
  ];

  it('is the 3-month review for the 6-month review, and the consultation for the 3-month review', () => {
    expect(previousRatedMeeting(year, year[3]!)?.id).toBe('r3');
    expect(previousRatedMeeting(year, year[2]!)?.id).toBe('c');
  });

  it('skips tailored sessions, meetings not yet closed and later meetings', () => {
    const open3m = year.map((m) => (m.id === 'r3' ? { ...m, status: 'live' } : m));
    expect(previousRatedMeeting(open3m, year[3]!)?.id).toBe('c');
    expect(previousRatedMeeting(year, year[0]!)).toBeNull();
  });
});
