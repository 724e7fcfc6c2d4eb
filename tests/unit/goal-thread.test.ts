import { describe, expect, it } from 'vitest';
import { addAction, emptyGoalBook, goalsOverview, lockGoals, recordRating, recordReviews, setActionDone, type BookOutcome, type GoalBook } from '@shared/goals/book';
import { addCheckIn, addDecision, goalThreads, setGoalOwner } from '@shared/goals/thread';
import { CheckInBody, DecisionBody } from '@shared/goals/thread-schemas';
import { recordedAtMeeting } from '@shared/goals/recorded-at-meeting';
import { abilitiesOf, can, mayAsOwner } from '@shared/policy';
import { addCalendarDays, addUkDays, ukDay } from '@shared/dates';

// Every date relative to today: the consultation today, a review three weeks on.
const today = ukDay(new Date());
const consultation = { id: 'm-consult', kind: 'consultation' as const, startsAt: new Date().toISOString(), startedAt: null };
const review = { id: 'm-review', kind: 'review-3m' as const, startsAt: addUkDays(new Date(), 21), startedAt: null };
const smart = (wording: string) => ({
  wording,
  specific: 'Secondary schools and the CYPMHS team',
  measurable: { measure: 'Schools with a named link worker', target: '20 of 20 schools' },
  achievable: { ownerOrganisation: 'Demo CYPMHS', ownerName: 'Sam', resources: 'MHST time' },
  relevantDomains: [2 as const],
  dueDate: addCalendarDays(today, 60),
});
const drafts = ['g1', 'g2', 'g3'].map((id) => ({ id, proposedBy: 'u1', proposedByName: 'Ann', createdAt: 1, draft: smart(`Goal ${id}`) }));

function ok(outcome: BookOutcome): GoalBook {
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.book;
}
const locked = ok(lockGoals(emptyGoalBook(), { meetingId: consultation.id, goalIds: ['g1', 'g2', 'g3'], drafts, overrides: {}, reviewBy: addCalendarDays(today, 180), actorId: 'f1', now: new Date() }));
const rated = ok(recordRating(locked, { goalId: 'g1', rating: 2, meeting: consultation, actorId: 'f1', now: new Date() }));
const body = (over: object) => CheckInBody.parse({ rating: null, confidence: 'likely', happened: 'Things moved', ...over });
const later = (days: number) => new Date(addUkDays(new Date(), days));

describe('goal owners', () => {
  it('are named for locked goals only, and naming the same owner again changes nothing', () => {
    const owned = ok(setGoalOwner(locked, { goalId: 'g1', ownerId: 'u2' }));
    expect(owned.goals[0]!.ownerId).toBe('u2');
    expect(owned.version).toBe(locked.version + 1);
    expect(ok(setGoalOwner(owned, { goalId: 'g1', ownerId: 'u2' }))).toBe(owned);
    expect(setGoalOwner(locked, { goalId: 'nope', ownerId: 'u2' })).toEqual({ ok: false, error: 'That goal is not one of the locked goals' });
    expect(goalsOverview(owned, 3, { u2: 'Olu Owner' }).goals[0]!.owner).toEqual({ id: 'u2', name: 'Olu Owner' });
  });

  it('may check in and tick off their own actions; a stakeholder who is not the owner may not', () => {
    const stakeholder = { role: 'stakeholder' as const, facilitatorAccount: false };
    expect(can({ ...stakeholder, owns: true }, 'check-in-on-goal')).toBe(true);
    expect(can(stakeholder, 'check-in-on-goal')).toBe(false);
    expect(can({ ...stakeholder, owns: true }, 'complete-action')).toBe(true);
    expect(can(stakeholder, 'complete-action')).toBe(false);
    expect(can({ role: null, facilitatorAccount: false, owns: true }, 'check-in-on-goal')).toBe(false);
    expect(can({ role: 'lead', facilitatorAccount: false }, 'check-in-on-goal')).toBe(true);
    // What a page works out from the site's abilities and the action's owner: the same answers.
    const abilities = (role: 'lead' | 'stakeholder') => abilitiesOf({ role, facilitatorAccount: false }, 'site');
    for (const ability of ['complete-action', 'check-in-on-goal'] as const) {
      expect(mayAsOwner(ability, abilities('stakeholder'), 'u2', 'u2')).toBe(true);
      expect(mayAsOwner(ability, abilities('stakeholder'), 'u3', 'u2')).toBe(false);
      expect(mayAsOwner(ability, abilities('stakeholder'), null, 'u2')).toBe(false);
      expect(mayAsOwner(ability, abilities('lead'), null, 'u1')).toBe(true);
    }
  });
});

