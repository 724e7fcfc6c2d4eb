import { reminderLeadHours, type RegistrationBook, type ReminderKind } from '@shared/programme/registration';
import type { Logger } from '../log';
import type { Mailer } from '../mail/mailer';
import type { Store } from '../store';
import type { MeetingRecord, UserRecord } from '../store/store';
import { readEventBook, registrationOpen, updateEventBook } from './event-book';
import { mailEvent } from './event-mail';

const hourMs = 3_600_000;

/** Who should have this reminder now: it is due and they have not had it. */
function dueRecipients(kind: ReminderKind, meeting: MeetingRecord, book: RegistrationBook, members: readonly UserRecord[], now: Date): UserRecord[] {
  const registered = new Set(book.registrations.map((r) => r.userId));
  const already = new Set(book.reminded[kind]);
  if (kind === 'registration-closing') {
    // Only after the lead has invited people, and only while registering is still possible.
    const closingSoon = book.closesAt !== null && Date.parse(book.closesAt) - now.getTime() <= reminderLeadHours[kind] * hourMs;
    if (!book.invitationsSentAt || !closingSoon || !registrationOpen(meeting, book, now)) return [];
    return members.filter((m) => !registered.has(m.id) && !already.has(m.id));
  }
  if (Date.parse(meeting.startsAt) - now.getTime() > reminderLeadHours[kind] * hourMs) return [];
  return members.filter((m) => registered.has(m.id) && !already.has(m.id));
}

/**
 * Sends the reminders that have fallen due for every upcoming event. Each recipient is claimed
 * in the event book by compare-and-set before the mail goes, so several server processes never
 * send the same reminder twice (a crash between claim and send loses that one email rather
 * than sending it twice).
 */
export async function sendDueReminders(deps: { store: Store; mailer: Mailer; publicUrl: string }, now = new Date()): Promise<number> {
  const { store } = deps;
  let sent = 0;
  for (const site of await store.listSites()) {
    const upcoming = (await store.listSiteMeetings(site.id)).filter((m) => m.status === 'scheduled' && m.startsAt > now.toISOString());
    if (!upcoming.length) continue;
    const memberships = (await store.listSiteMembers(site.id)).filter((m) => m.role !== 'facilitator');
    const members = (await Promise.all(memberships.map((m) => store.getUserById(m.userId)))).filter((u): u is UserRecord => u !== null);
    for (const meeting of upcoming) {
      for (const kind of Object.keys(reminderLeadHours) as ReminderKind[]) {
        const book = await readEventBook(store, meeting);
        const to = dueRecipients(kind, meeting, book, members, now);
        if (!to.length) continue;
        let claimed: UserRecord[] = [];
        const saved = await updateEventBook(store, meeting, (current) => {
          const fresh = new Set(current.reminded[kind]);
          claimed = to.filter((u) => !fresh.has(u.id));
          return { ok: true, value: { ...current, reminded: { ...current.reminded, [kind]: [...current.reminded[kind], ...claimed.map((u) => u.id)] } } };
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
