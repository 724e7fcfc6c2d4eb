import { describe, expect, it } from 'vitest';
import { formatDate } from '@shared/format';
import { ProgrammePlan, StoredProgrammePlan } from '@shared/programme/plan';
import { siteTimeline } from '@shared/programme/timeline';
import type { TimelineFacts, TimelineMeeting } from '@shared/programme/timeline-facts';
import { timelineFacts, timelineMeeting, wave2 } from '../helpers/timeline-facts';

/**
 * Guide section 6: the Centre suggests a date for the review meetings by 7 January and the lead
 * confirms it by 17 January, early in the 3 to 31 January consultation window; for both reviews.
 */
const review = (kind: 'review-3m' | 'review-6m', over: Partial<TimelineMeeting> = {}): TimelineMeeting =>
  timelineMeeting({ id: kind, kind, startsAt: kind === 'review-3m' ? '2022-04-20T09:00:00.000Z' : '2022-06-22T09:00:00.000Z', takesPart: true, ...over });

const facts = (over: Partial<TimelineFacts>): TimelineFacts => timelineFacts({ now: new Date('2022-01-10T12:00:00Z'), viewerRole: 'lead', surveyOpened: true, ...over });
const todo = (f: TimelineFacts, id: string) => siteTimeline(f).todos.find((t) => t.id === id);

describe('the review meetings’ dates', () => {
  it('are confirmed by 17 January in the guide’s wave 2, two weeks into the consultation window', () => {
    expect(wave2.confirmReviewsBy).toBe('2022-01-17');
  });

  it('are suggested by the facilitator by 7 January, both reviews', () => {
    const facilitator = facts({ viewerRole: 'facilitator', now: new Date('2021-12-28T12:00:00Z') });
    for (const kind of ['review-3m', 'review-6m']) {
      const suggest = todo(facilitator, `suggest-${kind}`)!;
      expect(formatDate(suggest.by)).toBe('7 January 2022');
      expect(suggest).toMatchObject({ owner: 'you', status: 'due', target: { page: 'schedule-meeting', kind } });
    }
    expect(todo({ ...facilitator, meetings: [review('review-6m')] }, 'suggest-review-6m')?.status).toBe('done');
  });

  it('are confirmed by the lead by 17 January, both reviews, once each is suggested', () => {
    for (const kind of ['review-3m', 'review-6m'] as const) {
      const waiting = todo(facts({}), `confirm-${kind}`)!;
      expect(formatDate(waiting.by)).toBe('17 January 2022');
      expect(waiting).toMatchObject({ status: 'due', target: null, waiting: 'Waiting for the facilitator to suggest a date' });
      expect(todo(facts({ meetings: [review(kind)] }), `confirm-${kind}`)).toMatchObject({ target: { page: 'confirm-meeting', meetingId: kind } });
      expect(todo(facts({ meetings: [review(kind)], now: new Date('2022-01-18T12:00:00Z') }), `confirm-${kind}`)?.status).toBe('overdue');
      expect(todo(facts({ meetings: [review(kind, { confirmed: true })], now: new Date('2022-01-18T12:00:00Z') }), `confirm-${kind}`)?.status).toBe('done');
    }
    // The facilitator sees them as the lead's.
    expect(todo(facts({ viewerRole: 'facilitator' }), 'confirm-review-6m')?.owner).toBe('lead');
  });

  it('have their own date in the plan, in order, and a plan saved before it had one gets the guide’s', () => {
    const { confirmReviewsBy: _unset, ...older } = wave2;
    expect(StoredProgrammePlan.parse({ version: 3, ...older })).toEqual({ version: 3, ...wave2 });
    expect(ProgrammePlan.parse({ ...older, consultationFrom: '2022-01-10' }).confirmReviewsBy).toBe('2022-01-24');
    expect(ProgrammePlan.safeParse({ ...wave2, confirmReviewsBy: '2022-05-01' }).error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['review3mBy', 'The 3-month review comes after the deadline to confirm its date'],
    ]);
    expect(ProgrammePlan.safeParse({ ...wave2, confirmReviewsBy: '17 January' }).error?.issues[0]?.message).toBe('Enter the date by which the lead confirms the review meetings’ dates');
  });
});
