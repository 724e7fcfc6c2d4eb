import { z } from 'zod';
import { ActionFields, entriesLimitRefusal, TrackedAction } from '../actions';
import { heldAt, MeetingKind, type Meeting } from '../meetings/meeting';
import { ReviewNotes, type DraftGoal } from './drafts';
import { GboRating, goalProgress, type GoalProgress } from './gbo';
import { checkSmart, GoalDraft, type SmartFinding } from './smart';
import { DomainId } from '../cascade/framework';
import { RecordActionAction, RecordDecisionAction } from './meeting-records';
import { CheckIn, Decision } from './thread-schemas';

/**
 * A site's goal book: the three goals locked at the consultation, every change made to them
 * afterwards, their Goal Based Outcomes ratings at each meeting, what each review recorded,
 * and the actions agreed. Changed only through the pure functions below, applied by the server
 * to the stored book and saved by compare-and-set.
 */
export const SmartOverride = z.object({ reason: z.string(), by: z.string(), at: z.string() });
export type SmartOverride = z.infer<typeof SmartOverride>;

/** `ownerId`: the site member named in the meeting as the goal's owner, who checks in between meetings. */
const LockedGoal = z.object({ id: z.string(), position: z.number(), draft: GoalDraft, override: SmartOverride.nullable(), ownerId: z.string().nullable().default(null) });

const GoalRevision = z.object({
  goalId: z.string(),
  by: z.string(),
  byName: z.string(),
  at: z.string(),
  before: GoalDraft,
  after: GoalDraft,
  reason: z.string(),
});

const MeetingRef = { goalId: z.string(), meetingId: z.string(), meetingKind: MeetingKind, meetingDate: z.string() };

const GoalRating = z.object({ ...MeetingRef, rating: z.number(), recordedBy: z.string(), recordedAt: z.string() });

const GoalReview = z.object({ ...MeetingRef, ...ReviewNotes.shape });

/**
 * An agreed action. `ownerId`: the site member whose to-do list it is on, when its owner is one.
 * Tied to a locked goal (`goalId`), to a CASCADE domain (`domainId`, recorded in a meeting), or
 * to neither; actions stored before domains could be named have a goal and no domain.
 */
const GoalAction = TrackedAction.extend({
  goalId: z.string().nullable(),
  domainId: DomainId.nullable().default(null),
  meetingId: z.string().nullable(),
  ownerId: z.string().nullable().default(null),
});

type LockedGoal = z.infer<typeof LockedGoal>;
type GoalRevision = z.infer<typeof GoalRevision>;
type GoalReview = z.infer<typeof GoalReview>;
export type GoalAction = z.infer<typeof GoalAction>;

export const GoalBook = z.object({
  version: z.number().int().nonnegative(),
  lock: z.object({ meetingId: z.string(), by: z.string(), at: z.string(), reviewBy: z.string() }).nullable(),
  goals: z.array(LockedGoal).default([]),
  revisions: z.array(GoalRevision).default([]),
  ratings: z.array(GoalRating).default([]),
  reviews: z.array(GoalReview).default([]),
  actions: z.array(GoalAction).default([]),
  checkIns: z.array(CheckIn).default([]),
  decisions: z.array(Decision).default([]),
});
export type GoalBook = z.infer<typeof GoalBook>;

export function emptyGoalBook(): GoalBook {
  return { version: 0, lock: null, goals: [], revisions: [], ratings: [], reviews: [], actions: [], checkIns: [], decisions: [] };
}

export const goalsToLock = 3;

export { GboRating } from './gbo';

const GoalId = z.string().min(1).max(64);
/** How long the reason for changing a goal may be. */
export const goalChangeReasonLimit = 500;
const Reason = (what: string) => z.string({ error: `Enter ${what}` }).trim().min(1, `Enter ${what}`).max(goalChangeReasonLimit, `The reason must be ${goalChangeReasonLimit} characters or fewer`);

export const EditGoalBody = z.object({
  draft: GoalDraft,
  reason: Reason('why the goal is changing'),
  /** How many changes the goal had when the person began to change it: a change made since is theirs to see first. */
  basedOnRevision: z.number().int().nonnegative(),
});
export type EditGoalBody = z.input<typeof EditGoalBody>;

