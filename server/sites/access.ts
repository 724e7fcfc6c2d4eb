import { can, refusalFor, type Ability, type Actor } from '@shared/policy';
import { HttpError } from '../http/errors';
import type { Store } from '../store';
import type { MembershipRecord, UserRecord } from '../store/store';

/** The policy's view of a person: their role on the site (if any) and their account. */
export const actorFor = (user: Pick<UserRecord, 'isFacilitator'>, membership: Pick<MembershipRecord, 'role'> | null, attends?: boolean, owns?: boolean): Actor => ({
  role: membership?.role ?? null,
  facilitatorAccount: user.isFacilitator,
  attends,
  owns,
});

/** Refuses (403, in the policy's words) unless the account may do this. */
export function allowOnAccount(user: UserRecord, ability: Ability): void {
  if (!can(actorFor(user, null), ability)) throw new HttpError(403, refusalFor(ability));
}

/** Refuses (403, in the rule's words) a member the policy does not let do this on their site. */
export function checkOnSite(user: UserRecord, membership: MembershipRecord, ability: Ability, owns?: boolean): void {
  if (!can(actorFor(user, membership, undefined, owns), ability)) throw new HttpError(403, refusalFor(ability));
}

/**
 * The user's membership of a site, if the policy lets them do this there: a 403 for anyone not
 * on the site (whether or not it exists), and the rule's refusal for a member who may not.
 */
export async function allowOnSite(store: Store, user: UserRecord, siteId: string, ability: Ability, owns?: boolean): Promise<MembershipRecord> {
  const membership = await store.getMembership(siteId, user.id);
  if (!membership) throw new HttpError(403, refusalFor('see-site'));
  checkOnSite(user, membership, ability, owns);
  return membership;
}

export const requireMembership = (store: Store, user: UserRecord, siteId: string) => allowOnSite(store, user, siteId, 'see-site');
