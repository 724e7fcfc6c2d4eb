import { meetingKindLabels, type MeetingKind, type MeetingStatus } from '../meetings/meeting';
import type { SiteRole } from '../roles';
import { addCalendarDays, addUkDays, lastMomentOfUkDay, startOfUkDay, ukDaysBetween, ukTime } from '../dates';
import { Deadline, ItemStatus } from './deadline';
import { recentCheckInDays } from '../goals/check-in-reminders';
import type { ProgrammePlan } from './plan';
import { eventPhrase, maxTailoredSessions } from './registration';

/**
 * A site's programme year (guide section 2) and the duties of its strategic lead, its facilitator
 * and its stakeholders (sections 4 to 7), worked out from what has happened so far. Pure: the
 * server gathers the facts, this decides what is done, due and overdue.
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

export interface TimelineEntry {
  id: string;
  what: string;
  from: string | null;
  by: string;
  /** When the meeting this entry is about is booked. */
  bookedFor: string | null;
  status: ItemStatus;
}

type TodoOwner = 'you' | 'lead';
export interface TodoItem {
  id: string;
  text: string;
  by: string;
  status: ItemStatus;
  owner: TodoOwner;
  target: TodoTarget | null;
}

export interface SiteTimeline {
  plan: ProgrammePlan;
  planSet: boolean;
  entries: TimelineEntry[];
  todos: TodoItem[];
  nextDeadline: Deadline | null;
}

/** Things are "due" from two weeks before their deadline. */
const dueSoonDays = 14;
/** A plan's day lasts until it ends in the UK. */
const endOfDay = lastMomentOfUkDay;

function itemStatus(done: boolean, by: string, now: Date, from?: string | null): ItemStatus {
  if (done) return 'done';
  const nowIso = now.toISOString();
  if (nowIso > by) return 'overdue';
  if ((from && nowIso >= from) || ukDaysBetween(now, by) <= dueSoonDays) return 'due';
  return 'upcoming';
}

const before = (iso: string, days: number) => addUkDays(iso, -days);
const eventName = (m: TimelineMeeting) => eventPhrase(m.kind, m.title);

/** The site's consultation, and when it starts: as booked, or at the start of its window. */
function consultationOf({ meetings, plan }: TimelineFacts) {
  const meeting = meetings.find((m) => m.kind === 'consultation') ?? null;
  return { meeting, startsAt: meeting?.startsAt ?? ukTime(plan.consultationFrom, 9) };
}

/** A duty before it is given a status and an owner. */
interface Duty {
  id: string;
  text: string;
  by: string;
  done: boolean;
  target: TodoTarget | null;
  /** When it can no longer be done (its event has started): from then, undone, it is dropped. */
  until?: string;
}

/**
 * Whether an event has taken place: a meeting once it is closed; an online learning module, which
 * has no meeting to hold, once it has opened (else it would stay "to come" for ever, and the
 * site's sessions overdue on the dashboard).
 */
const tookPlace = (m: TimelineMeeting, now: Date): boolean => m.status === 'closed' || (m.selfPaced && m.status === 'scheduled' && now.toISOString() >= m.startsAt);

/** When a meeting stops being something to prepare for: it has started, or its time has come. */
const heldFrom = (m: TimelineMeeting | null): string | undefined => (m ? (m.status === 'scheduled' ? m.startsAt : '') : undefined);

function siteEntries(f: TimelineFacts): TimelineEntry[] {
  const { plan, meetings, now } = f;
  const first = (kind: MeetingKind) => meetings.find((m) => m.kind === kind) ?? null;
  const { meeting: consultation, startsAt: consultationStart } = consultationOf(f);
  const sessions = meetings.filter((m) => m.kind === 'tailored-support');
  const entry = (id: string, what: string, done: boolean, by: string, from: string | null = null, bookedFor: string | null = null): TimelineEntry => ({
    id,
    what,
    from,
    by,
    bookedFor,
    status: itemStatus(done, by, now, from),
  });
  const review = (kind: 'review-3m' | 'review-6m', by: string) => {
    const meeting = first(kind);
    return entry(kind, meetingKindLabels[kind], meeting?.status === 'closed', endOfDay(by), null, meeting?.startsAt ?? null);
  };
  const surveyClosesBy = endOfDay(plan.surveyClosesOn);
  return [
    entry('survey-opens', 'School and FE college survey opens', f.surveyOpened, endOfDay(plan.surveyOpensOn)),
    // A meeting that has started was held on its date, confirmed or not: no deadline is left to meet.
    entry('confirm-consultation', 'Deadline to confirm the date of the consultation meeting', consultation ? consultation.confirmed || consultation.status !== 'scheduled' : false, endOfDay(plan.confirmConsultationBy)),
    entry('survey-closes', 'Deadline for schools and FE colleges to complete the survey', now.toISOString() > surveyClosesBy, surveyClosesBy),
    entry('baseline', 'Baseline survey for local stakeholders, a week before the consultation', now.toISOString() > before(consultationStart, 7), before(consultationStart, 7)),
    entry(
      'consultation',
      meetingKindLabels.consultation,
      consultation?.status === 'closed',
      endOfDay(plan.consultationTo),
      startOfUkDay(plan.consultationFrom),
      consultation?.startsAt ?? null,
    ),
    entry(
      'tailored-sessions',
      `Tailored support sessions (up to ${maxTailoredSessions})`,
      sessions.length > 0 && sessions.every((s) => tookPlace(s, now)),
      endOfDay(plan.tailoredTo),
      startOfUkDay(plan.tailoredFrom),
    ),
    review('review-3m', plan.review3mBy),
    review('review-6m', plan.review6mBy),
  ];
}

