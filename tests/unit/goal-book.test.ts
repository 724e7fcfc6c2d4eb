import { describe, expect, it } from 'vitest';
import { can } from '@shared/policy';
import * as Y from 'yjs';
import { offerGoalsUpdate } from '../helpers/guard';
import {
  addAction,
  editGoal,
  emptyGoalBook,
  goalsOverview,
  lockGoals,
  recordRating,
  recordReviews,
  setActionDone,
  type GoalBook,
} from '@shared/goals/book';
import { addGoalDraft, goalDraftText, readGoalDrafts, setGoalDraftField, type DraftGoal } from '@shared/goals/drafts';
import type { GoalDraft } from '@shared/goals/smart';
import { sixMonthReviewDay } from '@shared/programme/plan';
import { applyAction, FacilitationAction, initialFacilitationState, viewFor } from '@shared/meetings/facilitation';

const now = new Date('2027-01-15T10:00:00Z');
const reviewBy = '2027-07-15';
const smart = (wording: string): GoalDraft => ({
  wording,
  specific: 'Secondary schools and the CYPMHS team',
  measurable: { measure: 'Schools with a named link worker', target: '20 of 20 schools' },
  achievable: { ownerOrganisation: 'Demo CYPMHS', ownerName: 'Sam', resources: 'MHST time' },
  relevantDomains: [2],
  dueDate: '2027-06-30',
});
const draft = (id: string, goal: GoalDraft = smart(`Goal ${id}`)): DraftGoal => ({ id, proposedBy: 'u1', proposedByName: 'Ann', createdAt: 1, draft: goal });
const drafts = [draft('goal-aa'), draft('goal-bb'), draft('goal-cc'), draft('goal-dd'), draft('goal-vague', { ...smart('Improve links'), measurable: { measure: '', target: '' } })];
const consultation = { id: 'm-consult', kind: 'consultation' as const, startsAt: '2027-01-15T10:00:00.000Z', startedAt: null };

function ok(outcome: ReturnType<typeof lockGoals>): GoalBook {
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.book;
}
const lock = (goalIds: string[], overrides = {}) =>
  lockGoals(emptyGoalBook(), { meetingId: consultation.id, goalIds, drafts, overrides, reviewBy, actorId: 'f1', now });

describe('locking goals', () => {
  it('locks exactly three SMART goals, in the order chosen', () => {
    const book = ok(lock(['goal-cc', 'goal-aa', 'goal-bb']));
    expect(book.goals.map((g) => [g.id, g.position])).toEqual([['goal-cc', 1], ['goal-aa', 2], ['goal-bb', 3]]);
    expect(book.version).toBe(1);
    expect(lockGoals(book, { meetingId: 'x', goalIds: ['goal-aa', 'goal-bb', 'goal-dd'], drafts, overrides: {}, reviewBy, actorId: 'f1', now })).toEqual({
      ok: false,
      error: 'The goals for this site are already locked',
    });
  });

  it('refuses two, four or a repeated goal', () => {
    expect(lock(['goal-aa', 'goal-bb'])).toEqual({ ok: false, error: 'Choose exactly 3 goals to lock; 2 are chosen' });
    expect(lock(['goal-aa', 'goal-bb', 'goal-cc', 'goal-dd'])).toMatchObject({ ok: false, error: expect.stringContaining('4 are chosen') });
    expect(lock(['goal-aa', 'goal-aa', 'goal-bb'])).toMatchObject({ ok: false, error: 'Choose exactly 3 goals to lock; 2 are chosen' });
  });

  it('refuses a goal failing the SMART check unless it carries an override', () => {
    expect(lock(['goal-aa', 'goal-bb', 'goal-vague'])).toMatchObject({ ok: false, error: expect.stringContaining('does not pass the SMART check') });
    const book = ok(lock(['goal-aa', 'goal-bb', 'goal-vague'], { 'goal-vague': { reason: 'Measure agreed next month', by: 'f1', at: now.toISOString() } }));
    expect(book.goals[2]!.override?.reason).toBe('Measure agreed next month');
  });
});