/** An action added between meetings (in a meeting it is a `record-action` message, shared/goals/meeting-records.ts). */
export const AddGoalActionBody = ActionFields.extend({
  /** The member who will do it, so it is on their to-do list; null for someone outside the tool. */
  ownerId: z.string().min(1).max(64).nullable().default(null),
});
export type AddGoalActionBody = z.input<typeof AddGoalActionBody>;


/** Actions taken in a meeting (socket `meeting:action`) that change the site's goal book. */
export const GoalBookAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('lock-goals'), goalIds: z.array(GoalId).max(7, 'Choose exactly three goals to lock') }),
  z.object({ type: z.literal('record-goal-rating'), goalId: GoalId, rating: GboRating }),
  RecordActionAction,
  RecordDecisionAction,
]);
export type GoalBookAction = z.infer<typeof GoalBookAction>;
export const goalBookActionTypes: ReadonlySet<string> = new Set(GoalBookAction.options.map((o) => o.shape.type.value));

export type BookOutcome = { ok: true; book: GoalBook } | { ok: false; error: string; status?: 409 };
const refuse = (error: string): BookOutcome => ({ ok: false, error });

/** A copy of the book one version on, for a pure change to fill in. */
export function nextVersionOf(book: GoalBook): GoalBook {
  const copy = structuredClone(book);
  copy.version = book.version + 1;
  return copy;
}

/** Why a goal may not be locked as it stands, or null when it passes or carries an override. */
function lockBlocker(draft: DraftGoal, override: SmartOverride | undefined, reviewBy: string): SmartFinding[] | null {
  if (override) return null;
  const findings = checkSmart(draft.draft, reviewBy);
  return findings.length ? findings : null;
}

/**
 * Locks the three agreed goals. Refused unless exactly three distinct drafts are chosen and
 * each passes the SMART check or carries a facilitator's override; goals are locked once.
 */
export function lockGoals(
  book: GoalBook,
  input: { meetingId: string; goalIds: readonly string[]; drafts: readonly DraftGoal[]; overrides: Record<string, SmartOverride>; reviewBy: string; actorId: string; now: Date },
): BookOutcome {
  if (book.lock) return refuse('The goals for this site are already locked');
  const ids = [...new Set(input.goalIds)];
  if (ids.length !== goalsToLock) return refuse(`Choose exactly ${goalsToLock} goals to lock; ${ids.length === 1 ? '1 is' : `${ids.length} are`} chosen`);
  const chosen: DraftGoal[] = [];
  for (const id of ids) {
    const draft = input.drafts.find((d) => d.id === id);
    if (!draft) return refuse('One of the chosen goals is not on the board');
    const blocker = lockBlocker(draft, input.overrides[id], input.reviewBy);
    if (blocker) {
      return refuse(`“${draft.draft.wording.trim() || 'Untitled goal'}” does not pass the SMART check (${blocker[0]!.message.toLowerCase()}). Fix it or record an override with a reason.`);
    }
    chosen.push(draft);
  }
  const updated = nextVersionOf(book);
  updated.lock = { meetingId: input.meetingId, by: input.actorId, at: input.now.toISOString(), reviewBy: input.reviewBy };
  updated.goals = chosen.map((d, i) => ({ id: d.id, position: i + 1, draft: d.draft, override: input.overrides[d.id] ?? null, ownerId: null }));
  return { ok: true, book: updated };
}

/** What a record of a meeting needs of it: which it was, and when it was held (`heldAt`). */
type HeldMeeting = Pick<Meeting, 'id' | 'kind' | 'startsAt' | 'startedAt'>;

