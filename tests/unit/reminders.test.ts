import { describe, expect, it } from 'vitest';
import { dueReminders, mayHaveReminders, type SiteFacts } from '@shared/programme/reminders';
import { RegistrationBook } from '@shared/programme/registration';

const now = new Date('2027-01-10T10:00:00Z');
const hoursFromNow = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();
const book = (over: Partial<RegistrationBook> = {}): RegistrationBook => ({ ...RegistrationBook.parse({ version: 1, closesAt: null }), ...over });
const registration = (userId: string) => ({ userId, name: userId, organisation: 'Org', sector: 'education', category: 'other' as const, registeredAt: now.toISOString() });
const meeting = (over: Partial<SiteFacts['meetings'][number]> = {}) => ({ id: 'm1', kind: 'consultation' as const, status: 'scheduled' as const, startsAt: hoursFromNow(72), attendeeIds: ['a', 'b'], ...over });
// Everyone has done their pre-meeting ratings unless a test says otherwise.
const facts = (over: Partial<SiteFacts> = {}): SiteFacts => ({ now, members: ['a', 'b', 'c'], meetings: [], responses: [], attended: {}, preRated: { m1: ['a', 'b', 'c'] }, ...over });
const answer = (userId: string, kind: 'baseline' | 'feedback' | 'follow-up', meetingId: string | null = null) => ({ id: `${userId}-${kind}`, kind, meetingId, userId, answers: {}, submittedAt: now.toISOString() });

describe('event reminders', () => {
  it('nudges those not registered only after the invitations went and while registration is still open', () => {
    const review = meeting({ kind: 'review-3m' });
    const closing = book({ closesAt: hoursFromNow(24), registrations: [registration('a')] });
    expect(dueReminders(review, closing, facts())).toEqual([]);
    expect(dueReminders(review, { ...closing, invitationsSentAt: now.toISOString() }, facts())).toEqual([{ kind: 'registration-closing', to: ['b', 'c'] }]);
    expect(dueReminders(review, { ...closing, invitationsSentAt: now.toISOString(), closesAt: hoursFromNow(-1) }, facts())).toEqual([]);
  });

  it('sends joining details the day before to those registered, and never twice', () => {
    const soon = meeting({ kind: 'review-3m', startsAt: hoursFromNow(20) });
    expect(dueReminders(soon, book({ registrations: [registration('a'), registration('b')] }), facts())).toEqual([{ kind: 'joining-details', to: ['a', 'b'] }]);
    expect(dueReminders(soon, book({ registrations: [registration('a'), registration('b')], reminded: { 'joining-details': ['a'] } }), facts())).toEqual([
      { kind: 'joining-details', to: ['b'] },
    ]);
  });

  it('asks those invited who have not rated all seven domains to do so three days before, and never for a session', () => {
    const soon = meeting({ kind: 'review-3m', startsAt: hoursFromNow(60) });
    expect(dueReminders(soon, book(), facts({ preRated: { m1: ['a'] } }))).toEqual([{ kind: 'pre-ratings', to: ['b'] }]);
    expect(dueReminders(meeting({ kind: 'review-3m', startsAt: hoursFromNow(80) }), book(), facts({ preRated: {} }))).toEqual([]);
    expect(dueReminders(meeting({ kind: 'tailored-support', startsAt: hoursFromNow(60) }), book(), facts({ preRated: {} }))).toEqual([]);
  });

  it('asks the consultation’s invitees for the baseline survey two weeks before, so it does not land as it falls due, unless they answered it', () => {
    const twoWeeksAway = meeting({ startsAt: hoursFromNow(13 * 24) });
    expect(dueReminders(twoWeeksAway, book(), facts({ responses: [answer('a', 'baseline')] }))).toEqual([{ kind: 'baseline-survey', to: ['b'] }]);
    expect(dueReminders(meeting({ startsAt: hoursFromNow(15 * 24) }), book(), facts())).toEqual([]);
    // Those who register late (and so become invitees) have it at the next sweep, until it starts.
    const tomorrow = meeting({ startsAt: hoursFromNow(20), attendeeIds: ['a', 'b', 'c'] });
    expect(dueReminders(tomorrow, book({ reminded: { 'baseline-survey': ['a', 'b'] } }), facts())).toEqual([{ kind: 'baseline-survey', to: ['c'] }]);
    expect(dueReminders(meeting({ status: 'live', startsAt: hoursFromNow(-1) }), book(), facts())).toEqual([]);
  });

  it('counts the baseline’s two weeks in UK calendar days, across the change to summer time', () => {
    // 10:00 on Monday 5 April 2027, British Summer Time (09:00 UTC); two weeks before is 10:00 GMT on 22 March.
    const consultation = meeting({ startsAt: '2027-04-05T09:00:00.000Z' });
    const baseline = (at: string) => dueReminders(consultation, book(), facts({ now: new Date(at), preRated: { m1: ['a', 'b', 'c'] } }));
    expect(baseline('2027-03-22T09:30:00Z')).toEqual([]);
    expect(baseline('2027-03-22T10:00:00Z')).toEqual([{ kind: 'baseline-survey', to: ['a', 'b'] }]);
  });

  it('asks those who were there for feedback after a session, and for the follow-up after the last one', () => {
    const session = meeting({ id: 's1', kind: 'tailored-support', status: 'closed', startsAt: hoursFromNow(-3) });
    const site = facts({ meetings: [session], attended: { s1: ['a', 'c'] }, responses: [answer('a', 'baseline'), answer('b', 'baseline'), answer('c', 'feedback', 's1')] });
    expect(dueReminders(session, book(), site)).toEqual([
      { kind: 'feedback-survey', to: ['a'] },
      { kind: 'follow-up-survey', to: ['a', 'b'] },
    ]);
    const later = meeting({ id: 's2', kind: 'tailored-support', status: 'scheduled', startsAt: hoursFromNow(24 * 30) });
    expect(dueReminders(session, book(), { ...site, meetings: [session, later] })).toEqual([{ kind: 'feedback-survey', to: ['a'] }]);
  });

  it('asks those who came to a 3- or 6-month review for brief feedback, as the guide does after these meetings', () => {
    for (const kind of ['review-3m', 'review-6m'] as const) {
      const review = meeting({ id: 'r1', kind, status: 'closed', startsAt: hoursFromNow(-3) });
      const site = facts({ attended: { r1: ['a', 'b'] }, responses: [answer('b', 'feedback', 'r1')] });
      expect(dueReminders(review, book(), site)).toEqual([{ kind: 'feedback-survey', to: ['a'] }]);
    }
  });

  it('looks only at events to come and those that ended in the last week', () => {
    expect(mayHaveReminders(meeting(), now)).toBe(true);
    expect(mayHaveReminders(meeting({ status: 'closed', startsAt: hoursFromNow(-24 * 6) }), now)).toBe(true);
    expect(mayHaveReminders(meeting({ status: 'closed', startsAt: hoursFromNow(-24 * 8) }), now)).toBe(false);
  });
});
