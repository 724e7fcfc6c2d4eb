import type { z } from 'zod';
import { entriesLimitRefusal } from '../actions';
import { nextVersionOf, type BookOutcome, type GoalAction, type GoalBook } from './book';
import type { DomainId } from '../cascade/framework';
import { heldAt, type Meeting } from '../meetings/meeting';
import type { CheckIn, CheckInBody, Decision } from './thread-schemas';

/**
 * The thread that runs through a goal between meetings: who owns it, what they report, what is
 * decided. Pure changes to the goal book, applied by the server and saved by compare-and-set.
 */
const refuse = (error: string): BookOutcome => ({ ok: false, error });
const notLocked = 'That goal is not one of the locked goals';

/** Names (or changes) the member who owns a locked goal. The caller checks they are on the site. */
export function setGoalOwner(book: GoalBook, input: { goalId: string; ownerId: string }): BookOutcome {
  const goal = book.goals.find((g) => g.id === input.goalId);
  if (!goal) return refuse(notLocked);
  if (goal.ownerId === input.ownerId) return { ok: true, book };
  const updated = nextVersionOf(book);
  updated.goals.find((g) => g.id === input.goalId)!.ownerId = input.ownerId;
  return { ok: true, book: updated };
}

/** Adds a check-in; check-ins are never changed or removed, so the thread is what was said. */
export function addCheckIn(
  book: GoalBook,
  input: { id: string; goalId: string; body: z.output<typeof CheckInBody>; actor: { id: string; name: string }; now: Date },
): BookOutcome {
  if (!book.goals.some((g) => g.id === input.goalId)) return refuse(notLocked);
  const tooMany = entriesLimitRefusal(book.checkIns.filter((c) => c.by === input.actor.id).length, 'check-ins for a site');
  if (tooMany) return refuse(tooMany);
  const { rating, confidence, happened, inTheWay, helpNeeded, helpFrom } = input.body;
  const updated = nextVersionOf(book);
  updated.checkIns.push({ id: input.id, goalId: input.goalId, by: input.actor.id, byName: input.actor.name, at: input.now.toISOString(), rating, confidence, happened, inTheWay, helpNeeded, helpFrom });
  return { ok: true, book: updated };
}

/** What a decision says and what it is tied to; `meetingId` when it was taken at a meeting. */
export interface NewDecision {
  text: string;
  goalId: string | null;
  domainId: DomainId | null;
  meetingId: string | null;
}

export function addDecision(book: GoalBook, input: { id: string; decision: NewDecision; actorId: string; now: Date }): BookOutcome {
  const { text, goalId, domainId, meetingId } = input.decision;
  if (goalId !== null && !book.goals.some((g) => g.id === goalId)) return refuse(notLocked);
  const tooMany = entriesLimitRefusal(book.decisions.filter((d) => d.recordedBy === input.actorId).length, 'decisions for a site');
  if (tooMany) return refuse(tooMany);
  const updated = nextVersionOf(book);
  updated.decisions.push({ id: input.id, text, goalId, domainId, meetingId, recordedBy: input.actorId, recordedAt: input.now.toISOString() });
  return { ok: true, book: updated };
}

/** What a review starts from for one goal: everything since the goal was last rated together. */
export interface GoalThread {
  goalId: string;
  lastAgreed: { rating: number; meetingDate: string } | null;
  checkInsSince: CheckIn[];
  openActions: GoalAction[];
  doneActions: GoalAction[];
  /** What owners said was in the way, newest first, with the help they asked for. */
  blockers: { at: string; inTheWay: string; helpNeeded: string; helpFrom: string }[];
  decisions: Decision[];
}

/**
 * Per goal, the thread a review opens on: the last agreed rating before the review, the
 * check-ins since that rating, the actions (open and done) and the blockers raised since.
 */
export function goalThreads(book: GoalBook, review: Pick<Meeting, 'id' | 'startsAt' | 'startedAt'>): GoalThread[] {
  const held = heldAt(review);
  return book.goals.map((goal) => {
    const agreed = book.ratings.filter((r) => r.goalId === goal.id && r.meetingId !== review.id && r.meetingDate < held).at(-1) ?? null;
    const since = agreed?.recordedAt ?? book.lock?.at ?? '';
    const checkInsSince = book.checkIns.filter((c) => c.goalId === goal.id && c.at > since).sort((a, b) => a.at.localeCompare(b.at));
    const actions = book.actions.filter((a) => a.goalId === goal.id).sort((a, b) => a.due.localeCompare(b.due));
    return {
      goalId: goal.id,
      lastAgreed: agreed ? { rating: agreed.rating, meetingDate: agreed.meetingDate } : null,
      checkInsSince,
      openActions: actions.filter((a) => !a.done),
      doneActions: actions.filter((a) => a.done),
      blockers: checkInsSince
        .filter((c) => c.inTheWay.trim())
        .map(({ at, inTheWay, helpNeeded, helpFrom }) => ({ at, inTheWay, helpNeeded, helpFrom }))
        .reverse(),
      decisions: book.decisions.filter((d) => d.goalId === goal.id),
    };
  });
}
