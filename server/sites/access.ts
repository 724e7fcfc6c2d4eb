import type { SiteRole } from '@shared/roles';
import { HttpError } from '../http/errors';
import type { Store } from '../store';
import type { MembershipRecord, UserRecord } from '../store/store';

/** The user's membership of a site; a 403 for anyone who is not a member (existing site or not). */
export async function requireMembership(store: Store, user: UserRecord, siteId: string): Promise<MembershipRecord> {
  const membership = await store.getMembership(siteId, user.id);
  if (!membership) throw new HttpError(403, 'You do not have access to this site');
  return membership;
}

export async function requireRole(
  store: Store,
  user: UserRecord,
  siteId: string,
  allowed: readonly SiteRole[],
  action: string,
): Promise<MembershipRecord> {
  const membership = await requireMembership(store, user, siteId);
  if (!allowed.includes(membership.role)) throw new HttpError(403, `Only ${action}`);
  return membership;
}