describe('rating, editing and actions', () => {
  const locked = ok(lock(['goal-aa', 'goal-bb', 'goal-cc']));

  it('records a baseline and review ratings and computes change from baseline', () => {
    let book = ok(recordRating(locked, { goalId: 'goal-aa', rating: 2, meeting: consultation, actorId: 'f1', now }));
    book = ok(recordRating(book, { goalId: 'goal-aa', rating: 3, meeting: consultation, actorId: 'f1', now }));
    book = ok(recordRating(book, { goalId: 'goal-aa', rating: 7, meeting: { id: 'm-6', kind: 'review-6m', startsAt: '2027-07-10T10:00:00.000Z', startedAt: null }, actorId: 'f1', now }));
    book = ok(recordRating(book, { goalId: 'goal-aa', rating: 5, meeting: { id: 'm-3', kind: 'review-3m', startsAt: '2027-04-10T10:00:00.000Z', startedAt: null }, actorId: 'f1', now }));
    const [first] = goalsOverview(book, 3).goals;
    expect(first!.series.map((s) => [s.meetingKind, s.rating])).toEqual([['consultation', 3], ['review-3m', 5], ['review-6m', 7]]);
    expect(first!.progress).toEqual({ baseline: 3, latest: 7, change: 4, meaningful: true });
    expect(goalsOverview(book, 5).goals[0]!.progress.meaningful).toBe(false);
  });

  it('refuses ratings outside 0–10, unknown goals and tailored sessions', () => {
    for (const rating of [11, -1, 2.5]) expect(recordRating(locked, { goalId: 'goal-aa', rating, meeting: consultation, actorId: 'f1', now })).toMatchObject({ ok: false, error: 'Give a rating from 0 to 10' });
    expect(recordRating(locked, { goalId: 'goal-zz', rating: 3, meeting: consultation, actorId: 'f1', now })).toMatchObject({ ok: false, error: 'That goal is not one of the locked goals' });
    expect(recordRating(locked, { goalId: 'goal-aa', rating: 3, meeting: { ...consultation, kind: 'tailored-support' }, actorId: 'f1', now })).toMatchObject({ ok: false, error: 'Goals are rated at the consultation and at review meetings' });
  });

  it('lets only a facilitator or lead change a locked goal, recording before, after and why', () => {
    const changed = { ...smart('Goal aa, reworded'), dueDate: '2027-05-01' };
    // Who may change a goal is the policy's to say (shared/policy.ts), before the book is asked.
    expect(can({ role: 'stakeholder', facilitatorAccount: false }, 'edit-goals')).toBe(false);
    expect(can({ role: 'lead', facilitatorAccount: false }, 'edit-goals')).toBe(true);
    expect(editGoal(locked, { goalId: 'goal-aa', draft: { ...changed, dueDate: '2028-01-01' }, reason: 'x', basedOnRevision: 0, actor: { id: 'l1', name: 'Lee'}, now })).toMatchObject({ ok: false, error: 'The changed goal does not pass the SMART check: the due date is after the 6-month review; bring it within the programme' });
    const book = ok(editGoal(locked, { goalId: 'goal-aa', draft: changed, reason: 'Sharper wording', basedOnRevision: 0, actor: { id: 'l1', name: 'Lee'}, now }));
    expect(book.goals[0]!.draft.wording).toBe('Goal aa, reworded');
    expect(book.revisions).toEqual([expect.objectContaining({ goalId: 'goal-aa', by: 'l1', byName: 'Lee', reason: 'Sharper wording', before: smart('Goal goal-aa'), after: changed })]);
    // The same change again (a second click) leaves the goal as it is; another begun before this one is refused.
    expect(editGoal(book, { goalId: 'goal-aa', draft: changed, reason: 'Sharper wording', basedOnRevision: 0, actor: { id: 'l1', name: 'Lee' }, now })).toEqual({ ok: true, book });
    const stale = editGoal(book, { goalId: 'goal-aa', draft: smart('Goal aa, other words'), reason: 'Clearer', basedOnRevision: 0, actor: { id: 'f1', name: 'Fran' }, now });
    expect(stale).toMatchObject({ ok: false, status: 409 });
    expect(ok(editGoal(book, { goalId: 'goal-aa', draft: smart('Goal aa, other words'), reason: 'Clearer', basedOnRevision: 1, actor: { id: 'f1', name: 'Fran' }, now })).revisions).toHaveLength(2);
  });

  it('tracks actions and the notes of a review', () => {
    let book = ok(addAction(locked, { id: 'a1', action: { goalId: 'goal-bb', domainId: null, what: 'Map link workers', owner: 'Sam', due: '2027-03-01', meetingId: null, ownerId: null }, actorId: 's1', now }));
    book = ok(setActionDone(book, { actionId: 'a1', done: true }));
    expect(setActionDone(book, { actionId: 'nope', done: true })).toMatchObject({ ok: false, error: 'That action does not exist' });
    book = ok(recordReviews(book, { id: 'm-3', kind: 'review-3m', startsAt: '2027-04-10T10:00:00.000Z', startedAt: null }, [
      { id: 'goal-bb', progress: 'Half the schools named', barriers: 'Staff turnover', overcome: 'Shared rota' },
      { id: 'goal-cc', progress: '', barriers: '', overcome: '' },
      { id: 'not-a-goal', progress: 'x', barriers: '', overcome: '' },
    ]));
    const overview = goalsOverview(book, 3);
    expect(overview.goals[1]!.doneActions.map((a) => a.id)).toEqual(['a1']);
    expect(overview.goals[1]!.reviews).toEqual([expect.objectContaining({ meetingKind: 'review-3m', barriers: 'Staff turnover' })]);
    expect(overview.goals[2]!.reviews).toEqual([]);
  });
});

