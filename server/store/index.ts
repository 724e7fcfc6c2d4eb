import path from 'node:path';
import { RedisStore } from './redis-store';
import { SqliteStore } from './sqlite-store';
import type { Store } from './store';

export type { Store } from './store';

/** Where the embedded store keeps its database. */
export const sqliteFileIn = (dataDir: string) => path.join(dataDir, 'link-programme.db');

/** Opens the configured store with its numbered migrations run: Redis when a URL is given, else SQLite in `dataDir`. */
export async function openStore(options: { redisUrl?: string; dataDir: string; redisPrefix?: string; sqliteSynchronous?: 'NORMAL' | 'FULL' }): Promise<Store> {
  if (options.redisUrl) {
    const store = new RedisStore(options.redisUrl, { prefix: options.redisPrefix });
    await store.migrate();
    return store;
  }
  // SQLite migrates as it opens, before its statements are prepared.
  return new SqliteStore(sqliteFileIn(options.dataDir), { synchronous: options.sqliteSynchronous ?? 'NORMAL' });
}
