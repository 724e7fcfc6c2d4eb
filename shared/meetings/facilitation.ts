import { z } from 'zod';
import { addSeconds } from 'date-fns';
import { DomainId, DomainRating, domainIds } from '../cascade/framework';
import type { MeetingKind, PreRating } from './meeting';
import { MeetingPhase, phaseLabels, phasesFor } from './phases';
import { allowedMeetingActions, goalRefusal, isDriverOnly, meetingActionRefusal, meetingActionTypes, pauseRefusal, type MeetingActionType } from '../meeting-actions';
import { applyControlAction, ControlAction, ControlState, controlActionTypes, driverRefusal, initialControlState, Timer } from './meeting-control';
import type { SiteRole } from '../roles';
import { AgreedRating, RatingDistribution } from './ratings';
import { GboRating, SmartOverride } from '../goals/book';
import { gboMax } from '../goals/gbo';
import { applyNoteAction, initialNotesState, NoteAction, noteActionTypes, NotesState, NotesView, notesViewFor, type NoteAction as NoteActionType } from './board-notes';

const isNoteAction = (action: { type: string }): action is NoteActionType => noteActionTypes.has(action.type);
const isControlAction = (action: ParsedFacilitationAction): action is Extract<ParsedFacilitationAction, { type: (typeof ControlAction)[number]['shape']['type']['value'] }> =>
  controlActionTypes.has(action.type);

const defaultVoteBudget = 3;

const GoalStance = z.object({ stance: z.enum(['agree', 'concerns']), comment: z.string(), name: z.string() });

/** The goals phase: which drafts are shortlisted, what people think of them, and private GBO ratings. */
const GoalsPhaseState = z.object({
  shortlist: z.array(z.string()).default([]),
  /** goal id → user id → their stance. Open to everyone in the meeting. */
  stances: z.record(z.string(), z.record(z.string(), GoalStance)).default({}),
  overrides: z.record(z.string(), SmartOverride).default({}),
  /** goal id → user id → their own 0–10 rating; secret until revealed, then only counts. */
  privateRatings: z.record(z.string(), z.record(z.string(), z.number())).default({}),
  /** goal id → count of each rating 0–10. */
  revealedRatings: z.record(z.string(), z.array(z.number())).default({}),
  /** The locked goal the facilitator has brought everyone to; null for all three. */
  focus: z.string().nullable().default(null),
});
type GoalsPhaseState = z.infer<typeof GoalsPhaseState>;

/**
 * Everything the server holds about a live meeting, including what some people may not see yet;
 * parsed whenever it is read from the store, with defaults for what older records lack.
 */
export const FacilitationState = z.object({
  version: z.number().int().nonnegative(),
  phase: MeetingPhase,
  focus: DomainId.nullable(),
  revealed: z.array(z.object({ domain: DomainId, distribution: RatingDistribution })).default([]),
  agreed: z.array(AgreedRating).default([]),
  timer: Timer.nullable().default(null),
  voting: z
    .object({ status: z.enum(['not-started', 'open', 'revealed']), budget: z.number().int().positive(), ballots: z.record(z.string(), z.array(DomainId)) })
    .default({ status: 'not-started', budget: defaultVoteBudget, ballots: {} }),
  areasOfNeed: z.array(DomainId).default([]),
  goals: GoalsPhaseState.default(initialGoalsPhaseState),
  notes: NotesState.default(initialNotesState),
}).extend(ControlState.shape);
export type FacilitationState = z.infer<typeof FacilitationState>;

function initialGoalsPhaseState(): GoalsPhaseState {
  return { shortlist: [], stances: {}, overrides: {}, privateRatings: {}, revealedRatings: {}, focus: null };
}

export function initialFacilitationState(): FacilitationState {
  return {
    version: 0,
    phase: 'welcome',
    focus: null,
    revealed: [],
    agreed: [],
    timer: null,
    voting: { status: 'not-started', budget: defaultVoteBudget, ballots: {} },
    areasOfNeed: [],
    goals: initialGoalsPhaseState(),
    notes: initialNotesState(),
    ...initialControlState(),
  };
}

