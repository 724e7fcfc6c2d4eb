import { reminderKinds, reminderLeadHours, surveyAfterDays, type RegistrationBook, type ReminderKind } from '@shared/programme/registration';
import { EvaluationBook, type EvaluationResponse } from '@shared/evaluation/questions';
import { emptyEvaluation } from '../evaluation/service';
import type { Logger } from '../log';
import type { Mailer } from '../mail/mailer';
import type { Store } from '../store';
import type { MeetingRecord, UserRecord } from '../store/store';
import { readVersioned } from '../store/versioned';
import { invitees, readEventBook, updateEventBook } from './event-book';
import { registrationOpen } from '@shared/programme/event-rules';
import { mailEvent } from './event-mail';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** What a rule needs to know about the site besides the event itself. */
interface SiteFacts {
  now: Date;
  /** Everyone the site's events are for (its members other than facilitators). */
  members: UserRecord[];
  meetings: MeetingRecord[];
  responses: EvaluationResponse[];
  attended: (meetingId: string) => Promise<Set<string>>;
}

const answered = (facts: SiteFacts, userId: string, kind: EvaluationResponse['kind'], meetingId: string | null = null) =>
  facts.responses.some((r) => r.userId === userId && r.kind === kind && (meetingId === null || r.meetingId === meetingId));
const startsWithin = (meeting: MeetingRecord, hours: number, now: Date) => {
  const until = Date.parse(meeting.startsAt) - now.getTime();
  return until > 0 && until <= hours * hourMs;
};
const endedWithin = (meeting: MeetingRecord, days: number, now: Date) => meeting.status === 'closed' && now.getTime() - Date.parse(meeting.startsAt) <= days * dayMs;

/** For each reminder: who should have it now, before anyone is left out for having had it. */
const rules: Record<ReminderKind, (meeting: MeetingRecord, book: RegistrationBook, facts: SiteFacts) => Promise<UserRecord[]> | UserRecord[]> = {
  // Only after the lead has invited people, and only while registering is still possible.
  'registration-closing': (meeting, book, { now, members }) => {
    const closingSoon = book.closesAt !== null && Date.parse(book.closesAt) - now.getTime() <= reminderLeadHours['registration-closing'] * hourMs;
    if (!book.invitationsSentAt || !closingSoon || !registrationOpen(meeting, book, now)) return [];
    return members.filter((m) => !book.registrations.some((r) => r.userId === m.id));
  },
  'joining-details': (meeting, book, { now, members }) =>
    meeting.status === 'scheduled' && startsWithin(meeting, reminderLeadHours['joining-details'], now) ? members.filter((m) => book.registrations.some((r) => r.userId === m.id)) : [],
  // The guide: those taking part complete the baseline survey at least a week before the
  // consultation, which is when its registration closes.
  'baseline-survey': (meeting, _book, facts) =>
    meeting.kind === 'consultation' && meeting.status === 'scheduled' && startsWithin(meeting, reminderLeadHours['baseline-survey'], facts.now)
      ? facts.members.filter((m) => meeting.attendeeIds.includes(m.id) && !answered(facts, m.id, 'baseline'))
      : [],
  // Straight after a consultation or session, to those who were there.
  'feedback-survey': async (meeting, _book, facts) => {
    if ((meeting.kind !== 'consultation' && meeting.kind !== 'tailored-support') || !endedWithin(meeting, surveyAfterDays, facts.now)) return [];
    const attended = await facts.attended(meeting.id);
    return facts.members.filter((m) => attended.has(m.id) && !answered(facts, m.id, 'feedback', meeting.id));
  },
  // After the last tailored session, to those who answered the baseline, so change can be measured.
  'follow-up-survey': (meeting, _book, facts) => {
    if (meeting.kind !== 'tailored-support' || !endedWithin(meeting, surveyAfterDays, facts.now)) return [];
    const sessions = facts.meetings.filter((m) => m.kind === 'tailored-support');
    const last = sessions.every((s) => s.status === 'closed' && s.startsAt <= meeting.startsAt);
    return last ? facts.members.filter((m) => answered(facts, m.id, 'baseline') && !answered(facts, m.id, 'follow-up')) : [];
  },
};

/** Events whose reminders may still be due: those to come, and those that ended in the last week. */
const mayHaveReminders = (meeting: MeetingRecord, now: Date) => (meeting.status === 'scheduled' && meeting.startsAt > now.toISOString()) || endedWithin(meeting, surveyAfterDays, now);

/**
 * Sends the reminders that have fallen due. Each recipient is claimed in the event's record by
 * compare-and-set before the mail goes, so several server processes never send the same one
 * twice (a crash between claim and send loses that email rather than sending it twice).
 */
async function sendDueReminders(deps: { store: Store; mailer: Mailer; publicUrl: string }, now = new Date()): Promise<number> {
  const { store } = deps;
  let sent = 0;
  for (const site of await store.listSites()) {
    const meetings = await store.listSiteMeetings(site.id);
    const candidates = meetings.filter((m) => mayHaveReminders(m, now));
    if (!candidates.length) continue;
    const facts: SiteFacts = {
      now,
      members: await invitees(store, site.id),
      meetings,
      responses: (await readVersioned(store, 'evaluation', site.id, emptyEvaluation, EvaluationBook)).responses,
      attended: async (meetingId) => new Set((await store.listAttendance(meetingId)).map((a) => a.userId)),
    };
    for (const meeting of candidates) {
      for (const kind of reminderKinds) {
        const book = await readEventBook(store, meeting);
        const had = new Set(book.reminded[kind] ?? []);
        const to = (await rules[kind](meeting, book, facts)).filter((u) => !had.has(u.id));
        if (!to.length) continue;
        let claimed: UserRecord[] = [];
        const saved = await updateEventBook(store, meeting, (current) => {
          const already = current.reminded[kind] ?? [];
          claimed = to.filter((u) => !already.includes(u.id));
          return { ok: true, value: { ...current, reminded: { ...current.reminded, [kind]: [...already, ...claimed.map((u) => u.id)] } } };
        });
        await mailEvent(deps, { meeting, book: saved, site, kind, to: claimed });
        sent += claimed.length;
      }
    }
  }
  return sent;
}

/** Looks for due reminders every `intervalSeconds`, one sweep at a time; errors are logged, not thrown. */
export function startReminders(deps: { store: Store; mailer: Mailer; publicUrl: string; log: Logger }, intervalSeconds: number): () => void {
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      const sent = await sendDueReminders(deps);
      if (sent) deps.log.info({ sent }, 'event reminders sent');
    } catch (error) {
      deps.log.error({ err: error }, 'event reminders failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sweep(), intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
