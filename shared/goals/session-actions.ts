import type { z } from 'zod';
import { AddGoalActionBody, type GoalAction, type GoalBook } from './book';
import { tiedTo } from './meeting-records';
import { oneTie, oneTieMessage } from './thread-schemas';
import type { TrackedAction } from '../actions';

/**
 * A tailored session's actions are kept in the site's goal book, beside the goals' and the
 * meetings' own, with the session as the meeting they were agreed at (`meetingId`). One book of
 * actions means one rule for each thing: who may tick one off (the policy's 'complete-action'),
 * how many one person may add (`entriesLimitRefusal`), and where an action shows (its owner's
 * to-do list, its goal's thread at a review, the site's other actions, the reports). Actions a
 * session recorded before this lived in its event book (`RegistrationBook.actions`); they stay
 * there, still parsed by that book's schema, and are read alongside on the session's page.
 */

/** An action recorded on a session's page: who (a member, or a name), by when, and the goal or domain it is about, if any. */
export const AddSessionActionBody = AddGoalActionBody.extend(tiedTo).refine(oneTie, oneTieMessage);
export type AddSessionActionBody = z.input<typeof AddSessionActionBody>;

/** An action as a session's page lists it; `earlier` marks one kept in the session's own book from before. */
export type SessionAction = GoalAction & { earlier: boolean };

/** The session's actions: those in its event book from before, then those in the goal book agreed there, each by due date. */
export function sessionActions(goalBook: Pick<GoalBook, 'actions'>, earlier: readonly TrackedAction[], sessionId: string): SessionAction[] {
  const kept = earlier.map((a) => ({ ...a, goalId: null, domainId: null, ownerId: null, meetingId: sessionId, earlier: true }));
  const agreed = goalBook.actions.filter((a) => a.meetingId === sessionId).sort((a, b) => a.due.localeCompare(b.due));
  return [...kept, ...agreed.map((a) => ({ ...a, earlier: false }))];
}