describe('goal drafts on the board', () => {
  it('accepts a draft by its proposer and co-editing by others, and reads it back as a SMART draft', () => {
    const server = new Y.Doc();
    const change = (sender: string, edit: (doc: Y.Doc) => void) => {
      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
      const before = Y.encodeStateVector(client);
      edit(client);
      const update = Y.encodeStateAsUpdate(client, before);
      const refusal = offerGoalsUpdate(server, update, sender);
      if (!refusal) Y.applyUpdate(server, update);
      return refusal;
    };
    expect(change('u1', (d) => addGoalDraft(d, 'goal-001', { id: 'u1', name: 'Ann' }))).toBeNull();
    expect(change('u2', (d) => goalDraftText(d, 'goal-001', 'wording')!.insert(0, 'Every school has a link worker'))).toBeNull();
    expect(change('u2', (d) => setGoalDraftField(d, 'goal-001', 'relevantDomains', [2, 1]))).toBeNull();
    expect(change('u2', (d) => setGoalDraftField(d, 'goal-001', 'dueDate', '2027-06-30'))).toBeNull();
    expect(readGoalDrafts(server)).toEqual([expect.objectContaining({ id: 'goal-001', proposedByName: 'Ann', draft: expect.objectContaining({ wording: 'Every school has a link worker', relevantDomains: [1, 2], dueDate: '2027-06-30' }) })]);

    expect(change('u2', (d) => addGoalDraft(d, 'goal-002', { id: 'u1', name: 'Ann' }))).toMatch(/author/);
    expect(change('u2', (d) => setGoalDraftField(d, 'goal-001', 'dueDate', 'next year'))).toMatch(/dueDate is not valid/);
    expect(change('u2', (d) => setGoalDraftField(d, 'goal-001', 'relevantDomains', [9] as never))).toMatch(/relevantDomains/);
    expect(change('u2', (d) => goalDraftText(d, 'goal-001', 'ownerName')!.insert(0, 'x'.repeat(121)))).toMatch(/at most 120/);
  });
});

