import { meetingKindLabels, type MeetingKind } from './meetings/meeting';
import { phaseLabels, phasesFor, type MeetingPhase } from './meetings/phases';
import type { SiteRole } from './roles';

/**
 * What may be done in a live meeting, by whom, in which phase and in which kind of meeting: the
 * one table. `shared/policy.ts` says who may enter a meeting at all ('take-part', 'drive-meeting');
 * this says what they may do once in it. The reducer, the server's socket handler and the board's
 * controls all ask `meetingActionRefusal` / `allowedMeetingActions`, so none of them works the
 * rules out again. Refusals are in words, and refused actions change nothing.
 */
interface MeetingActionRule {
  /** The roles on the site that may take it (attending is checked by the policy). */
  who: readonly SiteRole[];
  /** The phases it belongs to; 'every' for any phase the meeting has. */
  phases: readonly MeetingPhase[] | 'every';
  /** The kinds of meeting it is part of; 'every' for all. */
  kinds: readonly MeetingKind[] | 'every';
  /** The action as the subject of a sentence, for refusals: “Dot voting is not part of …”. */
  what: string;
  /** Which goals the action's goal ids must name: drafts proposed in this meeting, or the site's locked goals. */
  goals?: 'drafts' | 'locked';
  /** Everyone but a facilitator changes only the notes they wrote themselves. */
  ownNotesOnly?: true;
  /** Only the facilitator driving the meeting takes it (the first to drive takes the controls). */
  driverOnly?: true;
  /** Still taken while the meeting is paused; everything else waits for the resume, so the board stays as it is. */
  whilePaused?: true;
}

const everyone: readonly SiteRole[] = ['facilitator', 'lead', 'stakeholder'];
const facilitators: readonly SiteRole[] = ['facilitator'];
/** Goals are drafted and locked at the consultation. */
const drafting: readonly MeetingKind[] = ['consultation'];
/** Goals are rated at the consultation (the baseline) and at every review. */
const goalRating: readonly MeetingKind[] = ['consultation', 'review-3m', 'review-6m', 'review-extra'];
/** Actions and decisions are recorded where the CASCADE domains and the goals are discussed (a tailored session keeps its own actions). */
const recording: readonly MeetingKind[] = goalRating;
/** …while the domains are reviewed, while the goals are discussed, and at the close, when the group sums up. */
const recordingPhases: readonly MeetingPhase[] = ['domain-review', 'goals', 'close'];

