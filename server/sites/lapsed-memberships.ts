import type { Store } from '../store';

/**
 * Which of these people are no longer members of these sites, read from the store once for each
 * pair: for when a "membership ended" event may have been lost (Redis was away).
 */
export async function lapsedMemberships(store: Store, pairs: Iterable<{ siteId: string; userId: string }>): Promise<(siteId: string, userId: string) => boolean> {
  const key = (siteId: string, userId: string) => JSON.stringify([siteId, userId]);
  const checks = new Map<string, Promise<boolean>>();
  for (const { siteId, userId } of pairs) {
    if (!checks.has(key(siteId, userId))) checks.set(key(siteId, userId), store.getMembership(siteId, userId).then((membership) => membership === null));
  }
  const lapsed = new Set<string>();
  for (const [pair, check] of checks) if (await check) lapsed.add(pair);
  return (siteId, userId) => lapsed.has(key(siteId, userId));
}