describe('check-ins', () => {
  it('are appended, never changed, with what happened required and the rating answered, if only to say it is not rated now', () => {
    expect(CheckInBody.safeParse({ rating: null, confidence: 'likely', happened: ' ' }).success).toBe(false);
    expect(CheckInBody.safeParse({ rating: null, confidence: 'maybe', happened: 'x' }).success).toBe(false);
    expect(CheckInBody.safeParse({ confidence: 'likely', happened: 'x', rating: 10.5 }).success).toBe(false);
    expect(CheckInBody.safeParse({ confidence: 'likely', happened: 'x' }).error?.issues.map((i) => i.message)).toEqual(['Select a rating from 0 to 10, or select that you would rather not rate it now']);
    const first = ok(addCheckIn(rated, { id: 'c1', goalId: 'g1', body: body({ rating: 3 }), actor: { id: 'u2', name: 'Olu' }, now: later(1) }));
    const second = ok(addCheckIn(first, { id: 'c2', goalId: 'g1', body: body({}), actor: { id: 'u2', name: 'Olu' }, now: later(2) }));
    expect(second.checkIns.map((c) => [c.id, c.rating])).toEqual([['c1', 3], ['c2', null]]);
    expect(second.checkIns[0]).toEqual(first.checkIns[0]);
    expect(addCheckIn(rated, { id: 'c3', goalId: 'nope', body: body({}), actor: { id: 'u2', name: 'Olu' }, now: later(1) })).toMatchObject({ ok: false });
  });
});