const Rationale = z
  .string({ error: 'Enter a one-line rationale for the agreed rating' })
  .trim()
  .min(1, 'Enter a one-line rationale for the agreed rating')
  .max(300, 'Rationale must be 300 characters or fewer');

const GoalId = z.string().min(1).max(64);

/** What people may ask the server to do during a meeting (socket `meeting:action`). */
export const FacilitationAction = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('set-phase'), phase: MeetingPhase }),
    z.object({ type: z.literal('focus'), domain: DomainId.nullable() }),
    z.object({ type: z.literal('reveal-ratings'), domain: DomainId }),
    z.object({ type: z.literal('record-agreed-rating'), domain: DomainId, rating: DomainRating, rationale: Rationale }),
    z.object({ type: z.literal('start-timer'), seconds: z.number().int().min(10, 'A timer runs at least 10 seconds').max(3600, 'A timer runs at most an hour') }),
    z.object({ type: z.literal('stop-timer') }),
    z.object({ type: z.literal('open-voting'), budget: z.number().int().min(1, 'Give everyone at least 1 vote').max(7, 'Give everyone at most 7 votes').default(defaultVoteBudget) }),
    z.object({ type: z.literal('cast-votes'), domains: z.array(DomainId).max(7, 'Too many votes') }),
    z.object({ type: z.literal('reveal-votes') }),
    z.object({
      type: z.literal('settle-areas-of-need'),
      domains: z
        .array(DomainId)
        .min(1, 'Choose at least one area of greatest need')
        .max(7)
        .refine((d) => new Set(d).size === d.length, 'Choose each domain once'),
    }),
    z.object({ type: z.literal('shortlist-goal'), goalId: GoalId, shortlisted: z.boolean() }),
    z.object({
      type: z.literal('respond-to-goal'),
      goalId: GoalId,
      stance: z.enum(['agree', 'concerns'], { error: 'Say whether you agree or have concerns' }),
      comment: z.string().trim().max(300, 'Keep your comment to 300 characters or fewer').default(''),
    }),
    z.object({
      type: z.literal('override-smart'),
      goalId: GoalId,
      reason: z.string({ error: 'Enter why the goal is accepted as it is' }).trim().min(1, 'Enter why the goal is accepted as it is').max(300, 'Keep the reason to 300 characters or fewer'),
    }),
    z.object({ type: z.literal('rate-goal-privately'), goalId: GoalId, rating: GboRating }),
    z.object({ type: z.literal('reveal-goal-ratings'), goalId: GoalId }),
    z.object({ type: z.literal('focus-goal'), goalId: GoalId.nullable() }),
    ...NoteAction,
    ...ControlAction,
  ],
  { error: 'That is not something that can be done in a meeting' },
);
export type FacilitationAction = z.input<typeof FacilitationAction>;
export type ParsedFacilitationAction = z.infer<typeof FacilitationAction>;

export interface Actor {
  userId: string;
  /** Their role on the meeting's site: what they may do is the table's (shared/meeting-actions.ts). */
  role: SiteRole;
  /** Shown beside the person's stance on a goal. */
  name?: string;
}

/** The goals an action may name: drafts proposed in this meeting's co-edited document, and the site's locked goals. */
export interface KnownGoals {
  drafts: readonly string[];
  locked: readonly string[];
}
const noGoals: KnownGoals = { drafts: [], locked: [] };

/**
 * Private ratings are shown only as a distribution, and only once this many people have rated:
 * with one rater the distribution is that person's rating, with two each can read the other's.
 */
const minimumRatersToReveal = 3;
const tooFewRaters = (raters: number) =>
  `${raters === 0 ? 'Nobody has' : raters === 1 ? 'Only one person has' : `Only ${raters} people have`} rated this goal yet: the ratings are shown once at least ${minimumRatersToReveal} people have, so that nobody’s own rating can be read from them`;

export type Outcome = { ok: true; state: FacilitationState } | { ok: false; error: string };

