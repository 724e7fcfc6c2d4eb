import { z } from 'zod';
import { addMinutes, addSeconds, differenceInSeconds } from 'date-fns';
import type { MeetingKind } from './meeting';
import { MeetingPhase, phaseLabels, phasesFor } from './phases';

/**
 * The plan of a meeting: each phase's time box, in minutes, summing to the booked length. The
 * programme guide books the consultation for three hours and each review for ninety minutes;
 * these defaults share those out the way the guide's CASCADE session runs.
 */
export const PlannedPhase = z.object({
  phase: MeetingPhase,
  minutes: z.number({ error: 'Enter the minutes for each phase' }).int('Enter a whole number of minutes').min(1, 'Give each phase at least 1 minute').max(240, 'A phase lasts at most 4 hours'),
});
export type PlannedPhase = z.infer<typeof PlannedPhase>;

/** PUT /meetings/:id/plan; also the stored record (with its version). */
export const MeetingPlanBody = z.object({ phases: z.array(PlannedPhase).min(1).max(10) });
export type MeetingPlanBody = z.input<typeof MeetingPlanBody>;

export const StoredMeetingPlan = MeetingPlanBody.extend({ version: z.number().int().nonnegative() });
export type StoredMeetingPlan = z.infer<typeof StoredMeetingPlan>;

/** What GET /meetings/:id/plan answers: the plan, and whether the facilitators changed it. */
export const MeetingPlan = MeetingPlanBody.extend({ bookedMinutes: z.number(), edited: z.boolean() });
export type MeetingPlan = z.infer<typeof MeetingPlan>;

/** Shares of the meeting each phase takes by default, as in the guide's three-hour consultation and 90-minute review. */
const defaultShares: Record<MeetingKind, Partial<Record<MeetingPhase, number>>> = {
  consultation: { welcome: 20, 'domain-review': 90, 'areas-of-need': 20, goals: 40, close: 10 },
  'review-3m': { welcome: 10, 'domain-review': 35, goals: 35, close: 10 },
  'review-6m': { welcome: 10, 'domain-review': 35, goals: 35, close: 10 },
  'review-extra': { welcome: 10, 'domain-review': 35, goals: 35, close: 10 },
  'tailored-support': { welcome: 10, 'domain-review': 40, close: 10 },
};

/**
 * The default plan for a meeting of this kind and length: the guide's shares scaled to the booked
 * minutes, rounded to whole minutes, with what rounding leaves over given to the longest phase so
 * the boxes always add up to the booking.
 */
export function defaultPlan(kind: MeetingKind, bookedMinutes: number): PlannedPhase[] {
  const phases = phasesFor(kind);
  const shares = phases.map((phase) => defaultShares[kind][phase] ?? 1);
  const whole = shares.reduce((a, b) => a + b, 0);
  const minutes = shares.map((share) => Math.max(1, Math.floor((share * bookedMinutes) / whole)));
  const longest = shares.indexOf(Math.max(...shares));
  minutes[longest]! += bookedMinutes - minutes.reduce((a, b) => a + b, 0);
  return phases.map((phase, i) => ({ phase, minutes: minutes[i]! }));
}

/** Why a plan cannot be used for this meeting, in words; null when it fits. */
export function planRefusal(plan: readonly PlannedPhase[], kind: MeetingKind, bookedMinutes: number): string | null {
  const phases = phasesFor(kind);
  if (plan.length !== phases.length || plan.some((p, i) => p.phase !== phases[i])) {
    return `Give a time for each phase, in order: ${phases.map((p) => phaseLabels[p]).join(', ')}`;
  }
  const total = plan.reduce((sum, p) => sum + p.minutes, 0);
  if (total !== bookedMinutes) return `The phases add up to ${total} minutes; the meeting is booked for ${bookedMinutes}. Make them add up to ${bookedMinutes}.`;
  return null;
}

