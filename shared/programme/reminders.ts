import type { EvaluationResponse } from '../evaluation/questions';
import type { Meeting } from '../meetings/meeting';
import { addUkDays, type Day } from '../dates';
import { registrationOpen } from './event-rules';
import { asksForFeedback, baselineLeadDays, followUpDueBy } from './evaluation-timing';
import { tailoredSupportOverAt, type SessionFacts } from './tailored-support';
import { reminderKinds, reminderLeadHours, surveyAfterDays, type RegistrationBook, type ReminderKind } from './registration';

/**
 * Who should be sent each reminder about an event now (guide sections 4 and 5). Pure: the server
 * gathers the facts, claims the recipients in the event's record and sends the mail.
 */
const hourMs = 3_600_000;

type EventMeeting = Pick<Meeting, 'id' | 'kind' | 'status' | 'startsAt' | 'attendeeIds'>;

/** What the rules need to know about the site besides the event itself. */
export interface SiteFacts {
  now: Date;
  /** Ids of everyone the site's events are for (its members other than facilitators). */
  members: string[];
  /** The site's tailored sessions, cancelled ones left out, and the last day of its sessions window. */
  sessions: SessionFacts[];
  tailoredTo: Day;
  responses: EvaluationResponse[];
  /** meeting id → ids of the people who joined it (for the events that have ended). */
  attended: Record<string, string[]>;
  /** meeting id → ids of the people who have rated all seven domains before it (for events to come). */
  preRated: Record<string, string[]>;
}

const answered = (facts: SiteFacts, userId: string, kind: EvaluationResponse['kind'], meetingId: string | null = null) =>
  facts.responses.some((r) => r.userId === userId && r.kind === kind && (meetingId === null || r.meetingId === meetingId));
const startsWithin = (meeting: EventMeeting, hours: number, now: Date) => {
  const until = Date.parse(meeting.startsAt) - now.getTime();
  return until > 0 && until <= hours * hourMs;
};
/** Within `days` UK calendar days before the meeting starts (the same clock time that many days before). */
const startsWithinDays = (meeting: EventMeeting, days: number, now: Date) => {
  const at = now.toISOString();
  return at >= addUkDays(meeting.startsAt, -days) && at < meeting.startsAt;
};
const endedWithin = (meeting: EventMeeting, days: number, now: Date) => meeting.status === 'closed' && now.toISOString() <= addUkDays(meeting.startsAt, days);

/** For each reminder: who should have it now, before anyone is left out for having had it. */
const rules: Record<ReminderKind, (meeting: EventMeeting, book: RegistrationBook, facts: SiteFacts) => string[]> = {
  // Only after the lead has invited people, and only while registering is still possible.
  'registration-closing': (meeting, book, { now, members }) => {
    const closingSoon = book.closesAt !== null && Date.parse(book.closesAt) - now.getTime() <= reminderLeadHours['registration-closing'] * hourMs;
    if (!book.invitationsSentAt || !closingSoon || !registrationOpen(meeting, book, now)) return [];
    return members.filter((id) => !book.registrations.some((r) => r.userId === id));
  },
  // From the day before to those registered, and only once there are details to send: if they are
  // given later, the next sweep sends them, as long as the event is still ahead.
  'joining-details': (meeting, book, { now, members }) =>
    book.joining !== null && meeting.status === 'scheduled' && startsWithin(meeting, reminderLeadHours['joining-details'], now)
      ? members.filter((id) => book.registrations.some((r) => r.userId === id))
      : [],
  // Three days before a meeting, those invited who have not yet rated all seven domains.
  'pre-ratings': (meeting, _book, facts) =>
    meeting.kind !== 'tailored-support' && meeting.status === 'scheduled' && startsWithin(meeting, reminderLeadHours['pre-ratings'], facts.now)
      ? facts.members.filter((id) => meeting.attendeeIds.includes(id) && !(facts.preRated[meeting.id] ?? []).includes(id))
      : [],
  // From two weeks before the consultation until it starts, to those taking part who have not answered it.
  'baseline-survey': (meeting, _book, facts) =>
    meeting.kind === 'consultation' && meeting.status === 'scheduled' && startsWithinDays(meeting, baselineLeadDays, facts.now)
      ? facts.members.filter((id) => meeting.attendeeIds.includes(id) && !answered(facts, id, 'baseline'))
      : [],
  // Straight after a consultation, session or review, to those who were there.
  'feedback-survey': (meeting, _book, facts) => {
    if (!asksForFeedback(meeting.kind) || !endedWithin(meeting, surveyAfterDays, facts.now)) return [];
    const attended = facts.attended[meeting.id] ?? [];
    return facts.members.filter((id) => attended.includes(id) && !answered(facts, id, 'feedback', meeting.id));
  },
  // Once the tailored support is over, to the same people as the baseline: those taking part in the
  // consultation (guide section 7), whether or not they answered it. Kept in the consultation's record.
  'follow-up-survey': (meeting, _book, facts) =>
    followUpBeingSent(meeting, facts) ? facts.members.filter((id) => meeting.attendeeIds.includes(id) && !answered(facts, id, 'follow-up')) : [],
};

/** Whether this is a held consultation whose follow-up survey is being sent: the support is over and the survey not yet past due. */
function followUpBeingSent(meeting: EventMeeting, { sessions, tailoredTo, now }: Pick<SiteFacts, 'now' | 'sessions' | 'tailoredTo'>): boolean {
  if (meeting.kind !== 'consultation' || meeting.status !== 'closed') return false;
  return tailoredSupportOverAt(sessions, tailoredTo, now) !== null && now.toISOString() <= followUpDueBy(sessions, tailoredTo, now);
}

/** Events whose reminders may still be due: those to come, those that ended in the last week, and a consultation whose follow-up is being sent. */
export const mayHaveReminders = (meeting: EventMeeting, site: Pick<SiteFacts, 'now' | 'sessions' | 'tailoredTo'>) =>
  (meeting.status === 'scheduled' && meeting.startsAt > site.now.toISOString()) || endedWithin(meeting, surveyAfterDays, site.now) || followUpBeingSent(meeting, site);

/** Each reminder about `meeting` due now, with the people who should have it and have not had it yet. */
export function dueReminders(meeting: EventMeeting, book: RegistrationBook, facts: SiteFacts): { kind: ReminderKind; to: string[] }[] {
  return reminderKinds
    .map((kind) => {
      const had = new Set(book.reminded[kind] ?? []);
      return { kind, to: rules[kind](meeting, book, facts).filter((id) => !had.has(id)) };
    })
    .filter(({ to }) => to.length > 0);
}