describe('goals phase of the meeting', () => {
  const facilitator = { userId: 'f1', role: 'facilitator' as const, name: 'Fay' };
  const stakeholder = { userId: 's1', role: 'stakeholder' as const, name: 'Sam' };
  // 'goal-aa' is both proposed in the meeting and (for the ratings) one of the locked goals.
  const goals = { drafts: ['goal-aa'], locked: ['goal-aa'] };
  const inGoals = () => ({ ...initialFacilitationState(), phase: 'goals' as const });
  const looking = (userId: string) => ({ userId, role: 'stakeholder' as const, meeting: { kind: 'consultation' as const, lockedGoalIds: ['goal-aa'] } });
  const act = (state: ReturnType<typeof initialFacilitationState>, raw: unknown, actor: { userId: string; role: 'facilitator' | 'stakeholder'; name: string }) => {
    const outcome = applyAction(state, FacilitationAction.parse(raw), { actor, now, preRatings: [], kind: 'consultation', goals });
    if (!outcome.ok) throw new Error(outcome.error);
    return outcome.state;
  };

  it('keeps private goal ratings secret until revealed, then shows only counts', () => {
    let state = act(inGoals(), { type: 'rate-goal-privately', goalId: 'goal-aa', rating: 4 }, stakeholder);
    state = act(state, { type: 'rate-goal-privately', goalId: 'goal-aa', rating: 6 }, facilitator);
    expect(viewFor(state, looking('s1'), now).goals).toMatchObject({ myRatings: { 'goal-aa': 4 }, raters: { 'goal-aa': 2 }, revealedRatings: {} });
    expect(() => act(state, { type: 'reveal-goal-ratings', goalId: 'goal-aa' }, stakeholder)).toThrow(/Only a facilitator/);
    // Two raters could each read the other's rating from the counts: refused, saying why.
    expect(() => act(state, { type: 'reveal-goal-ratings', goalId: 'goal-aa' }, facilitator)).toThrow(/Only 2 people have rated this goal yet/);
    expect(() => act(inGoals(), { type: 'reveal-goal-ratings', goalId: 'goal-aa' }, facilitator)).toThrow(/Nobody has rated/);
    state = act(state, { type: 'rate-goal-privately', goalId: 'goal-aa', rating: 4 }, { userId: 's2', role: 'stakeholder', name: 'Sol' });
    state = act(state, { type: 'reveal-goal-ratings', goalId: 'goal-aa' }, facilitator);
    expect(viewFor(state, looking('x'), now).goals.revealedRatings['goal-aa']).toEqual([0, 0, 0, 0, 2, 0, 1, 0, 0, 0, 0]);
    expect(() => FacilitationAction.parse({ type: 'rate-goal-privately', goalId: 'goal-aa', rating: 11 })).toThrow();
  });

  it('takes ratings and stances only for goals of this book, and says which goals each may still rate', () => {
    expect(() => act(inGoals(), { type: 'rate-goal-privately', goalId: 'goal-made-up', rating: 4 }, stakeholder)).toThrow('That goal is not one of the locked goals');
    expect(() => act(inGoals(), { type: 'respond-to-goal', goalId: 'goal-made-up', stance: 'agree' }, stakeholder)).toThrow('That goal has not been proposed in this meeting');
    let state = act(inGoals(), { type: 'rate-goal-privately', goalId: 'goal-aa', rating: 4 }, stakeholder);
    expect(viewFor(state, looking('s1'), now).goals.abilities).toEqual({ 'goal-aa': { rate: true, reveal: false, recordRating: false } });
    for (const userId of ['s2', 's3']) state = act(state, { type: 'rate-goal-privately', goalId: 'goal-aa', rating: 5 }, { ...stakeholder, userId });
    state = act(state, { type: 'reveal-goal-ratings', goalId: 'goal-aa' }, facilitator);
    expect(viewFor(state, looking('s1'), now).goals.abilities['goal-aa']!.rate).toBe(false);
  });

  it('records stances (a concern needs a comment), shortlists and overrides', () => {
    let state = act(inGoals(), { type: 'respond-to-goal', goalId: 'goal-aa', stance: 'agree' }, stakeholder);
    expect(() => act(state, { type: 'respond-to-goal', goalId: 'goal-aa', stance: 'concerns' }, stakeholder)).toThrow(/concern/);
    state = act(state, { type: 'shortlist-goal', goalId: 'goal-aa', shortlisted: true }, facilitator);
    expect(() => act(state, { type: 'override-smart', goalId: 'goal-aa', reason: 'ok' }, stakeholder)).toThrow(/Only a facilitator/);
    state = act(state, { type: 'override-smart', goalId: 'goal-aa', reason: 'Target set by the ICB in March' }, facilitator);
    expect(viewFor(state, looking('s1'), now).goals).toMatchObject({
      shortlist: ['goal-aa'],
      stances: { 'goal-aa': { s1: { stance: 'agree', name: 'Sam' } } },
      overrides: { 'goal-aa': { reason: 'Target set by the ICB in March', by: 'f1' } },
    });
  });
});

describe('review window', () => {
  const plan = { review6mBy: '2027-06-30' };
  it('ends on the site’s 6-month review day: the booked meeting’s UK day, otherwise the programme’s date', () => {
    expect(sixMonthReviewDay(plan, [])).toBe('2027-06-30');
    expect(sixMonthReviewDay(plan, [{ kind: 'review-6m', status: 'scheduled', startsAt: '2027-07-20T09:00:00Z' }])).toBe('2027-07-20');
    // 00:30 on 1 July in summer time is still 30 June in UTC: the UK day counts.
    expect(sixMonthReviewDay(plan, [{ kind: 'review-6m', status: 'scheduled', startsAt: '2027-06-30T23:30:00Z' }])).toBe('2027-07-01');
    expect(sixMonthReviewDay(plan, [{ kind: 'review-6m', status: 'cancelled', startsAt: '2027-07-20T09:00:00Z' }])).toBe('2027-06-30');
  });
});