describe('the thread a review opens on', () => {
  it('holds the last agreed rating before the review, the check-ins since it, the actions and the blockers, newest blocker first', () => {
    let book = ok(addCheckIn(rated, { id: 'c1', goalId: 'g1', body: body({ confidence: 'at-risk', inTheWay: 'No CYPMHS contact', helpNeeded: 'Introductions', helpFrom: 'Lead' }), actor: { id: 'u2', name: 'Olu' }, now: later(3) }));
    book = ok(addCheckIn(book, { id: 'c2', goalId: 'g1', body: body({ inTheWay: 'Staff away' }), actor: { id: 'u2', name: 'Olu' }, now: later(10) }));
    book = ok(addAction(book, { id: 'a1', action: { goalId: 'g1', domainId: null, what: 'Introduce', owner: 'Olu', ownerId: 'u2', due: addCalendarDays(today, 14), meetingId: null }, actorId: 'f1', now: later(3) }));
    book = ok(addAction(book, { id: 'a2', action: { goalId: 'g1', domainId: null, what: 'Map schools', owner: 'Olu', ownerId: 'u2', due: addCalendarDays(today, 20), meetingId: null }, actorId: 'f1', now: later(3) }));
    book = ok(setActionDone(book, { actionId: 'a1', done: true }));
    book = ok(addDecision(book, { id: 'd1', decision: { ...DecisionBody.parse({ text: 'One referral form', goalId: 'g1' }), meetingId: null }, actorId: 'f1', now: later(4) }));
    const [thread] = goalThreads(book, review);
    expect(thread).toMatchObject({ goalId: 'g1', lastAgreed: { rating: 2 } });
    expect(thread!.checkInsSince.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(thread!.openActions.map((a) => a.id)).toEqual(['a2']);
    expect(thread!.doneActions.map((a) => a.id)).toEqual(['a1']);
    expect(thread!.blockers.map((b) => b.inTheWay)).toEqual(['Staff away', 'No CYPMHS contact']);
    expect(thread!.decisions.map((d) => d.text)).toEqual(['One referral form']);
    // Once the review rates the goal, a later review's thread starts from that rating.
    const reRated = ok(recordRating(book, { goalId: 'g1', rating: 5, meeting: review, actorId: 'f1', now: later(21) }));
    const next = goalThreads(reRated, { id: 'm-6m', startsAt: addUkDays(new Date(), 90), startedAt: null })[0]!;
    expect(next.lastAgreed?.rating).toBe(5);
    expect(next.checkInsSince).toEqual([]);
  });

  it('dates what a review agreed by the day it was started, not the day it was booked for', () => {
    // Booked for three months on, started today: its rating is today's, and a 6-month review
    // booked sooner than that booking opens on it (it once opened on the consultation's).
    const startedEarly = { id: 'm-3m', kind: 'review-3m' as const, startsAt: addUkDays(new Date(), 90), startedAt: later(1).toISOString() };
    const reRated = ok(recordRating(rated, { goalId: 'g1', rating: 4, meeting: startedEarly, actorId: 'f1', now: later(1) }));
    expect(reRated.ratings.at(-1)).toMatchObject({ meetingId: 'm-3m', meetingDate: startedEarly.startedAt });
    const [next] = goalThreads(reRated, { id: 'm-6m', startsAt: addUkDays(new Date(), 5), startedAt: null });
    expect(next!.lastAgreed).toEqual({ rating: 4, meetingDate: startedEarly.startedAt });
    const reviewed = ok(recordReviews(reRated, startedEarly, [{ id: 'g1', progress: 'Two schools mapped', barriers: '', overcome: '' }]));
    expect(reviewed.reviews[0]).toMatchObject({ meetingId: 'm-3m', meetingDate: startedEarly.startedAt });
  });

  it('sums up what one meeting recorded: its actions by due date and its decisions, each with what it is about', () => {
    let book = ok(addAction(rated, { id: 'a1', action: { goalId: null, domainId: 6, what: 'Map the access points', owner: 'Olu', ownerId: 'u2', due: addCalendarDays(today, 30), meetingId: 'm-review' }, actorId: 'f1', now: later(1) }));
    book = ok(addAction(book, { id: 'a2', action: { goalId: 'g2', domainId: null, what: 'Brief the heads', owner: 'Ann', ownerId: null, due: addCalendarDays(today, 10), meetingId: 'm-review' }, actorId: 'f1', now: later(1) }));
    book = ok(addAction(book, { id: 'a3', action: { goalId: 'g1', domainId: null, what: 'Agreed elsewhere', owner: 'Ann', ownerId: null, due: addCalendarDays(today, 5), meetingId: 'm-other' }, actorId: 'f1', now: later(1) }));
    book = ok(addDecision(book, { id: 'd1', decision: { ...DecisionBody.parse({ text: 'One referral form', goalId: 'g1' }), meetingId: 'm-review' }, actorId: 'f1', now: later(2) }));
    book = ok(addDecision(book, { id: 'd2', decision: { ...DecisionBody.parse({ text: 'Not this one' }), meetingId: null }, actorId: 'f1', now: later(2) }));
    const { actions, decisions } = recordedAtMeeting(goalsOverview(book, 3, {}), 'm-review');
    expect(actions.map((a) => [a.id, a.about])).toEqual([['a2', 'Goal 2'], ['a1', '6. Integrated working and access']]);
    expect(decisions.map((d) => [d.text, d.about])).toEqual([['One referral form', 'Goal 1']]);
  });

  it('refuses a decision about a goal that is not locked', () => {
    expect(addDecision(locked, { id: 'd1', decision: { ...DecisionBody.parse({ text: 'x', goalId: 'nope' }), meetingId: null }, actorId: 'f1', now: new Date() })).toMatchObject({ ok: false });
    expect(ok(addDecision(locked, { id: 'd2', decision: { ...DecisionBody.parse({ text: 'Shared training calendar', domainId: 5 }), meetingId: 'm-1' }, actorId: 'f1', now: new Date() })).decisions[0]).toMatchObject({ goalId: null, domainId: 5 });
  });
});
