import path from 'node:path';
import type { Logger } from '../log';
import type { AppliedMigration } from './schema-version';
import { RedisStore } from './redis-store';
import { SqliteStore } from './sqlite-store';
import type { Store } from './store';

export type { Store } from './store';

/** Where the embedded store keeps its database. */
export const sqliteFileIn = (dataDir: string) => path.join(dataDir, 'link-programme.db');

/** Opens the configured store with its numbered migrations run: Redis when a URL is given, else SQLite in `dataDir`. */
export async function openStore(options: { redisUrl?: string; dataDir: string; redisPrefix?: string; sqliteSynchronous?: 'NORMAL' | 'FULL' }, log?: Logger): Promise<Store> {
  // Each migration run is logged: an upgrade's log says what it changed in the data.
  const migrated = (migration: AppliedMigration) => log?.info({ migration: migration.version, why: migration.why }, 'store migrated');
  if (options.redisUrl) {
    const store = new RedisStore(options.redisUrl, { prefix: options.redisPrefix });
    // Without a listener ioredis prints each connection error to stderr, over several lines and
    // not as JSON; the commands that fail meanwhile report themselves.
    store.redis.on('error', (error: Error) => log?.warn({ err: error }, 'store Redis connection error'));
    await store.migrate(migrated);
    return store;
  }
  // SQLite migrates as it opens, before its statements are prepared.
  return new SqliteStore(sqliteFileIn(options.dataDir), { synchronous: options.sqliteSynchronous ?? 'NORMAL', migrated });
}