export const meetingActions = {
  // Running the meeting
  'set-phase': { who: facilitators, phases: 'every', kinds: 'every', what: 'Moving the meeting on', driverOnly: true, whilePaused: true },
  'start-timer': { who: facilitators, phases: 'every', kinds: 'every', what: 'Starting a timer', driverOnly: true, whilePaused: true },
  'stop-timer': { who: facilitators, phases: 'every', kinds: 'every', what: 'Stopping the timer', driverOnly: true, whilePaused: true },
  'pause-timer': { who: facilitators, phases: 'every', kinds: 'every', what: 'Pausing the timer', driverOnly: true, whilePaused: true },
  'resume-timer': { who: facilitators, phases: 'every', kinds: 'every', what: 'Restarting the timer', driverOnly: true, whilePaused: true },
  'extend-timer': { who: facilitators, phases: 'every', kinds: 'every', what: 'Adding time', driverOnly: true, whilePaused: true },
  // Two facilitators: one drives, the other supports; the controls pass only between facilitators.
  'take-controls': { who: facilitators, phases: 'every', kinds: 'every', what: 'Taking the controls', whilePaused: true },
  'hand-over': { who: facilitators, phases: 'every', kinds: 'every', what: 'Handing over the controls', driverOnly: true, whilePaused: true },
  'pause-meeting': { who: facilitators, phases: 'every', kinds: 'every', what: 'Pausing the meeting', driverOnly: true, whilePaused: true },
  'resume-meeting': { who: facilitators, phases: 'every', kinds: 'every', what: 'Resuming the meeting', driverOnly: true, whilePaused: true },
  'start-ready-check': { who: facilitators, phases: 'every', kinds: 'every', what: 'Asking who is ready', whilePaused: true },
  'mark-ready': { who: everyone, phases: 'every', kinds: 'every', what: 'Saying you are ready', whilePaused: true },
  'end-ready-check': { who: facilitators, phases: 'every', kinds: 'every', what: 'Ending the ready check', whilePaused: true },

  // Domain review: ratings and the board's notes
  focus: { who: facilitators, phases: ['domain-review'], kinds: 'every', what: 'Bringing everyone to a domain', driverOnly: true, whilePaused: true },
  'reveal-ratings': { who: facilitators, phases: ['domain-review'], kinds: 'every', what: 'Showing the group’s ratings' },
  'record-agreed-rating': { who: facilitators, phases: ['domain-review'], kinds: 'every', what: 'Recording an agreed rating' },
  'add-note': { who: everyone, phases: ['domain-review'], kinds: 'every', what: 'Adding a note' },
  'edit-note': { who: everyone, phases: ['domain-review'], kinds: 'every', what: 'Changing a note', ownNotesOnly: true },
  'delete-note': { who: everyone, phases: ['domain-review'], kinds: 'every', what: 'Deleting a note', ownNotesOnly: true },
  'react-to-note': { who: everyone, phases: ['domain-review'], kinds: 'every', what: 'Agreeing with a note' },
  'group-note': { who: everyone, phases: ['domain-review'], kinds: 'every', what: 'Grouping notes' },
  'name-theme': { who: everyone, phases: ['domain-review'], kinds: 'every', what: 'Naming a theme' },
  'set-anonymous-notes': { who: facilitators, phases: ['domain-review'], kinds: 'every', what: 'Choosing whether notes show their authors' },
  'write-privately': { who: facilitators, phases: ['domain-review'], kinds: 'every', what: 'Private writing' },
  'reveal-private-notes': { who: facilitators, phases: ['domain-review'], kinds: 'every', what: 'Revealing notes written privately' },

  // Areas of greatest need: dot voting, at the consultation only
  'open-voting': { who: facilitators, phases: ['areas-of-need'], kinds: drafting, what: 'Dot voting' },
  'cast-votes': { who: everyone, phases: ['areas-of-need'], kinds: drafting, what: 'Dot voting' },
  'reveal-votes': { who: facilitators, phases: ['areas-of-need'], kinds: drafting, what: 'Dot voting' },
  'settle-areas-of-need': { who: facilitators, phases: ['areas-of-need'], kinds: drafting, what: 'Settling the areas of greatest need' },

  // Goals: drafted and locked at the consultation, rated there and at every review
  'shortlist-goal': { who: facilitators, phases: ['goals'], kinds: drafting, what: 'Shortlisting a proposed goal', goals: 'drafts' },
  'respond-to-goal': { who: everyone, phases: ['goals'], kinds: drafting, what: 'Responding to a proposed goal', goals: 'drafts' },
  'override-smart': { who: facilitators, phases: ['goals'], kinds: drafting, what: 'Accepting a goal that fails the SMART check', goals: 'drafts' },
  'lock-goals': { who: facilitators, phases: ['goals'], kinds: drafting, what: 'Locking the goals', goals: 'drafts' },
  'rate-goal-privately': { who: everyone, phases: ['goals'], kinds: goalRating, what: 'Rating a goal', goals: 'locked' },
  'reveal-goal-ratings': { who: facilitators, phases: ['goals'], kinds: goalRating, what: 'Revealing a goal’s ratings', goals: 'locked' },
  'focus-goal': { who: facilitators, phases: ['goals'], kinds: goalRating, what: 'Bringing everyone to a goal', driverOnly: true, whilePaused: true, goals: 'locked' },
  'record-goal-rating': { who: facilitators, phases: ['goals'], kinds: goalRating, what: 'Recording a goal’s agreed rating', goals: 'locked' },

  // Actions and decisions, each tied to a domain or a locked goal where it fits (shared/goals/meeting-records.ts).
  // Between meetings they are recorded over HTTP, where the policy decides (shared/policy.ts).
  'record-action': { who: everyone, phases: recordingPhases, kinds: recording, what: 'Recording an action at the meeting', goals: 'locked' },
  'record-decision': { who: everyone, phases: recordingPhases, kinds: recording, what: 'Recording a decision at the meeting', goals: 'locked' },
} satisfies Record<string, MeetingActionRule>;

