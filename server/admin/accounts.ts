import crypto from 'node:crypto';
import type { AccountSummary } from '@shared/api/account';
import { createPasswordLink, voidPasswordLinks } from '../auth/password-links';
import { hashPassword } from '../auth/passwords';
import { newToken } from '../auth/sessions';
import type { DomainEvents } from '../events/domain-events';
import { HttpError } from '../http/errors';
import type { Store } from '../store';
import type { UserRecord } from '../store/records';

/** The account commands of the administration area and of `npm run admin`. */

export const toAccountSummary = (user: UserRecord): AccountSummary => ({
  id: user.id,
  name: user.name,
  email: user.email,
  organisation: user.organisation,
  facilitator: user.isFacilitator,
  createdAt: user.createdAt,
  lastSignInAt: user.lastSignInAt,
  deactivatedAt: user.deactivatedAt,
});

/**
 * A facilitator account with no password yet, and a link to set one (valid for a week). Safe to
 * run again: for an existing facilitator it only makes a new link (voiding the earlier ones); an existing account that is
 * not a facilitator's is refused rather than quietly given more rights.
 */
export async function createFacilitator(store: Store, publicUrl: string, person: { email: string; name: string; organisation?: string }): Promise<{ user: UserRecord; link: string; created: boolean }> {
  let user = await store.getUserByEmail(person.email);
  if (user && !user.isFacilitator) throw new HttpError(409, `${person.email} already has an account that is not a facilitator's`, { email: 'This person already has an account as a lead or stakeholder' });
  if (user?.deactivatedAt) throw new HttpError(409, `The account of ${person.email} has been deactivated`, { email: 'This account has been deactivated' });
  const created = !user;
  if (!user) {
    // A password nobody knows (random, never shown) until the person sets their own from the link.
    const passwordHash = await hashPassword(newToken());
    await store.createUser({ id: crypto.randomUUID(), email: person.email, name: person.name, organisation: person.organisation ?? '', passwordHash, isFacilitator: true, createdAt: new Date().toISOString() });
    user = (await store.getUserByEmail(person.email))!;
  }
  // A welcome made again replaces the one before, which may be in a lost mail or a terminal's history.
  if (!created) await voidPasswordLinks(store, user.id);
  return { user, link: await createPasswordLink(store, publicUrl, user.id, 'welcome'), created };
}

/** Closes the account: it cannot sign in, and its sessions and live connections end now, in every process. */
export async function deactivateAccount(store: Store, events: DomainEvents, userId: string, byUserId: string): Promise<UserRecord> {
  if (userId === byUserId) throw new HttpError(422, 'You cannot deactivate your own account');
  const user = await store.getUserById(userId);
  if (!user) throw new HttpError(404, 'There is no such account');
  if (!user.deactivatedAt) await store.updateUser(userId, { deactivatedAt: new Date().toISOString() });
  await store.deleteUserSessions(userId);
  await events.publish({ type: 'account-deactivated', userId });
  return (await store.getUserById(userId))!;
}
