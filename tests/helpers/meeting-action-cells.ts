import type { MeetingActionType } from '@shared/meeting-actions';
import type { MeetingPhase } from '@shared/meetings/phases';
import type { GoalsOverview } from '@shared/goals/book';
import type { MeetingStateEvent } from '@shared/realtime';
import { dayIn } from './dates';

/** What a cell of the table is tried with: a live meeting in one phase, and the goals it may name. */
export interface CellContext {
  meetingId: string;
  phase: MeetingPhase;
  /** Ids of the goal drafts proposed in this meeting, and of the site's locked goals (empty until locked). */
  drafts: string[];
  locked: () => string[];
  /** A fresh id for each note or theme, so cells do not meet each other's. */
  freshId: (prefix: string) => string;
  /** The site's second facilitator, to whom the controls can be handed, and the first (who drives). */
  coFacilitatorId: string;
  facilitatorId: string;
  /** Takes an action as the person trying the cell, or as a facilitator to set it up or put it back; throws on a refusal. */
  actAs: (who: 'actor' | 'facilitator' | 'co-facilitator' | 'everyone', action: object) => Promise<void>;
}

/** What one person sees before and after: their view of the meeting and the site's goal book. */
export interface Seen {
  view: MeetingStateEvent;
  goals: GoalsOverview;
  meetingId: string;
  userId: string;
}

interface CellSpec {
  /** An action with valid input, so only the table can refuse it. */
  action: (ctx: CellContext) => object;
  /** What has to be true first for the action to succeed, done by whoever may do it. */
  prepare?: (ctx: CellContext) => Promise<void>;
  /** How the action shows that it took effect. */
  tookEffect: (before: Seen, after: Seen, action: any) => boolean;
  /** Puts back what the action changed that would stop the cells after it (a pause, the controls handed on). */
  cleanup?: (ctx: CellContext) => Promise<void>;
}

const goal = (ids: string[], n: number) => ids[n] ?? `goal-none-${n}`;
const changed = (before: Seen, after: Seen) => after.view.version === before.view.version + 1;

/** What a recorded action or decision is tied to in this phase: a locked goal in the goals phase, else domain 6. */
const tieIn = (ctx: CellContext) => (ctx.phase === 'goals' ? { goalId: goal(ctx.locked(), 0), domainId: null } : { goalId: null, domainId: 6 });

/** How many actions or decisions the goal book holds tied to what this one is tied to (its goal, or its domain). */
function recorded(seen: Seen, what: 'actions' | 'decisions', tie: { goalId: string | null; domainId: number | null }): number {
  if (tie.goalId !== null) {
    const entry = seen.goals.goals.find((g) => g.goal.id === tie.goalId);
    return what === 'decisions' ? (entry?.decisions.length ?? 0) : (entry?.openActions.length ?? 0) + (entry?.doneActions.length ?? 0);
  }
  const others: { domainId: number | null; meetingId?: string | null }[] = what === 'decisions' ? seen.goals.otherDecisions : seen.goals.otherActions;
  return others.filter((o) => o.domainId === tie.domainId && o.meetingId === seen.meetingId).length;
}

/** An own note to act on, added in the same phase (notes belong to the domain review). */
async function ownNote(ctx: CellContext & { noteId?: string }): Promise<void> {
  ctx.noteId = ctx.freshId('note');
  await ctx.actAs('actor', { type: 'add-note', noteId: ctx.noteId, domain: 1, list: 'strength', text: 'A note to act on' });
}
const noteOf = (ctx: CellContext) => (ctx as CellContext & { noteId?: string }).noteId ?? 'note-missing';

async function votingIs(ctx: CellContext, status: 'open' | 'revealed', current: () => Promise<string>) {
  if ((await current()) === 'not-started' || (status === 'open' && (await current()) === 'revealed')) await ctx.actAs('facilitator', { type: 'open-voting', budget: 3 });
  if (status === 'revealed' && (await current()) === 'open') await ctx.actAs('facilitator', { type: 'reveal-votes' });
}

/**
 * For each action of the table: valid input, what it needs first and how it shows. The generated
 * test tries each with every role, in every phase of every kind of meeting.
 */