export type MeetingActionType = keyof typeof meetingActions;
export const meetingActionTypes = Object.keys(meetingActions) as MeetingActionType[];

const rule = (type: MeetingActionType): MeetingActionRule => meetingActions[type];

/** Where a meeting is: its kind and the phase everyone is in. */
export interface MeetingMoment {
  kind: MeetingKind;
  phase: MeetingPhase;
}

const withArticle = (label: string) => `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label.toLowerCase()}`;
const phaseList = (phases: readonly MeetingPhase[]) => phases.map((p) => `“${phaseLabels[p]}”`).join(' or ');

/** The phases of this kind of meeting in which the action may be taken. */
export function phasesOf(type: MeetingActionType, kind: MeetingKind): readonly MeetingPhase[] {
  const { phases, kinds } = rule(type);
  if (kinds !== 'every' && !kinds.includes(kind)) return [];
  return phases === 'every' ? phasesFor(kind) : phases.filter((p) => phasesFor(kind).includes(p));
}

/**
 * Why this person may not take this action now, in words; null when they may. Roles first, so
 * someone who could never take it is told so whatever the phase.
 */
export function meetingActionRefusal(type: MeetingActionType, role: SiteRole, at: MeetingMoment): string | null {
  const { who, kinds, what } = rule(type);
  if (!who.includes(role)) return 'Only a facilitator can do that';
  if (kinds !== 'every' && !kinds.includes(at.kind)) return `${what} is not part of ${withArticle(meetingKindLabels[at.kind])}`;
  const phases = phasesOf(type, at.kind);
  if (!phases.includes(at.phase)) return `${what} belongs to the ${phaseList(phases)} phase; the meeting is in “${phaseLabels[at.phase]}”`;
  return null;
}

/** Everything this person may do in the meeting now: sent with each view so the board shows only those controls. */
export function allowedMeetingActions(role: SiteRole, at: MeetingMoment): MeetingActionType[] {
  return meetingActionTypes.filter((type) => meetingActionRefusal(type, role, at) === null);
}

/** Whether only the facilitator driving the meeting takes this action. */
export const isDriverOnly = (type: MeetingActionType): boolean => rule(type).driverOnly === true;

/** Why the action waits while the meeting is paused; null when it may be taken now. */
export function pauseRefusal(type: MeetingActionType, paused: boolean): string | null {
  return paused && !rule(type).whilePaused ? 'The meeting is paused: the board takes no changes until a facilitator resumes it' : null;
}

/** The goals the action's goal ids must name, if any. */
export const goalsNamedBy = (type: MeetingActionType): 'drafts' | 'locked' | null => rule(type).goals ?? null;

const unknownGoal = { drafts: 'That goal has not been proposed in this meeting', locked: 'That goal is not one of the locked goals' } as const;

/** Refuses goal ids that are not goals of the kind the action names (the site's locked goals, or this meeting's drafts). */
export function goalRefusal(type: MeetingActionType, goalIds: readonly string[], known: { drafts: readonly string[]; locked: readonly string[] }): string | null {
  const named = goalsNamedBy(type);
  if (!named) return null;
  return goalIds.every((id) => known[named].includes(id)) ? null : unknownGoal[named];
}

/** Whether this person may change this note: their own, or any if the table lets their role change others'. */
export function mayChangeNote(type: 'edit-note' | 'delete-note', role: SiteRole, own: boolean): boolean {
  return own || !rule(type).ownNotesOnly || role === 'facilitator';
}
