import type { Store as RateLimitStore } from 'express-rate-limit';
import type { ServerOptions } from 'socket.io';
import type { Config } from '../config';
import type { Logger } from '../log';
import { localBus, type ClusterBus } from './bus';

export interface Cluster {
  bus: ClusterBus;
  /** socket.io's adapter: rooms, broadcasts and missed-event recovery shared through Redis streams. */
  socketAdapter?: ServerOptions['adapter'];
  /** Where a rate limit counts, so that N processes allow the limit once, not N times; none: in memory. */
  rateLimitStore(name: string): RateLimitStore | undefined;
  /**
   * Deletes the kept socket.io broadcasts (kept for missed-event recovery) that mention any of
   * `texts`: erasing a person takes their name out of those too.
   */
  forgetBroadcastsMentioning(texts: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** One process serving its sites alone: nothing to share, nothing to wait for. */
export const localCluster = (): Cluster => ({ bus: localBus(), rateLimitStore: () => undefined, forgetBroadcastsMentioning: async () => {}, close: async () => {} });

/**
 * With `REDIS_URL`, any number of processes serve the same sites; without it, one process does,
 * and the Redis clients, adapter and scripts are never loaded (a twentieth of a second of every
 * start of the embedded default).
 */
export async function openCluster(config: Config, log: Logger): Promise<Cluster> {
  const { redisUrl } = config;
  if (!redisUrl) return localCluster();
  const { redisCluster } = await import('./redis-cluster');
  return redisCluster({ ...config, redisUrl }, log);
}