/** When the meeting moved into a phase (the first entry is its start). */
export const PhaseEntry = z.object({ phase: MeetingPhase, at: z.string() });
export type PhaseEntry = z.infer<typeof PhaseEntry>;

interface PhaseProgress {
  phase: MeetingPhase;
  plannedMinutes: number;
  /** Seconds spent in it so far (a phase gone back to counts every stay). */
  actualSeconds: number;
  state: 'done' | 'current' | 'to-come';
}

export interface RunOfShow {
  phases: PhaseProgress[];
  /** Seconds behind the plan: positive when late, negative when ahead. */
  behindSeconds: number;
  /** When the meeting will end at this pace. */
  projectedEnd: Date;
  plannedEnd: Date;
}

/**
 * Planned against actual: how long each phase has taken, and how far behind the plan the meeting
 * is now. Late means the current phase started after its planned start, or has outrun its box;
 * time saved in earlier phases counts as ahead.
 */
export function runOfShow(plan: readonly PlannedPhase[], entries: readonly PhaseEntry[], now: Date): RunOfShow {
  const started = new Date(entries[0]?.at ?? now);
  const actual = new Map<MeetingPhase, number>();
  entries.forEach((entry, i) => {
    const until = entries[i + 1] ? new Date(entries[i + 1]!.at) : now;
    actual.set(entry.phase, (actual.get(entry.phase) ?? 0) + Math.max(0, differenceInSeconds(until, new Date(entry.at))));
  });
  const current = entries.at(-1)?.phase ?? plan[0]?.phase;
  const currentIndex = plan.findIndex((p) => p.phase === current);
  const phases: PhaseProgress[] = plan.map((p, i) => ({
    phase: p.phase,
    plannedMinutes: p.minutes,
    actualSeconds: actual.get(p.phase) ?? 0,
    state: i < currentIndex ? 'done' : i === currentIndex ? 'current' : 'to-come',
  }));
  const plannedStartOfCurrent = addMinutes(started, plan.slice(0, Math.max(0, currentIndex)).reduce((sum, p) => sum + p.minutes, 0));
  const currentEntry = entries.at(-1);
  const inCurrent = currentEntry ? differenceInSeconds(now, new Date(currentEntry.at)) : 0;
  const currentBox = (plan[currentIndex]?.minutes ?? 0) * 60;
  const lateStart = currentEntry ? differenceInSeconds(new Date(currentEntry.at), plannedStartOfCurrent) : 0;
  const behindSeconds = lateStart + Math.max(0, inCurrent - currentBox);
  const bookedMinutes = plan.reduce((sum, p) => sum + p.minutes, 0);
  const plannedEnd = addMinutes(started, bookedMinutes);
  return { phases, behindSeconds, plannedEnd, projectedEnd: addSeconds(plannedEnd, behindSeconds) };
}

/** What to cut when running late, phase by phase, from the guide's priorities: the goals are the meeting's output. */
const cuts: Record<MeetingPhase, string> = {
  welcome: 'Keep the survey results to the three headline findings and move on.',
  'domain-review': 'Take fewer domains in depth: discuss the areas of greatest need fully, and record agreed ratings for the rest without discussion.',
  'areas-of-need': 'Give fewer votes (2 each) and settle ties yourselves rather than voting again.',
  goals: 'Shortlist three drafts now and word the goals precisely after the meeting with the strategic lead.',
  close: 'Agree only the date of the next meeting; send the feedback survey by email.',
};

/** The hint shown to the facilitators when the meeting is this far behind (a couple of minutes is no cause). */
export function cutHint(phase: MeetingPhase, behindSeconds: number): string | null {
  return behindSeconds >= 120 ? cuts[phase] : null;
}

/** "12 min behind", "3 min ahead", "on time": whole minutes, rounded towards on time. */
export function describeDrift(behindSeconds: number): string {
  const minutes = Math.trunc(behindSeconds / 60);
  if (minutes === 0) return 'On time';
  return minutes > 0 ? `${minutes} min behind` : `${-minutes} min ahead`;
}
