import { describe, expect, it } from 'vitest';
import { dueReminders, mayHaveReminders, type SiteFacts } from '@shared/programme/reminders';
import { RegistrationBook } from '@shared/programme/registration';
import { followUpDueBy } from '@shared/programme/evaluation-timing';
import { tailoredSupportOverAt } from '@shared/programme/tailored-support';

const now = new Date('2027-01-10T10:00:00Z');
const hoursFromNow = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();
const book = (over: Partial<RegistrationBook> = {}): RegistrationBook => ({ ...RegistrationBook.parse({ version: 1, closesAt: null }), ...over });
const registration = (userId: string) => ({ userId, name: userId, organisation: 'Org', sector: 'education', category: 'other' as const, registeredAt: now.toISOString() });
type EventMeeting = Parameters<typeof dueReminders>[0];
const meeting = (over: Partial<EventMeeting> = {}): EventMeeting => ({ id: 'm1', kind: 'consultation' as const, status: 'scheduled' as const, startsAt: hoursFromNow(72), attendeeIds: ['a', 'b'], ...over });
// Everyone has done their pre-meeting ratings unless a test says otherwise.
const facts = (over: Partial<SiteFacts> = {}): SiteFacts => ({ now, members: ['a', 'b', 'c'], sessions: [], tailoredTo: '2027-03-31', responses: [], attended: {}, preRated: { m1: ['a', 'b', 'c'] }, ...over });
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
    const joining = { link: 'https://call.example/r3', details: '' };
    expect(dueReminders(soon, book({ joining, registrations: [registration('a'), registration('b')] }), facts())).toEqual([{ kind: 'joining-details', to: ['a', 'b'] }]);
    expect(dueReminders(soon, book({ joining, registrations: [registration('a'), registration('b')], reminded: { 'joining-details': ['a'] } }), facts())).toEqual([
      { kind: 'joining-details', to: ['b'] },
    ]);
  });

  it('holds the joining details email until there are details to send, and sends none once the event has begun', () => {
    const registered = [registration('a')];
    expect(dueReminders(meeting({ kind: 'review-3m', startsAt: hoursFromNow(20) }), book({ registrations: registered }), facts())).toEqual([]);
    // Given an hour before, they still go.
    const joining = { link: '', details: 'Meeting ID 123 456, passcode 7890' };
    expect(dueReminders(meeting({ kind: 'review-3m', startsAt: hoursFromNow(1) }), book({ joining, registrations: registered }), facts())).toEqual([{ kind: 'joining-details', to: ['a'] }]);
    expect(dueReminders(meeting({ kind: 'review-3m', status: 'live', startsAt: hoursFromNow(-1) }), book({ joining, registrations: registered }), facts())).toEqual([]);
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

  it('asks those who were there for feedback after a session', () => {
    const session = meeting({ id: 's1', kind: 'tailored-support', status: 'closed', startsAt: hoursFromNow(-3) });
    const site = facts({ attended: { s1: ['a', 'c'] }, responses: [answer('a', 'baseline'), answer('c', 'feedback', 's1')] });
    expect(dueReminders(session, book(), site)).toEqual([{ kind: 'feedback-survey', to: ['a'] }]);
  });

  it('asks those who came to a 3- or 6-month review for brief feedback, as the guide does after these meetings', () => {
    for (const kind of ['review-3m', 'review-6m'] as const) {
      const review = meeting({ id: 'r1', kind, status: 'closed', startsAt: hoursFromNow(-3) });
      const site = facts({ attended: { r1: ['a', 'b'] }, responses: [answer('b', 'feedback', 'r1')] });
      expect(dueReminders(review, book(), site)).toEqual([{ kind: 'feedback-survey', to: ['a'] }]);
    }
  });

  describe('the follow-up survey', () => {
    // Held in November, with a and b taking part; a answered the baseline, b did not.
    const consultation = meeting({ id: 'c1', status: 'closed', startsAt: '2026-11-20T10:00:00.000Z', attendeeIds: ['a', 'b'] });
    const closedWorkshop = { status: 'closed' as const, startsAt: hoursFromNow(-24 * 5), selfPaced: false };
    const module = (startsAt: string) => ({ status: 'scheduled' as const, startsAt, selfPaced: true });
    const baseline = [answer('a', 'baseline')];
    const followUp = (site: Partial<SiteFacts>) => dueReminders(consultation, book(), facts({ responses: baseline, ...site })).filter((r) => r.kind === 'follow-up-survey');

    it('goes to everyone who took part in the consultation once the last session is over, an online module counting once it opens', () => {
      expect(followUp({ sessions: [closedWorkshop, module(hoursFromNow(-24))] })).toEqual([{ kind: 'follow-up-survey', to: ['a', 'b'] }]);
      expect(followUp({ sessions: [closedWorkshop, module(hoursFromNow(24))] })).toEqual([]);
      expect(followUp({ sessions: [closedWorkshop, { ...closedWorkshop, status: 'scheduled' }] })).toEqual([]);
      // Not before the consultation has been held, and never twice, nor to someone who has answered it.
      expect(dueReminders({ ...consultation, status: 'scheduled' }, book(), facts({ sessions: [closedWorkshop] })).filter((r) => r.kind === 'follow-up-survey')).toEqual([]);
      expect(dueReminders(consultation, book({ reminded: { 'follow-up-survey': ['a'] } }), facts({ sessions: [closedWorkshop], responses: [answer('b', 'follow-up')] }))).toEqual([]);
    });

    it('goes when the sessions window ends for a site that takes none, or whose last session was left open', () => {
      expect(followUp({ sessions: [], tailoredTo: '2027-01-10' })).toEqual([]);
      expect(followUp({ sessions: [], tailoredTo: '2027-01-09' })).toEqual([{ kind: 'follow-up-survey', to: ['a', 'b'] }]);
      expect(followUp({ sessions: [{ ...closedWorkshop, status: 'live' }], tailoredTo: '2027-01-09' })).toEqual([{ kind: 'follow-up-survey', to: ['a', 'b'] }]);
      // A session booked after the window holds it back until it has taken place.
      expect(followUp({ sessions: [{ ...closedWorkshop, status: 'scheduled', startsAt: hoursFromNow(24) }], tailoredTo: '2027-01-09' })).toEqual([]);
    });

    it('stops once it is past due, two weeks after the support was over, and only then stops looking', () => {
      const site = { sessions: [], tailoredTo: '2026-12-27' };
      expect(followUp(site)).toHaveLength(1);
      expect(mayHaveReminders(consultation, facts(site))).toBe(true);
      const late = { sessions: [], tailoredTo: '2026-12-26' };
      expect(followUp(late)).toEqual([]);
      expect(mayHaveReminders(consultation, facts(late))).toBe(false);
    });

    it('counts the support over at whichever came first: the last session, or the window’s end', () => {
      expect(tailoredSupportOverAt([closedWorkshop], '2027-01-07', now)).toBe(closedWorkshop.startsAt);
      expect(tailoredSupportOverAt([{ ...closedWorkshop, status: 'live' }], '2027-01-07', now)).toBe('2027-01-07T23:59:59.999Z');
      expect(tailoredSupportOverAt([], '2027-03-31', now)).toBeNull();
      // The follow-up is due 14 UK calendar days after that, at the day's end (in summer time from April).
      expect(followUpDueBy([], '2027-01-01', now)).toBe('2027-01-15T23:59:59.999Z');
      expect(followUpDueBy([], '2027-03-31', now)).toBe('2027-04-14T22:59:59.999Z');
    });
  });

  it('looks only at events to come and those that ended in the last week (and held consultations whose follow-up is being sent)', () => {
    expect(mayHaveReminders(meeting(), facts())).toBe(true);
    expect(mayHaveReminders(meeting({ status: 'closed', startsAt: hoursFromNow(-24 * 6) }), facts())).toBe(true);
    expect(mayHaveReminders(meeting({ status: 'closed', startsAt: hoursFromNow(-24 * 8) }), facts())).toBe(false);
  });
});
