import type { MeetingKind, MeetingStatus } from '../meetings/meeting';
import type { SiteRole } from '../roles';
import { addUkDays, lastMomentOfUkDay, ukTime } from '../dates';
import type { ProgrammePlan } from './plan';
import { eventPhrase } from './registration';

/**
 * What the programme timeline is worked out from (the facts the server gathers about a site and
 * the person viewing), and the small rules its entries and duties share.
 */

/** One of the site's meetings, with what this viewer and the lead have done about it. */
export interface TimelineMeeting {
  id: string;
  kind: MeetingKind;
  status: MeetingStatus;
  startsAt: string;
  /** The tailored session's title. */
  title: string | null;
  /** An online learning module: people work through it in their own time, so no meeting is held. */
  selfPaced: boolean;
  registrationClosesAt: string | null;
  confirmed: boolean;
  invitationsSent: boolean;
  /** Whether how to join the video call has been given. */
  joiningGiven: boolean;
  actionsRecorded: number;
  /** Whether the person viewing has registered, or (for a facilitator) anyone has. */
  registered: boolean;
  feedbackGiven: boolean;
  /** Whether the person viewing takes part (invited, or any member for a review) and has rated all seven domains beforehand. */
  takesPart: boolean;
  preRated: boolean;
}

export interface TimelineFacts {
  plan: ProgrammePlan;
  /** False while the plan is provisional. */
  planSet: boolean;
  now: Date;
  viewerRole: SiteRole;
  surveyOpened: boolean;
  /** The site chose not to run the school and FE college survey (it is optional). */
  surveyNotRunning?: boolean;
  meetings: readonly TimelineMeeting[];
  /** The viewer's own evaluation surveys (not asked of facilitators). */
  baselineDone: boolean;
  followUpDone: boolean;
  /** Actions agreed for the site (its goals, its domains) that the viewer is named to do; `about` says which goal or domain. */
  ownedActions?: readonly { id: string; what: string; due: string; done: boolean; goalId: string | null; about: string | null }[];
  /** Goals the viewer owns whose latest monthly ask has not been answered by a check-in (`outstandingAsk`). */
  checkInsAsked?: readonly { goalId: string; goalPosition: number; askedOn: string }[];
}

/** Where in the tool a to-do is done. */
export type TodoTarget =
  | { page: 'schedule-meeting'; kind: MeetingKind }
  | { page: 'confirm-meeting' | 'register' | 'registrations' | 'session-actions' | 'pre-ratings'; meetingId: string }
  | { page: 'evaluation'; kind: 'baseline' | 'follow-up' }
  | { page: 'feedback'; meetingId: string }
  | { page: 'tailored-sessions' | 'surveys' | 'programme-plan' }
  /** The site's page for inviting people to join it. */
  | { page: 'invite' }
  | { page: 'check-in'; goalId: string }
  /** The goals page, at a goal, or at the actions tied to no goal when `goalId` is null. */
  | { page: 'goals'; goalId: string | null };

/** A plan's day lasts until it ends in the UK. */
export const endOfDay = lastMomentOfUkDay;

export const before = (iso: string, days: number) => addUkDays(iso, -days);
export const eventName = (m: TimelineMeeting) => eventPhrase(m.kind, m.title);

/** The site's consultation, and when it starts: as booked, or at the start of its window. */
export function consultationOf({ meetings, plan }: TimelineFacts) {
  const meeting = meetings.find((m) => m.kind === 'consultation') ?? null;
  return { meeting, startsAt: meeting?.startsAt ?? ukTime(plan.consultationFrom, 9) };
}

/** A duty before it is given a status and an owner. */
export interface Duty {
  id: string;
  text: string;
  by: string;
  done: boolean;
  target: TodoTarget | null;
  /** The site chose not to do it: shown as not needed, never overdue. */
  notNeeded?: boolean;
  /** Why it cannot be done yet (someone else goes first): shown instead of a link. */
  waiting?: string;
  /** When it can no longer be done (its event has started): from then, undone, it is dropped. */
  until?: string;
}

/** When a meeting stops being something to prepare for: it has started, or its time has come. */
export const heldFrom = (m: TimelineMeeting | null): string | undefined => (m ? (m.status === 'scheduled' ? m.startsAt : '') : undefined);