export function cellSpecs(votingStatus: (meetingId: string) => Promise<string>): Record<MeetingActionType, CellSpec> {
  const voting = (ctx: CellContext) => () => votingStatus(ctx.meetingId);
  return {
    'set-phase': { action: (ctx) => ({ type: 'set-phase', phase: ctx.phase }), tookEffect: changed },
    'start-timer': { action: () => ({ type: 'start-timer', seconds: 60 }), tookEffect: (_, after) => after.view.timer?.seconds === 60 },
    'stop-timer': { prepare: (ctx) => ctx.actAs('facilitator', { type: 'start-timer', seconds: 30 }), action: () => ({ type: 'stop-timer' }), tookEffect: (_, after) => after.view.timer === null },
    'pause-timer': { prepare: (ctx) => ctx.actAs('facilitator', { type: 'start-timer', seconds: 60 }), action: () => ({ type: 'pause-timer' }), tookEffect: (_, after) => after.view.timer?.pausedWithSeconds !== null },
    'resume-timer': {
      prepare: async (ctx) => {
        await ctx.actAs('facilitator', { type: 'start-timer', seconds: 60 });
        await ctx.actAs('facilitator', { type: 'pause-timer' });
      },
      action: () => ({ type: 'resume-timer' }),
      tookEffect: (_, after) => after.view.timer?.pausedWithSeconds === null,
    },
    'extend-timer': { prepare: (ctx) => ctx.actAs('facilitator', { type: 'start-timer', seconds: 60 }), action: () => ({ type: 'extend-timer', seconds: 120 }), tookEffect: (_, after) => after.view.timer?.seconds === 180 },
    'take-controls': { action: () => ({ type: 'take-controls' }), tookEffect: (_, after) => after.view.driver?.userId === after.userId },
    'hand-over': {
      action: (ctx) => ({ type: 'hand-over', to: ctx.coFacilitatorId }),
      tookEffect: (before, after) => before.view.driver?.userId !== after.view.driver?.userId && after.view.driver !== null,
      cleanup: (ctx) => ctx.actAs('co-facilitator', { type: 'hand-over', to: ctx.facilitatorId }),
    },
    'pause-meeting': {
      action: () => ({ type: 'pause-meeting', message: 'Back in five minutes' }),
      tookEffect: (_, after) => after.view.paused?.message === 'Back in five minutes',
      cleanup: (ctx) => ctx.actAs('facilitator', { type: 'resume-meeting' }),
    },
    'resume-meeting': { prepare: (ctx) => ctx.actAs('facilitator', { type: 'pause-meeting' }), action: () => ({ type: 'resume-meeting' }), tookEffect: (before, after) => before.view.paused !== null && after.view.paused === null },
    'start-ready-check': { action: () => ({ type: 'start-ready-check' }), tookEffect: (_, after) => after.view.readyCheck !== null },
    'mark-ready': { prepare: (ctx) => ctx.actAs('facilitator', { type: 'start-ready-check' }), action: () => ({ type: 'mark-ready', ready: true }), tookEffect: (_, after) => after.view.readyCheck?.mine === true },
    'end-ready-check': { prepare: (ctx) => ctx.actAs('facilitator', { type: 'start-ready-check' }), action: () => ({ type: 'end-ready-check' }), tookEffect: (_, after) => after.view.readyCheck === null },
    focus: { action: () => ({ type: 'focus', domain: 3 }), tookEffect: (_, after) => after.view.focus === 3 },
    'reveal-ratings': { action: () => ({ type: 'reveal-ratings', domain: 2 }), tookEffect: (_, after) => after.view.revealed.some((r) => r.domain === 2) },
    'record-agreed-rating': {
      action: () => ({ type: 'record-agreed-rating', domain: 4, rating: 3, rationale: 'Agreed in the generated test' }),
      tookEffect: (before, after) => changed(before, after) && after.view.agreed.some((a) => a.domain === 4 && a.rating === 3),
    },
    'add-note': {
      action: (ctx) => ({ type: 'add-note', noteId: ctx.freshId('note'), domain: 1, list: 'challenge', text: 'Added in the generated test' }),
      tookEffect: (_, after, action) => after.view.notes.mine.includes(action.noteId),
    },
    'edit-note': { prepare: ownNote, action: (ctx) => ({ type: 'edit-note', noteId: noteOf(ctx), text: 'Changed' }), tookEffect: changed },
    'delete-note': { prepare: ownNote, action: (ctx) => ({ type: 'delete-note', noteId: noteOf(ctx) }), tookEffect: (before, after, action) => before.view.notes.mine.includes(action.noteId) && !after.view.notes.mine.includes(action.noteId) },
    'react-to-note': { prepare: ownNote, action: (ctx) => ({ type: 'react-to-note', noteId: noteOf(ctx), agree: true }), tookEffect: (_, after, action) => after.view.notes.agreements[action.noteId]?.mine === true },
    'group-note': { prepare: ownNote, action: (ctx) => ({ type: 'group-note', noteId: noteOf(ctx), themeId: ctx.freshId('theme'), themeName: 'A theme' }), tookEffect: changed },
    'name-theme': { action: (ctx) => ({ type: 'name-theme', themeId: ctx.freshId('theme'), name: 'Renamed theme' }), tookEffect: changed },
    'set-anonymous-notes': { action: () => ({ type: 'set-anonymous-notes', anonymous: true }), tookEffect: (_, after) => after.view.notes.anonymous },
    'write-privately': { action: () => ({ type: 'write-privately', domain: 5 }), tookEffect: (_, after) => after.view.notes.privateDomain === 5 },
    'reveal-private-notes': {
      prepare: (ctx) => ctx.actAs('facilitator', { type: 'write-privately', domain: 6 }),
      action: () => ({ type: 'reveal-private-notes' }),
      tookEffect: (before, after) => before.view.notes.privateDomain === 6 && after.view.notes.privateDomain === null,
    },
    'open-voting': { action: () => ({ type: 'open-voting', budget: 3 }), tookEffect: (_, after) => after.view.voting.status === 'open' },
    'cast-votes': { prepare: (ctx) => votingIs(ctx, 'open', voting(ctx)), action: () => ({ type: 'cast-votes', domains: [1, 2] }), tookEffect: (_, after) => after.view.voting.myVotes.join() === '1,2' },
    'reveal-votes': { prepare: (ctx) => votingIs(ctx, 'open', voting(ctx)), action: () => ({ type: 'reveal-votes' }), tookEffect: (_, after) => after.view.voting.status === 'revealed' },
    'settle-areas-of-need': {
      prepare: (ctx) => votingIs(ctx, 'revealed', voting(ctx)),
      action: () => ({ type: 'settle-areas-of-need', domains: [1] }),
      tookEffect: (_, after) => after.view.areasOfNeed.join() === '1',
    },
    'shortlist-goal': { action: (ctx) => ({ type: 'shortlist-goal', goalId: goal(ctx.drafts, 0), shortlisted: true }), tookEffect: (_, after, action) => after.view.goals.shortlist.includes(action.goalId) },
    'respond-to-goal': {
      action: (ctx) => ({ type: 'respond-to-goal', goalId: goal(ctx.drafts, 0), stance: 'agree' }),
      tookEffect: (_, after, action) => after.view.goals.stances[action.goalId]?.[after.userId]?.stance === 'agree',
    },
    'override-smart': { action: (ctx) => ({ type: 'override-smart', goalId: goal(ctx.drafts, 1), reason: 'Target set by the ICB' }), tookEffect: (_, after, action) => Boolean(after.view.goals.overrides[action.goalId]) },
    'lock-goals': { action: (ctx) => ({ type: 'lock-goals', goalIds: ctx.drafts }), tookEffect: (before, after) => !before.goals.locked && after.goals.locked },
    'rate-goal-privately': { action: (ctx) => ({ type: 'rate-goal-privately', goalId: goal(ctx.locked(), 0), rating: 5 }), tookEffect: (_, after, action) => after.view.goals.myRatings[action.goalId] === 5 },
    'reveal-goal-ratings': {
      prepare: (ctx) => ctx.actAs('everyone', { type: 'rate-goal-privately', goalId: goal(ctx.locked(), 1), rating: 4 }),
      action: (ctx) => ({ type: 'reveal-goal-ratings', goalId: goal(ctx.locked(), 1) }),
      tookEffect: (_, after, action) => Boolean(after.view.goals.revealedRatings[action.goalId]),
    },
    'focus-goal': {
      action: (ctx) => ({ type: 'focus-goal', goalId: goal(ctx.locked(), 2) }),
      tookEffect: (_, after, action) => after.view.goals.focus === action.goalId,
    },
    'record-goal-rating': {
      action: (ctx) => ({ type: 'record-goal-rating', goalId: goal(ctx.locked(), 2), rating: 6 }),
      tookEffect: (_, after, action) => after.goals.goals.some((g) => g.goal.id === action.goalId && g.series.some((s) => s.meetingId === after.meetingId && s.rating === 6)),
    },
    // Tied to a locked goal while the goals are discussed, otherwise to a domain; owned by a member of the site.
    'record-action': {
      action: (ctx) => ({ type: 'record-action', what: 'Publish the link worker list', ownerId: ctx.facilitatorId, due: dayIn(30), ...tieIn(ctx) }),
      tookEffect: (before, after, action) => recorded(after, 'actions', action) === recorded(before, 'actions', action) + 1,
    },
    'record-decision': {
      action: (ctx) => ({ type: 'record-decision', text: 'Schools share one referral form', ...tieIn(ctx) }),
      tookEffect: (before, after, action) => recorded(after, 'decisions', action) === recorded(before, 'decisions', action) + 1,
    },
  };
}