/** The group's agreed rating of a goal at a meeting; a second rating at the same meeting replaces the first. */
export function recordRating(
  book: GoalBook,
  input: { goalId: string; rating: number; meeting: HeldMeeting; actorId: string; now: Date },
): BookOutcome {
  if (!book.goals.some((g) => g.id === input.goalId)) return refuse('That goal is not one of the locked goals');
  if (!GboRating.safeParse(input.rating).success) return refuse('Give a rating from 0 to 10');
  if (input.meeting.kind === 'tailored-support') return refuse('Goals are rated at the consultation and at review meetings');
  const updated = nextVersionOf(book);
  updated.ratings = updated.ratings.filter((r) => !(r.goalId === input.goalId && r.meetingId === input.meeting.id));
  updated.ratings.push({
    goalId: input.goalId,
    meetingId: input.meeting.id,
    meetingKind: input.meeting.kind,
    meetingDate: heldAt(input.meeting),
    rating: input.rating,
    recordedBy: input.actorId,
    recordedAt: input.now.toISOString(),
  });
  updated.ratings.sort((a, b) => a.meetingDate.localeCompare(b.meetingDate) || a.recordedAt.localeCompare(b.recordedAt));
  return { ok: true, book: updated };
}

/** Whether two drafts say the same, whatever order their fields were written in (the schema sets one). */
const sameDraft = (a: GoalDraft, b: GoalDraft) => JSON.stringify(GoalDraft.parse(a)) === JSON.stringify(GoalDraft.parse(b));

/**
 * Changes a locked goal, recording who, when, what it was and why. Only facilitators and the lead.
 * A goal already as asked (the same change sent twice) stays as it is; a change begun before
 * someone else's (`basedOnRevision`) is refused, so nobody's change is laid over unseen.
 */
export function editGoal(
  book: GoalBook,
  input: { goalId: string; draft: GoalDraft; reason: string; basedOnRevision: number; actor: { id: string; name: string }; now: Date },
): BookOutcome {
  const goal = book.goals.find((g) => g.id === input.goalId);
  if (!goal) return refuse('That goal is not one of the locked goals');
  if (sameDraft(goal.draft, input.draft)) return { ok: true, book };
  const revisions = book.revisions.filter((r) => r.goalId === goal.id).length;
  if (revisions !== input.basedOnRevision) return { ok: false, status: 409, error: 'Someone changed this goal since you opened it. Go back to the goal to see their change, then make yours again.' };
  const findings = checkSmart(input.draft, book.lock!.reviewBy);
  if (findings.length && !goal.override) return refuse(`The changed goal does not pass the SMART check: ${findings[0]!.message.toLowerCase()}`);
  const updated = nextVersionOf(book);
  updated.goals.find((g) => g.id === input.goalId)!.draft = input.draft;
  updated.revisions.push({ goalId: goal.id, by: input.actor.id, byName: input.actor.name, at: input.now.toISOString(), before: goal.draft, after: input.draft, reason: input.reason });
  return { ok: true, book: updated };
}

/** What an action says and where it belongs: its goal or domain (or neither) and the meeting it was agreed at, if any. */
export interface NewAction {
  what: string;
  owner: string;
  ownerId: string | null;
  due: string;
  goalId: string | null;
  domainId: DomainId | null;
  meetingId: string | null;
}

/** Adds an agreed action; one tied to a goal must name one of the locked goals. */
export function addAction(book: GoalBook, input: { id: string; action: NewAction; actorId: string; now: Date }): BookOutcome {
  const { goalId } = input.action;
  if (goalId !== null && !book.goals.some((g) => g.id === goalId)) return refuse('That goal is not one of the locked goals');
  const tooMany = entriesLimitRefusal(book.actions.filter((a) => a.createdBy === input.actorId).length, 'actions for a site');
  if (tooMany) return refuse(tooMany);
  const updated = nextVersionOf(book);
  updated.actions.push({ id: input.id, ...input.action, done: false, createdBy: input.actorId, createdAt: input.now.toISOString() });
  return { ok: true, book: updated };
}

export function setActionDone(book: GoalBook, input: { actionId: string; done: boolean }): BookOutcome {
  if (!book.actions.some((a) => a.id === input.actionId)) return refuse('That action does not exist');
  const updated = nextVersionOf(book);
  updated.actions.find((a) => a.id === input.actionId)!.done = input.done;
  return { ok: true, book: updated };
}

