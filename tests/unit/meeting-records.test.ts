import { describe, expect, it } from 'vitest';
import { addAction, emptyGoalBook, GoalBook, goalsOverview, type BookOutcome } from '@shared/goals/book';
import { RecordActionAction, RecordDecisionAction, tieLabel } from '@shared/goals/meeting-records';
import { MeetingAction } from '@shared/realtime';
import { addCalendarDays, ukDay } from '@shared/dates';

const due = addCalendarDays(ukDay(new Date()), 30);
function ok(outcome: BookOutcome): GoalBook {
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.book;
}

describe('actions and decisions recorded in a meeting', () => {
  it('are meeting actions, tied to a domain, a goal or neither', () => {
    expect(MeetingAction.parse({ type: 'record-action', what: 'Share the referral form', ownerId: 'u1', due, domainId: 6 })).toEqual({ type: 'record-action', what: 'Share the referral form', ownerId: 'u1', due, goalId: null, domainId: 6 });
    expect(MeetingAction.parse({ type: 'record-decision', text: 'One referral form', goalId: 'g1' })).toEqual({ type: 'record-decision', text: 'One referral form', goalId: 'g1', domainId: null });
    expect(RecordDecisionAction.parse({ type: 'record-decision', text: 'For the programme' })).toMatchObject({ goalId: null, domainId: null });
  });

  it('are tied to a goal or to a domain, never both', () => {
    const both = RecordDecisionAction.safeParse({ type: 'record-decision', text: 'x', goalId: 'g1', domainId: 2 });
    expect(both.success).toBe(false);
    expect(both.error?.issues[0]).toMatchObject({ message: 'Tie it to a goal or to a domain, not both', path: ['domainId'] });
  });

  it('refuse an action with nothing to do, nobody to do it, no date or a domain that is not one of the seven, in words', () => {
    const refused = RecordActionAction.safeParse({ type: 'record-action', what: ' ', ownerId: '', due: '2027-02-31', domainId: 8 });
    expect(refused.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['what', 'Enter what will be done'],
      ['ownerId', 'Choose who will do it'],
      ['due', 'Date it is due must be a real date'],
      ['domainId', 'Choose one of the seven CASCADE domains (1 to 7)'],
    ]);
  });

  it('say what they are about in the record: the goal’s number or the domain', () => {
    expect(tieLabel({ goalId: 'g2', domainId: null }, [{ id: 'g2', position: 2 }])).toBe('Goal 2');
    expect(tieLabel({ goalId: null, domainId: 6 }, [])).toBe('6. Integrated working and access');
    expect(tieLabel({ goalId: null, domainId: null }, [])).toBeNull();
  });

  it('keep a domain’s action in the goal book before any goal is locked, among the actions tied to no goal', () => {
    const book = ok(addAction(emptyGoalBook(), { id: 'a1', action: { what: 'Map the referral routes', owner: 'Olu', ownerId: 'u2', due, goalId: null, domainId: 6, meetingId: 'm1' }, actorId: 'f1', now: new Date() }));
    expect(goalsOverview(book, 3).otherActions).toEqual([expect.objectContaining({ id: 'a1', domainId: 6, meetingId: 'm1', ownerId: 'u2', done: false })]);
    expect(addAction(emptyGoalBook(), { id: 'a2', action: { what: 'x', owner: 'Olu', ownerId: null, due, goalId: 'g9', domainId: null, meetingId: null }, actorId: 'f1', now: new Date() })).toEqual({ ok: false, error: 'That goal is not one of the locked goals' });
  });

  it('reads an action stored before domains could be named as tied to its goal and no domain', () => {
    const stored = { ...emptyGoalBook(), actions: [{ id: 'a1', goalId: 'g1', meetingId: null, what: 'Old', owner: 'Sam', due, done: false, createdBy: 'f1', createdAt: new Date().toISOString() }] };
    expect(GoalBook.parse(stored).actions[0]).toMatchObject({ goalId: 'g1', domainId: null, ownerId: null });
  });
});