export function distributionOf(ratings: readonly Pick<PreRating, 'domain' | 'rating'>[], domain: DomainId): RatingDistribution {
  const counts: RatingDistribution['counts'] = [0, 0, 0, 0, 0];
  let dontKnow = 0;
  for (const r of ratings) {
    if (r.domain !== domain) continue;
    if (r.rating === null) dontKnow += 1;
    else counts[r.rating - 1]! += 1;
  }
  return { counts, dontKnow, responses: counts.reduce((a, b) => a + b, 0) + dontKnow };
}

/**
 * Applies one action to the meeting. Pure: the server calls it with the stored state and the
 * stored pre-meeting ratings, and writes the result only if nobody changed the state meanwhile.
 */
export function applyAction(
  state: FacilitationState,
  action: ParsedFacilitationAction,
  context: {
    actor: Actor;
    now: Date;
    preRatings: readonly Pick<PreRating, 'domain' | 'rating'>[];
    kind: MeetingKind;
    goals?: KnownGoals;
    /** The site's facilitators, for a hand-over. */
    facilitators?: readonly { userId: string; name: string }[];
  },
): Outcome {
  const { actor, now } = context;
  // Checked against the state being changed, so a phase moved on meanwhile refuses the action.
  const refusal =
    meetingActionRefusal(action.type, actor.role, { kind: context.kind, phase: state.phase }) ??
    pauseRefusal(action.type, state.paused !== null) ??
    driverRefusal(state, actor.userId, isDriverOnly(action.type), action.type) ??
    goalRefusal(action.type, 'goalId' in action && action.goalId !== null ? [action.goalId] : [], context.goals ?? noGoals);
  if (refusal) return { ok: false, error: refusal };
  const next = structuredClone(state);
  next.version = state.version + 1;
  // The first facilitator to drive takes the controls: from then on the other supports.
  if (isDriverOnly(action.type) && !state.driver) next.driver = { userId: actor.userId, name: actor.name ?? '', away: false };
  if (isControlAction(action)) {
    const outcome = applyControlAction(next, action, { actor, now, facilitators: context.facilitators ?? [] });
    return outcome.ok ? { ok: true, state: next } : outcome;
  }
  if (isNoteAction(action)) {
    const outcome = applyNoteAction(next.notes, action, { userId: actor.userId, name: actor.name ?? '', role: actor.role });
    return outcome.ok ? { ok: true, state: next } : outcome;
  }

  switch (action.type) {
    case 'set-phase':
      if (!phasesFor(context.kind).includes(action.phase)) return { ok: false, error: `This meeting has no “${phaseLabels[action.phase]}” phase` };
      next.phase = action.phase;
      // A timer belongs to the phase it was started in; the run of show times each phase from here.
      if (action.phase !== state.phase) {
        next.timer = null;
        next.phaseLog.push({ phase: action.phase, at: now.toISOString() });
      }
      break;
    case 'focus':
      next.focus = action.domain;
      break;
    case 'focus-goal':
      next.goals.focus = action.goalId;
      break;
    case 'reveal-ratings': {
      next.revealed = next.revealed.filter((r) => r.domain !== action.domain);
      next.revealed.push({ domain: action.domain, distribution: distributionOf(context.preRatings, action.domain) });
      break;
    }
    case 'record-agreed-rating':
      next.agreed = next.agreed.filter((a) => a.domain !== action.domain);
      next.agreed.push({
        domain: action.domain,
        rating: action.rating,
        rationale: action.rationale,
        recordedBy: actor.userId,
        recordedAt: now.toISOString(),
      });
      next.agreed.sort((a, b) => a.domain - b.domain);
      break;
    case 'start-timer':
      next.timer = { endsAt: addSeconds(now, action.seconds).toISOString(), seconds: action.seconds, pausedWithSeconds: null };
      break;
    case 'stop-timer':
      next.timer = null;
      break;
    case 'open-voting':
      if (state.voting.status === 'open') return { ok: false, error: 'Voting is already open' };
      next.voting = { status: 'open', budget: action.budget, ballots: {} };
      break;
    case 'cast-votes':
      if (state.voting.status !== 'open') return { ok: false, error: 'Voting is not open' };
      if (action.domains.length > state.voting.budget) {
        return { ok: false, error: `You have ${state.voting.budget} votes; you tried to use ${action.domains.length}` };
      }
      next.voting.ballots[actor.userId] = [...action.domains].sort((a, b) => a - b);
      break;
    case 'reveal-votes':
      if (state.voting.status !== 'open') return { ok: false, error: 'Open the voting before revealing it' };
      next.voting.status = 'revealed';
      break;
    case 'settle-areas-of-need':
      if (state.voting.status !== 'revealed') return { ok: false, error: 'Reveal the votes before settling the areas of greatest need' };
      next.areasOfNeed = [...action.domains];
      break;
    case 'shortlist-goal':
      next.goals.shortlist = next.goals.shortlist.filter((id) => id !== action.goalId);
      if (action.shortlisted) next.goals.shortlist.push(action.goalId);
      break;
    case 'respond-to-goal':
      if (action.stance === 'concerns' && !action.comment) return { ok: false, error: 'Say what your concern is' };
      next.goals.stances[action.goalId] = { ...next.goals.stances[action.goalId], [actor.userId]: { stance: action.stance, comment: action.comment, name: actor.name ?? '' } };
      break;
    case 'override-smart':
      next.goals.overrides[action.goalId] = { reason: action.reason, by: actor.userId, at: now.toISOString() };
      break;
    case 'rate-goal-privately':
      if (next.goals.revealedRatings[action.goalId]) return { ok: false, error: 'The ratings for this goal have been revealed' };
      next.goals.privateRatings[action.goalId] = { ...next.goals.privateRatings[action.goalId], [actor.userId]: action.rating };
      break;
    case 'reveal-goal-ratings': {
      const raters = Object.keys(next.goals.privateRatings[action.goalId] ?? {}).length;
      if (raters < minimumRatersToReveal) return { ok: false, error: tooFewRaters(raters) };
      const counts = Array.from({ length: gboMax + 1 }, () => 0);
      for (const rating of Object.values(next.goals.privateRatings[action.goalId] ?? {})) counts[rating]! += 1;
      next.goals.revealedRatings[action.goalId] = counts;
      break;
    }
  }
  return { ok: true, state: next };
}

