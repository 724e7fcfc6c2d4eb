import path from 'node:path';
import { RedisStore } from './redis-store';
import { SqliteStore } from './sqlite-store';
import type { Store } from './store';

export type { Store } from './store';

export function createStore(options: { redisUrl?: string; dataDir: string; redisPrefix?: string }): Store {
  if (options.redisUrl) return new RedisStore(options.redisUrl, { prefix: options.redisPrefix });
  const synchronous = process.env.SQLITE_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL';
  return new SqliteStore(path.join(options.dataDir, 'link-programme.db'), { synchronous });
}
