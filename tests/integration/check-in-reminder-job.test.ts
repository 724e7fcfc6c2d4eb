import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { askDays } from '@shared/goals/check-in-reminders';
import { emptyGoalBook, GoalBook } from '@shared/goals/book';
import { addCalendarDays, ukDay, ukTime } from '@shared/dates';
import { provisionalPlan } from '@shared/programme/plan';
import { sendDueCheckInReminders } from '../../server/goals/check-in-reminders';
import type { Mail, Mailer } from '../../server/mail/mailer';
import { PostgresStore } from '../../server/store/postgres-store';
import { SqliteStore } from '../../server/store/sqlite-store';
import type { Store, UserRecord } from '../../server/store/store';
import { updateVersioned } from '../../server/store/versioned';
import { postgresUrl, uniqueSchema } from '../helpers/postgres';

/**
 * The reminders job against each store, with the clock passed in: the owner is asked on the ask
 * days counted back from the reviews, once each, not after a recent check-in, and the lead is
 * told once after two ignored asks. Rows are written directly, as factories do.
 */
const implementations: [string, () => Store | Promise<Store>][] = [
  ['SQLite', () => new SqliteStore(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lp-reminders-')), 'test.db'))],
  ['PostgreSQL', () => PostgresStore.open(postgresUrl(), { schema: uniqueSchema() })],
];

const person = (id: string, name: string): UserRecord => ({
  id,
  email: `${id}@reminders.example`,
  name,
  passwordHash: 'hash',
  isFacilitator: false,
  organisation: 'Org',
  sector: 'other',
  createdAt: new Date().toISOString(),
  deactivatedAt: null,
  lastSignInAt: null,
});

describe.each(implementations)('check-in reminders job: %s', (_name, makeStore) => {
  let store: Store;
  afterEach(async () => store?.close());

  it('asks the owner on each ask day once, skips after a recent check-in, and tells the lead once after two ignored', async () => {
    store = await makeStore();
    const sent: Mail[] = [];
    const mailer: Mailer = { send: async (mail) => void sent.push(mail), forget: async () => {} };
    const site = { id: 'site-r', name: 'Reminder Borough', createdAt: new Date().toISOString() };
    await store.createSite(site);
    for (const [user, role] of [[person('owner', 'Olu Owner'), 'stakeholder'], [person('lead', 'Lee Lead'), 'lead']] as const) {
      await store.createUser(user);
      await store.putMembership({ siteId: site.id, userId: user.id, role });
    }
    const plan = provisionalPlan(site);
    const lockedAt = new Date().toISOString();
    const book = { ...emptyGoalBook(), version: 1, lock: { meetingId: 'm', by: 'f', at: lockedAt, reviewBy: plan.review6mBy } };
    book.goals = [{ id: 'g1', position: 1, override: null, ownerId: 'owner', draft: { wording: 'One referral form', specific: 's', measurable: { measure: 'm', target: '1' }, achievable: { ownerOrganisation: 'o', ownerName: 'n', resources: 'r' }, relevantDomains: [6], dueDate: null } }];
    await updateVersioned(store, 'goal-book', site.id, emptyGoalBook, () => ({ ok: true, value: book }), GoalBook);

    const [first, second, third] = askDays(ukDay(lockedAt), [plan.review3mBy, plan.review6mBy]) as [string, string, string];
    const deps = { store, mailer, publicUrl: 'http://localhost' };
    const run = (day: string, hour = 9) => sendDueCheckInReminders(deps, new Date(ukTime(day, hour)));

    expect(await run(addCalendarDays(first, -1))).toBe(0);
    expect(await run(first)).toBe(1);
    expect(sent.at(-1)).toMatchObject({ to: 'owner@reminders.example', subject: 'Reminder Borough: time to check in on your goal' });
    expect(await run(first, 15)).toBe(0);
    expect(await run(second)).toBe(1);
    // Two asks, no check-in: the lead is told on the next run, once.
    expect(await run(second, 10)).toBe(1);
    expect(sent.at(-1)).toMatchObject({ to: 'lead@reminders.example', subject: 'Reminder Borough: no check-in on a goal after two reminders' });
    expect(await run(second, 11)).toBe(0);

    // A check-in ten days before the third ask: that ask is skipped, and nothing closes the goal.
    const checkedIn = { ...book, version: 2, checkIns: [{ id: 'c1', goalId: 'g1', by: 'owner', byName: 'Olu Owner', at: ukTime(addCalendarDays(third, -10), 12), rating: 5, confidence: 'likely' as const, happened: 'Form drafted', inTheWay: '', helpNeeded: '', helpFrom: '' }] };
    await updateVersioned(store, 'goal-book', site.id, emptyGoalBook, () => ({ ok: true, value: checkedIn }), GoalBook);
    expect(await run(third)).toBe(0);
    expect(sent).toHaveLength(3);
  });
});
