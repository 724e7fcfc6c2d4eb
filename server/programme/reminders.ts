import { ratedAllDomains } from '@shared/meetings/ratings';
import { EvaluationBook } from '@shared/evaluation/questions';
import { dueReminders, mayHaveReminders, type SiteFacts } from '@shared/programme/reminders';
import { emptyEvaluation } from '../evaluation/service';
import type { Mailer } from '../mail/mailer';
import type { Store } from '../store';
import { readVersioned } from '../store/versioned';
import { invitees, readEventBook, sessionFacts, updateEventBook } from './event-book';
import { readPlan } from './timeline';
import { mailEvent } from './event-mail';

/**
 * Sends the reminders that have fallen due (`shared/programme/reminders.ts` decides which). Each
 * recipient is claimed in the event's record by compare-and-set before the mail goes, so several
 * server processes never send the same one twice (a crash between claim and send loses that
 * email rather than sending it twice).
 */
export async function sendDueReminders(deps: { store: Store; mailer: Mailer; publicUrl: string }, now = new Date()): Promise<number> {
  const { store } = deps;
  let sent = 0;
  for (const site of await store.listSites()) {
    const meetings = await store.listSiteMeetings(site.id);
    const schedule = { now, tailoredTo: (await readPlan(store, site)).tailoredTo, sessions: await sessionFacts(store, meetings) };
    const candidates = meetings.filter((m) => mayHaveReminders(m, schedule));
    if (!candidates.length) continue;
    const members = await invitees(store, site.id);
    const ended = candidates.filter((m) => m.status === 'closed');
    const coming = candidates.filter((m) => m.status === 'scheduled');
    const facts: SiteFacts = {
      ...schedule,
      members: members.map((m) => m.id),
      responses: (await readVersioned(store, 'evaluation', site.id, emptyEvaluation, EvaluationBook)).responses,
      attended: Object.fromEntries(await Promise.all(ended.map(async (m) => [m.id, (await store.listAttendance(m.id)).map((a) => a.userId)] as const))),
      preRated: Object.fromEntries(await Promise.all(coming.map(async (m) => [m.id, ratedAllDomains(await store.listPreRatings(m.id))] as const))),
    };
    for (const meeting of candidates) {
      for (const { kind, to } of dueReminders(meeting, await readEventBook(store, meeting), facts)) {
        let claimed: string[] = [];
        const saved = await updateEventBook(store, meeting, (current) => {
          const already = current.reminded[kind] ?? [];
          claimed = to.filter((id) => !already.includes(id));
          return { ok: true, value: { ...current, reminded: { ...current.reminded, [kind]: [...already, ...claimed] } } };
        });
        await mailEvent(deps, { meeting, book: saved, site, kind, to: members.filter((m) => claimed.includes(m.id)) });
        sent += claimed.length;
      }
    }
  }
  return sent;
}
