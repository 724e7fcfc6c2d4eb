import { CheckInReminderLog, dueCheckInReminders, emptyReminderLog, reviewDaysOf, type DueReminder, type ReminderFacts } from '@shared/goals/check-in-reminders';
import { GoalBook, emptyGoalBook } from '@shared/goals/book';
import { ukDay } from '@shared/dates';
import type { Mailer } from '../mail/mailer';
import { programmePlanOf } from '../programme/timeline';
import type { Store } from '../store';
import type { SiteRecord, UserRecord } from '../store/store';
import { readVersioned, updateVersioned } from '../store/versioned';

type Deps = { store: Store; mailer: Mailer; publicUrl: string };

/** The site's review days, from its plan and its booked meetings (`reviewDaysOf`). */
async function reviewDays(store: Store, siteId: string): Promise<string[]> {
  const [plan, meetings] = await Promise.all([programmePlanOf(store, siteId), store.listSiteMeetings(siteId)]);
  return reviewDaysOf(plan, meetings);
}

const sameReminder = (a: DueReminder, b: DueReminder) => a.kind === b.kind && a.goalId === b.goalId && (a.kind !== 'ask-owner' || (b.kind === 'ask-owner' && a.day === b.day));

/**
 * Claims a reminder in the site's log by compare-and-set before anything is sent, asking the
 * rules again against the log as it now stands, so several processes never send it twice (a
 * crash between claim and send loses that mail, as with the event reminders).
 */
async function claim(store: Store, siteId: string, due: DueReminder, facts: Omit<ReminderFacts, 'log'>, leadIds: string[]): Promise<boolean> {
  let claimed = false;
  await updateVersioned(
    store,
    'goal-check-in-reminders',
    siteId,
    emptyReminderLog,
    (log) => {
      claimed = dueCheckInReminders({ ...facts, log }).some((d) => sameReminder(d, due));
      if (!claimed) return { ok: true, value: log };
      const at = facts.now.toISOString();
      const value =
        due.kind === 'ask-owner'
          ? { ...log, version: log.version + 1, asks: [...log.asks, { goalId: due.goalId, day: due.day, ownerId: due.ownerId, sent: due.send, at }] }
          : { ...log, version: log.version + 1, leadTold: [...log.leadTold, { goalId: due.goalId, at, leadIds }] };
      return { ok: true, value };
    },
    CheckInReminderLog,
  );
  return claimed;
}

const goalName = (book: GoalBook, goalId: string) => {
  const goal = book.goals.find((g) => g.id === goalId)!;
  return `goal ${goal.position}, “${goal.draft.wording.trim()}”`;
};

async function mail(deps: Deps, site: SiteRecord, book: GoalBook, due: DueReminder, to: UserRecord[]): Promise<void> {
  const link = `${deps.publicUrl}/sites/${site.id}/goals`;
  for (const person of to) {
    const text =
      due.kind === 'ask-owner'
        ? `Dear ${person.name},\n\nYou own ${goalName(book, due.goalId)} for ${site.name}. How is it going? A check-in takes a few minutes: what has happened, how likely the goal is to be met by its due date, and anything in the way.\n\nCheck in here:\n\n${link}\n\nThe group rates the goal together at the next review; what you say now is there when it opens.\n\nLink Programme`
        : `Dear ${person.name},\n\nThe owner of ${goalName(book, due.goalId)} for ${site.name} has been asked twice to check in and has not yet. Nothing has changed about the goal; you may want to ask how it is going, or check in for them.\n\n${link}\n\nLink Programme`;
    const subject = due.kind === 'ask-owner' ? `${site.name}: time to check in on your goal` : `${site.name}: no check-in on a goal after two reminders`;
    await deps.mailer.send({ to: person.email, subject, text });
  }
}

/**
 * Asks goal owners to check in and tells leads when nobody has (`shared/goals/check-in-reminders.ts`
 * decides who and when). Run by the periodic reminders job; returns how many mails went.
 */
export async function sendDueCheckInReminders(deps: Deps, now = new Date()): Promise<number> {
  const { store } = deps;
  let sent = 0;
  for (const site of await store.listSites()) {
    const book = await readVersioned(store, 'goal-book', site.id, emptyGoalBook, GoalBook);
    if (!book.lock || !book.goals.some((g) => g.ownerId)) continue;
    const log = await readVersioned(store, 'goal-check-in-reminders', site.id, emptyReminderLog, CheckInReminderLog);
    const goals = book.goals.map((g) => ({ id: g.id, ownerId: g.ownerId, checkIns: book.checkIns.filter((c) => c.goalId === g.id).map((c) => c.at) }));
    const facts = { now, lockedOn: ukDay(book.lock.at), reviewDays: await reviewDays(store, site.id), goals };
    const due = dueCheckInReminders({ ...facts, log });
    if (!due.length) continue;
    const members = await store.listSiteMembers(site.id);
    const leadIds = members.filter((m) => m.role === 'lead').map((m) => m.userId);
    for (const reminder of due) {
      const recipientIds = reminder.kind === 'ask-owner' ? (reminder.send ? [reminder.ownerId] : []) : leadIds;
      if (!(await claim(store, site.id, reminder, facts, leadIds))) continue;
      // An owner who has left the site is not written to; the next check-in or owner starts afresh.
      const onSite = recipientIds.filter((id) => members.some((m) => m.userId === id));
      const to = (await Promise.all(onSite.map((id) => store.getUserById(id)))).filter((u): u is UserRecord => u !== null && !u.deactivatedAt);
      await mail(deps, site, book, reminder, to);
      sent += to.length;
    }
  }
  return sent;
}
