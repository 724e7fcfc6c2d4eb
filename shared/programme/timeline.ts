import { meetingKindLabels, type MeetingKind } from '../meetings/meeting';
import { startOfUkDay, ukDaysBetween } from '../dates';
import { Deadline, ItemStatus } from './deadline';
import { maxTailoredSessions } from './registration';
import { actionTodos, checkInTodos, facilitatorTodos, leadSiteTodos, personalTodos } from './duties';
import type { ProgrammePlan } from './plan';
import { tookPlace } from './tailored-support';
import { before, consultationOf, endOfDay, type Duty, type TimelineFacts, type TodoTarget } from './timeline-facts';

/**
 * A site's programme year (guide section 2) and the duties of its strategic lead, its facilitator
 * and its stakeholders (sections 4 to 7), worked out from what has happened so far. Pure: the
 * server gathers the facts, this decides what is done, due and overdue.
 */

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
  /** Why it cannot be done yet: someone else goes first. */
  waiting?: string;
}

export interface SiteTimeline {
  plan: ProgrammePlan;
  planSet: boolean;
  /** Whether the site runs the school and FE college survey (it may choose not to). */
  surveyRunning: boolean;
  entries: TimelineEntry[];
  todos: TodoItem[];
  nextDeadline: Deadline | null;
}

/** Things are "due" from two weeks before their deadline. */
const dueSoonDays = 14;

function itemStatus(done: boolean, by: string, now: Date, from?: string | null, notNeeded = false): ItemStatus {
  if (done) return 'done';
  if (notNeeded) return 'not-needed';
  const nowIso = now.toISOString();
  if (nowIso > by) return 'overdue';
  if ((from && nowIso >= from) || ukDaysBetween(now, by) <= dueSoonDays) return 'due';
  return 'upcoming';
}

/** The milestones of the site's year, each done, due or overdue. */
function siteEntries(f: TimelineFacts): TimelineEntry[] {
  const { plan, meetings, now } = f;
  const first = (kind: MeetingKind) => meetings.find((m) => m.kind === kind) ?? null;
  const { meeting: consultation, startsAt: consultationStart } = consultationOf(f);
  const sessions = meetings.filter((m) => m.kind === 'tailored-support');
  const entry = (id: string, what: string, done: boolean, by: string, from: string | null = null, bookedFor: string | null = null, notNeeded = false): TimelineEntry => ({
    id,
    what,
    from,
    by,
    bookedFor,
    status: itemStatus(done, by, now, from, notNeeded),
  });
  // A site not running the survey has nothing to open or close, unless it opened one before choosing.
  const noSurvey = f.surveyNotRunning === true && !f.surveyOpened;
  const review = (kind: 'review-3m' | 'review-6m', by: string) => {
    const meeting = first(kind);
    return entry(kind, meetingKindLabels[kind], meeting?.status === 'closed', endOfDay(by), null, meeting?.startsAt ?? null);
  };
  const surveyClosesBy = endOfDay(plan.surveyClosesOn);
  return [
    entry('survey-opens', 'School and FE college survey opens', f.surveyOpened, endOfDay(plan.surveyOpensOn), null, null, noSurvey),
    // A meeting that has started was held on its date, confirmed or not: no deadline is left to meet.
    entry('confirm-consultation', 'Deadline to confirm the date of the consultation meeting', consultation ? consultation.confirmed || consultation.status !== 'scheduled' : false, endOfDay(plan.confirmConsultationBy)),
    entry('survey-closes', 'Deadline for schools and FE colleges to complete the survey', !noSurvey && now.toISOString() > surveyClosesBy, surveyClosesBy, null, null, noSurvey),
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

/** The site's milestones and the viewer's to-dos, each with its status, and the nearest deadline not met. */
export function siteTimeline(f: TimelineFacts): SiteTimeline {
  const nowIso = f.now.toISOString();
  const stillToDo = (t: Duty) => t.done || t.until === undefined || nowIso < t.until;
  const withStatus = (owner: TodoOwner) => (t: Duty): TodoItem => ({
    id: t.id,
    text: t.text,
    by: t.by,
    owner,
    target: t.target,
    ...(t.waiting && !t.done ? { waiting: t.waiting } : {}),
    status: itemStatus(t.done, t.by, f.now, null, t.notNeeded),
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
    .filter((item) => item.status !== 'done' && item.status !== 'not-needed')
    .sort((a, b) => a.by.localeCompare(b.by));
  return { plan: f.plan, planSet: f.planSet, surveyRunning: f.surveyNotRunning !== true, entries, todos, nextDeadline: open[0] ?? null };
}
