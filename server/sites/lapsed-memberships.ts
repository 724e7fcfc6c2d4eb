import type { Store } from '../store';

/**
 * Which of these people are no longer members of these sites, read from the store once for each
 * pair, one read at a time: for when a "membership ended" event may have been lost (Redis was
 * away), when the store may itself be slow, so a process with thousands of connections neither
 * queues thousands of reads at once nor leaves a failed one unheard. Rejects at the first
 * failure, checking no further.
 */
export async function lapsedMemberships(store: Store, pairs: Iterable<{ siteId: string; userId: string }>): Promise<(siteId: string, userId: string) => boolean> {
  const key = (siteId: string, userId: string) => JSON.stringify([siteId, userId]);
  const lapsed = new Map<string, boolean>();
  for (const { siteId, userId } of pairs) {
    if (!lapsed.has(key(siteId, userId))) lapsed.set(key(siteId, userId), (await store.getMembership(siteId, userId)) === null);
  }
  return (siteId, userId) => lapsed.get(key(siteId, userId)) === true;
}