export function voteTotals(ballots: Record<string, DomainId[]>): Record<DomainId, number> {
  const totals = Object.fromEntries(domainIds.map((d) => [d, 0])) as Record<DomainId, number>;
  for (const ballot of Object.values(ballots)) for (const d of ballot) totals[d] += 1;
  return totals;
}

/**
 * The domains with the most votes, best first; ties at the cut-off are all included so the
 * facilitator can settle them.
 */
export function leadingDomains(totals: Record<DomainId, number>, wanted: number): DomainId[] {
  const ranked = [...domainIds].filter((d) => totals[d] > 0).sort((a, b) => totals[b] - totals[a] || a - b);
  if (ranked.length <= wanted) return ranked;
  const cutOff = totals[ranked[wanted - 1]!];
  return ranked.filter((d, i) => i < wanted || totals[d] === cutOff);
}

const ReadyCheckView = z.object({ ready: z.array(z.string()), mine: z.boolean() });

const GoalAbilities = z.object({ rate: z.boolean(), reveal: z.boolean(), recordRating: z.boolean() });
type GoalAbilities = z.infer<typeof GoalAbilities>;

/** What one person sees of the meeting. Ballots stay secret until revealed, then only totals. */
export const FacilitationView = FacilitationState.pick({ version: true, phase: true, focus: true, revealed: true, agreed: true, timer: true, areasOfNeed: true, driver: true, paused: true, phaseLog: true }).extend({
  /** Who has said they are done writing (names are seen by everyone in the room anyway). */
  readyCheck: ReadyCheckView.nullable().default(null),
  voting: z.object({
    status: FacilitationState.shape.voting.unwrap().shape.status,
    budget: z.number(),
    voters: z.number(),
    myVotes: z.array(DomainId),
    /** Keyed by domain id (JSON keeps the keys as strings). */
    totals: z.record(z.string(), z.number()).transform((totals) => totals as Record<DomainId, number>).nullable(),
  }),
  /** Records of meetings closed before notes were kept by the server have none. */
  notes: NotesView.default({ anonymous: false, privateDomain: null, myPrivateNotes: [], privateCount: 0, mine: [], agreements: {}, abilities: {} }),
  goals: GoalsPhaseState.pick({ shortlist: true, stances: true, overrides: true, revealedRatings: true, focus: true }).extend({
    myRatings: z.record(z.string(), z.number()),
    raters: z.record(z.string(), z.number()),
    /** Locked goal id → what the viewer may do with it now. */
    abilities: z.record(z.string(), GoalAbilities).default({}),
  }),
  /** What the viewer may do in the meeting now (the table's answer for their role, this phase and kind); none in a closed record. */
  abilities: z.array(z.enum(meetingActionTypes as [MeetingActionType, ...MeetingActionType[]])).default([]),
  serverTime: z.string(),
});
export type FacilitationView = z.infer<typeof FacilitationView>;