/** The lead's duties that are about the site rather than themselves: the facilitator sees these too. */
function leadSiteTodos(f: TimelineFacts): Duty[] {
  const { plan, meetings } = f;
  const { meeting: consultation, startsAt: consultationStart } = consultationOf(f);
  const sessions = meetings.filter((m) => m.kind === 'tailored-support');
  const review3m = meetings.find((m) => m.kind === 'review-3m') ?? null;
  return [
    {
      id: 'confirm-consultation',
      text: 'Confirm the date and time of your consultation meeting',
      by: endOfDay(plan.confirmConsultationBy),
      done: consultation?.confirmed ?? false,
      target: consultation ? { page: 'confirm-meeting', meetingId: consultation.id } : { page: 'schedule-meeting', kind: 'consultation' },
      until: heldFrom(consultation),
    },
    {
      id: 'invite-consultation',
      text: 'Invite local stakeholders to the consultation meeting and ask them to register',
      by: consultation?.registrationClosesAt ?? before(consultationStart, 7),
      done: consultation?.invitationsSent ?? false,
      // Before the meeting is booked, invited to the site: its invitations to register go to the site's members.
      target: consultation ? { page: 'registrations', meetingId: consultation.id } : { page: 'invite' },
      until: heldFrom(consultation),
    },
    {
      id: 'choose-sessions',
      text: `Choose your tailored support sessions (up to ${maxTailoredSessions}) after the consultation`,
      by: endOfDay(plan.tailoredFrom),
      done: sessions.length > 0,
      target: { page: 'tailored-sessions' },
    },
    ...sessions.map((s): Duty => ({
      id: `invite-${s.id}`,
      text: `Invite education and mental health professionals to ${eventName(s)}`,
      by: s.registrationClosesAt ?? before(s.startsAt, 2),
      done: s.invitationsSent,
      target: { page: 'registrations', meetingId: s.id },
      until: heldFrom(s),
    })),
    ...sessions
      .filter((s) => s.status === 'closed')
      .map((s): Duty => ({
        id: `actions-${s.id}`,
        text: `Record the actions agreed at ${eventName(s)}`,
        by: addUkDays(s.startsAt, 7),
        done: s.actionsRecorded > 0,
        target: { page: 'session-actions', meetingId: s.id }
      })),
    {
      id: 'confirm-review-3m',
      text: 'Confirm the date and time of your 3-month review meeting',
      by: endOfDay(plan.consultationTo),
      done: review3m?.confirmed ?? false,
      target: review3m ? { page: 'confirm-meeting', meetingId: review3m.id } : null,
      until: heldFrom(review3m),
    },
  ];
}

/** What the person viewing does themselves: register, answer the evaluation surveys. */
function personalTodos(f: TimelineFacts): Duty[] {
  const { plan, meetings, viewerRole } = f;
  const { meeting: consultation, startsAt: consultationStart } = consultationOf(f);
  const sessions = meetings.filter((m) => m.kind === 'tailored-support');
  // The follow-up is sent once the last session is over, or the sessions window has ended.
  const followUpFrom = [plan.tailoredTo, ...sessions.map((s) => s.startsAt.slice(0, 10))].sort().at(-1)!;
  const registrations = meetings
    .filter((m) => m.status === 'scheduled' || m.registered)
    .map((m): Duty => ({
      id: `register-${m.id}`,
      text: m.kind === 'consultation' && viewerRole === 'lead' ? 'Register for the CASCADE board at least a week before the meeting' : `Register for ${eventName(m)}`,
      by: m.registrationClosesAt ?? m.startsAt,
      done: m.registered,
      target: { page: 'register', meetingId: m.id },
      until: heldFrom(m),
    }));
  // The guide asks everyone taking part to rate the seven domains before a consultation or review.
  const preRatings = meetings
    .filter((m) => m.kind !== 'tailored-support' && m.status === 'scheduled' && m.takesPart && viewerRole !== 'facilitator')
    .map((m): Duty => ({
      id: `pre-rate-${m.id}`,
      text: `Rate the seven domains privately before ${eventName(m)}`,
      by: m.startsAt,
      done: m.preRated,
      target: { page: 'pre-ratings', meetingId: m.id },
      until: heldFrom(m),
    }));
  const feedback = meetings
    .filter((m) => (m.kind === 'consultation' || m.kind === 'tailored-support') && (m.status !== 'scheduled' || tookPlace(m, f.now)) && m.registered)
    .map((m): Duty => ({
      id: `feedback-${m.id}`,
      text: `Complete the short feedback survey about ${eventName(m)}`,
      by: addUkDays(m.startsAt, 7),
      done: m.feedbackGiven,
      target: { page: 'feedback', meetingId: m.id }
    }));
  return [
    ...registrations,
    ...preRatings,
    {
      id: 'baseline',
      text: 'Complete the baseline survey at least a week before the consultation meeting',
      by: before(consultationStart, 7),
      done: f.baselineDone,
      target: { page: 'evaluation', kind: 'baseline' },
      until: heldFrom(consultation),
    },
    ...feedback,
    {
      id: 'follow-up',
      text: 'Complete the follow-up survey after the last tailored support session',
      by: endOfDay(addCalendarDays(followUpFrom, 14)),
      done: f.followUpDone,
      target: { page: 'evaluation', kind: 'follow-up' }
    },
  ];
}

