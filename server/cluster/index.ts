import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';
import type { Config } from '../config';
import type { Logger } from '../log';
import { localBus, redisBus, type ClusterBus } from './bus';

export interface Cluster {
  bus: ClusterBus;
  /** socket.io's adapter: rooms, broadcasts and missed-event recovery shared through Redis streams. */
  socketAdapter?: ServerOptions['adapter'];
  close(): Promise<void>;
}

/** With `REDIS_URL`, any number of processes serve the same sites; without it, one process does. */
export function createCluster(config: Config, log: Logger): Cluster {
  if (!config.redisUrl) return { bus: localBus(), close: async () => {} };
  const prefix = config.redisPrefix ?? 'lp:';
  const adapterClient = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  adapterClient.on('error', (error) => log.warn({ err: error }, 'socket.io Redis connection error'));
  const bus = redisBus(config.redisUrl, `${prefix}bus:`, log);
  return {
    bus,
    socketAdapter: createAdapter(adapterClient, { streamName: `${prefix}socket.io`, channelPrefix: `${prefix}socket.io` }) as ServerOptions['adapter'],
    async close() {
      await bus.close();
      adapterClient.disconnect();
    },
  };
}
