import { z } from 'zod';
import type { MeetingKind } from './meeting';

/** Every phase a meeting can have. */
const meetingPhases = ['welcome', 'domain-review', 'areas-of-need', 'goals', 'close'] as const;
export const MeetingPhase = z.enum(meetingPhases, { error: 'Choose a phase of the meeting' });
export type MeetingPhase = z.infer<typeof MeetingPhase>;

export const phaseLabels: Record<MeetingPhase, string> = {
  welcome: 'Welcome and survey results',
  'domain-review': 'Domain review',
  'areas-of-need': 'Areas of greatest need',
  goals: 'Goals',
  close: 'Close',
};

/**
 * Each kind of meeting's own phases, in order; the board and the facilitator's controls follow
 * the list of the meeting's kind. Reviews re-rate the domains and the goals but vote on no areas
 * of need; a tailored session works through its CASCADE areas.
 */
const phasesByKind: Record<MeetingKind, readonly MeetingPhase[]> = {
  consultation: ['welcome', 'domain-review', 'areas-of-need', 'goals', 'close'],
  'review-3m': ['welcome', 'domain-review', 'goals', 'close'],
  'review-6m': ['welcome', 'domain-review', 'goals', 'close'],
  'review-extra': ['welcome', 'domain-review', 'goals', 'close'],
  'tailored-support': ['welcome', 'domain-review', 'close'],
};
export const phasesFor = (kind: MeetingKind): readonly MeetingPhase[] => phasesByKind[kind];