/** Who is looking at which meeting: their role there, its kind and the site's locked goals. */
export interface Viewer {
  userId: string;
  role: SiteRole;
  meeting: { kind: MeetingKind; lockedGoalIds: readonly string[] };
}

/** What the viewer may do with each locked goal now: a goal's ratings are given only until revealed. */
function goalAbilitiesFor(state: FacilitationState, lockedGoalIds: readonly string[], allowed: readonly MeetingActionType[]): Record<string, GoalAbilities> {
  return Object.fromEntries(
    lockedGoalIds.map((goalId) => {
      const open = !state.goals.revealedRatings[goalId];
      return [goalId, { rate: open && allowed.includes('rate-goal-privately'), reveal: open && allowed.includes('reveal-goal-ratings'), recordRating: allowed.includes('record-goal-rating') }];
    }),
  );
}

export function viewFor(state: FacilitationState, viewer: Viewer | null, now: Date): FacilitationView {
  const viewerId = viewer?.userId ?? null;
  const allowed = viewer ? allowedMeetingActions(viewer.role, { kind: viewer.meeting.kind, phase: state.phase }) : [];
  return {
    version: state.version,
    phase: state.phase,
    focus: state.focus,
    revealed: state.revealed,
    agreed: state.agreed,
    timer: state.timer,
    driver: state.driver,
    paused: state.paused,
    phaseLog: state.phaseLog,
    readyCheck: state.readyCheck && { ready: state.readyCheck.ready.map((p) => p.name), mine: state.readyCheck.ready.some((p) => p.userId === viewerId) },
    voting: {
      status: state.voting.status,
      budget: state.voting.budget,
      voters: Object.keys(state.voting.ballots).length,
      myVotes: (viewerId && state.voting.ballots[viewerId]) || [],
      totals: state.voting.status === 'revealed' ? voteTotals(state.voting.ballots) : null,
    },
    areasOfNeed: state.areasOfNeed,
    notes: notesViewFor(state.notes, viewer && { userId: viewer.userId, role: viewer.role, allowed }),
    goals: {
      shortlist: state.goals.shortlist,
      stances: state.goals.stances,
      overrides: state.goals.overrides,
      myRatings: Object.fromEntries(
        Object.entries(state.goals.privateRatings).flatMap(([goalId, byUser]) => (viewerId && byUser[viewerId] !== undefined ? [[goalId, byUser[viewerId]]] : [])),
      ),
      raters: Object.fromEntries(Object.entries(state.goals.privateRatings).map(([goalId, byUser]) => [goalId, Object.keys(byUser).length])),
      revealedRatings: state.goals.revealedRatings,
      focus: state.goals.focus,
      abilities: viewer ? goalAbilitiesFor(state, viewer.meeting.lockedGoalIds, allowed) : {},
    },
    abilities: allowed,
    serverTime: now.toISOString(),
  };
}