/** The Anna Freud Centre's side: open the survey, suggest dates. */
function facilitatorTodos(f: TimelineFacts): Duty[] {
  const { plan, meetings } = f;
  const scheduled = (kind: MeetingKind) => meetings.some((m) => m.kind === kind);
  return [
    { id: 'set-dates', text: 'Set the programme dates for this site’s wave', by: endOfDay(plan.confirmConsultationBy), done: f.planSet, target: { page: 'programme-plan' } },
    { id: 'open-survey', text: 'Open the school and FE college survey', by: endOfDay(plan.surveyOpensOn), done: f.surveyOpened, target: { page: 'surveys' } },
    {
      id: 'suggest-consultation',
      text: 'Suggest a date and time for the consultation meeting',
      by: before(endOfDay(plan.confirmConsultationBy), 7),
      done: scheduled('consultation'),
      target: { page: 'schedule-meeting', kind: 'consultation' }
    },
    {
      id: 'suggest-review-3m',
      text: 'Suggest a date and time for the 3-month review meeting',
      by: before(endOfDay(plan.consultationTo), 7),
      done: scheduled('review-3m'),
      target: { page: 'schedule-meeting', kind: 'review-3m' }
    },
    {
      id: 'suggest-review-6m',
      text: 'Suggest a date and time for the 6-month review meeting',
      by: endOfDay(plan.review3mBy),
      done: scheduled('review-6m'),
      target: { page: 'schedule-meeting', kind: 'review-6m' }
    },
  ];
}

/** The actions the viewer is named to do (for a goal, a domain or the site), due by the end of their day; done ones stay ticked. */
function actionTodos(f: TimelineFacts): Duty[] {
  return (f.ownedActions ?? []).map((a) => ({
    id: `goal-action-${a.id}`,
    text: a.about ? `${a.about}: ${a.what}` : a.what,
    by: endOfDay(a.due),
    done: a.done,
    target: { page: 'goals', goalId: a.goalId },
  }));
}

/** A goal owner's monthly ask, until they check in; two weeks to answer it before it is overdue. */
function checkInTodos(f: TimelineFacts): Duty[] {
  return (f.checkInsAsked ?? []).map((a) => ({
    id: `check-in-${a.goalId}-${a.askedOn}`,
    text: `Check in on goal ${a.goalPosition}: how is it going?`,
    by: endOfDay(addCalendarDays(a.askedOn, recentCheckInDays)),
    done: false,
    target: { page: 'check-in', goalId: a.goalId },
  }));
}

export function siteTimeline(f: TimelineFacts): SiteTimeline {
  const nowIso = f.now.toISOString();
  const stillToDo = (t: Duty) => t.done || t.until === undefined || nowIso < t.until;
  const withStatus = (owner: TodoOwner) => (t: Duty): TodoItem => ({
    id: t.id,
    text: t.text,
    by: t.by,
    owner,
    target: t.target,
    status: itemStatus(t.done, t.by, f.now),
  });
  const todos: TodoItem[] = [
    ...(f.viewerRole === 'facilitator'
      ? [...facilitatorTodos(f).filter(stillToDo).map(withStatus('you')), ...leadSiteTodos(f).filter(stillToDo).map(withStatus('lead'))]
      : f.viewerRole === 'lead'
        ? [...leadSiteTodos(f), ...personalTodos(f)].filter(stillToDo).map(withStatus('you'))
        : personalTodos(f).filter(stillToDo).map(withStatus('you'))),
    ...actionTodos(f).map(withStatus('you')),
    ...checkInTodos(f).map(withStatus('you')),
  ];
  todos.sort((a, b) => a.by.localeCompare(b.by));
  // In date order: the guide's own list is not (the date is confirmed before the survey opens).
  const entries = siteEntries(f).sort((a, b) => (a.from ?? a.by).localeCompare(b.from ?? b.by));
  const open = [...entries.map((e) => ({ by: e.by, what: e.what, status: e.status })), ...todos.map((t) => ({ by: t.by, what: t.text, status: t.status }))]
    .filter((item) => item.status !== 'done')
    .sort((a, b) => a.by.localeCompare(b.by));
  return { plan: f.plan, planSet: f.planSet, entries, todos, nextDeadline: open[0] ?? null };
}