/** What a review meeting recorded about each goal, kept when the meeting closes. */
export function recordReviews(book: GoalBook, meeting: HeldMeeting, notes: readonly (ReviewNotes & { id: string })[]): BookOutcome {
  const updated = nextVersionOf(book);
  updated.reviews = updated.reviews.filter((r) => r.meetingId !== meeting.id);
  for (const n of notes) {
    if (!book.goals.some((g) => g.id === n.id)) continue;
    if (![n.progress, n.barriers, n.overcome].some((t) => t.trim())) continue;
    updated.reviews.push({ goalId: n.id, meetingId: meeting.id, meetingKind: meeting.kind, meetingDate: heldAt(meeting), progress: n.progress, barriers: n.barriers, overcome: n.overcome });
  }
  return { ok: true, book: updated };
}

/** The goals with their ratings over time and change from baseline, for the progress view. */
export interface GoalProgressEntry {
  goal: LockedGoal;
  series: { meetingId: string; meetingKind: MeetingKind; meetingDate: string; rating: number }[];
  progress: GoalProgress;
  reviews: GoalReview[];
  openActions: GoalAction[];
  doneActions: GoalAction[];
  revisions: GoalRevision[];
  /** The goal's named owner, with their name as the site knows it. */
  owner: { id: string; name: string } | null;
  /** Check-ins between meetings, oldest first: provisional, never the formal ratings. */
  checkIns: CheckIn[];
  decisions: Decision[];
}

export interface GoalsOverview {
  locked: boolean;
  lock: GoalBook['lock'];
  meaningfulChange: number;
  goals: GoalProgressEntry[];
  /** Decisions tied to no goal (to a domain, or to the programme as a whole). */
  otherDecisions: Decision[];
  /** Actions tied to no goal (to a domain, or to the programme as a whole), open first, each by due date. */
  otherActions: GoalAction[];
}

/** Who a goal's draft says owns it: a name and an organisation, as far as given. */
export const draftOwnerLabel = (draft: GoalDraft): string => [draft.achievable.ownerName, draft.achievable.ownerOrganisation].filter((part) => part.trim()).join(', ');

/** Who owns a goal, as every view names them: the member named in the meeting, else who its draft said. */
export const goalOwnerLabel = (entry: Pick<GoalProgressEntry, 'goal' | 'owner'>): string => entry.owner?.name ?? draftOwnerLabel(entry.goal.draft);

/** Every action the overview holds: each goal's (open, then done), then those tied to no goal. */
export const allActions = (overview: GoalsOverview): GoalAction[] => [...overview.goals.flatMap((g) => [...g.openActions, ...g.doneActions]), ...overview.otherActions];

/** Every decision the overview holds: each goal's, then those tied to no goal. */
export const allDecisions = (overview: GoalsOverview): Decision[] => [...overview.goals.flatMap((g) => g.decisions), ...overview.otherDecisions];

/** `names`: member id → name, for goal owners (an owner no longer on the site shows as a former member). */
export function goalsOverview(book: GoalBook, meaningfulChange: number, names: Readonly<Record<string, string>> = {}): GoalsOverview {
  return {
    locked: book.lock !== null,
    lock: book.lock,
    meaningfulChange,
    goals: book.goals.map((goal) => {
      const series = book.ratings
        .filter((r) => r.goalId === goal.id)
        .map(({ meetingId, meetingKind, meetingDate, rating }) => ({ meetingId, meetingKind, meetingDate, rating }));
      const actions = book.actions.filter((a) => a.goalId === goal.id).sort((a, b) => a.due.localeCompare(b.due));
      return {
        goal,
        series,
        progress: goalProgress(series.map((s) => s.rating), meaningfulChange),
        reviews: book.reviews.filter((r) => r.goalId === goal.id),
        openActions: actions.filter((a) => !a.done),
        doneActions: actions.filter((a) => a.done),
        revisions: book.revisions.filter((r) => r.goalId === goal.id),
        owner: goal.ownerId ? { id: goal.ownerId, name: names[goal.ownerId] ?? 'A former member of the site' } : null,
        checkIns: book.checkIns.filter((c) => c.goalId === goal.id).sort((a, b) => a.at.localeCompare(b.at)),
        decisions: book.decisions.filter((d) => d.goalId === goal.id),
      };
    }),
    otherDecisions: book.decisions.filter((d) => d.goalId === null),
    otherActions: book.actions.filter((a) => a.goalId === null).sort((a, b) => Number(a.done) - Number(b.done) || a.due.localeCompare(b.due)),
  };
}
