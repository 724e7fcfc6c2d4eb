import path from 'node:path';
import type { Logger } from '../log';
import type { AppliedMigration } from './schema-version';
import { SqliteStore } from './sqlite-store';
import type { Store } from './store';

export type { Store } from './store';

/** Where the embedded store keeps its database. */
export const sqliteFileIn = (dataDir: string) => path.join(dataDir, 'link-programme.db');

/** Opens the configured store with its numbered migrations run: PostgreSQL when a URL is given, else SQLite in `dataDir`. */
export async function openStore(
  options: { databaseUrl?: string; databaseSchema?: string; dataDir: string; sqliteSynchronous?: 'NORMAL' | 'FULL' },
  log?: Logger,
): Promise<Store> {
  // Each migration run is logged: an upgrade's log says what it changed in the data.
  const migrated = (migration: AppliedMigration) => log?.info({ migration: migration.version, why: migration.why }, 'store migrated');
  if (options.databaseUrl) {
    // Loaded only here: the embedded default never loads the PostgreSQL client.
    const { PostgresStore } = await import('./postgres-store');
    return PostgresStore.open(options.databaseUrl, {
      schema: options.databaseSchema,
      migrated,
      onIdleError: (error) => log?.warn({ err: error }, 'a PostgreSQL connection broke while idle'),
    });
  }
  // SQLite migrates as it opens, before its statements are prepared.
  return new SqliteStore(sqliteFileIn(options.dataDir), { synchronous: options.sqliteSynchronous ?? 'NORMAL', migrated });
}
