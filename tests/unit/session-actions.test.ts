import { describe, expect, it } from 'vitest';
import { AddSessionActionBody, sessionActions } from '@shared/goals/session-actions';
import type { GoalAction } from '@shared/goals/book';
import { RegistrationBook } from '@shared/programme/registration';

const action = (id: string, meetingId: string | null, due: string): GoalAction => ({
  id,
  what: `Action ${id}`,
  owner: 'Olu',
  ownerId: 'u-olu',
  due,
  done: false,
  createdBy: 'u-lead',
  createdAt: '2026-12-01T10:00:00.000Z',
  goalId: null,
  domainId: 6,
  meetingId,
});

describe('a tailored session’s actions', () => {
  it('are those the goal book holds from the session, by due date, after those its own book kept from before', () => {
    const book = { actions: [action('late', 's1', '2027-02-01'), action('other', 's2', '2027-01-01'), action('goal', null, '2027-01-01'), action('soon', 's1', '2027-01-05')] };
    const earlier = [{ id: 'old', what: 'Send the slides', owner: 'Fay', due: '2026-11-01', done: true, createdBy: 'u-f', createdAt: '2026-10-01T10:00:00.000Z' }];
    expect(sessionActions(book, earlier, 's1').map((a) => [a.id, a.earlier, a.meetingId])).toEqual([
      ['old', true, 's1'],
      ['soon', false, 's1'],
      ['late', false, 's1'],
    ]);
    // One kept from before names nobody on the site and is tied to nothing: it was free text then.
    expect(sessionActions(book, earlier, 's1')[0]).toMatchObject({ ownerId: null, goalId: null, domainId: null, done: true });
  });

  it('may name a member, a goal or a domain (never both), and without them parse as before', () => {
    const fields = { what: 'Share the form', owner: 'CAMHS team', due: '2027-01-05' };
    expect(AddSessionActionBody.parse(fields)).toEqual({ ...fields, ownerId: null, goalId: null, domainId: null });
    expect(AddSessionActionBody.parse({ ...fields, ownerId: 'u-olu', domainId: 6 })).toMatchObject({ ownerId: 'u-olu', goalId: null, domainId: 6 });
    const both = AddSessionActionBody.safeParse({ ...fields, goalId: 'g1', domainId: 6 });
    expect(both.error?.issues.map((i) => [i.path, i.message])).toEqual([[['domainId'], 'Tie it to a goal or to a domain, not both']]);
    expect(AddSessionActionBody.safeParse({ ...fields, domainId: 8 }).success).toBe(false);
  });

  it('kept in a session’s own book before still parse, as every stored book must', () => {
    const stored = { version: 3, closesAt: null, actions: [{ id: 'old', what: 'Send the slides', owner: 'Fay', due: '2026-11-01', done: false, createdBy: 'u-f', createdAt: '2026-10-01T10:00:00.000Z' }] };
    expect(RegistrationBook.parse(stored).actions).toHaveLength(1);
  });
});
