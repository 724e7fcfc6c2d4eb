import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Config } from '../config';
import { sqliteFileIn } from '../store';
import type { ArchiveLine } from '../store/archive-format';
import { ArchiveRefused } from '../store/archive-format';
import { PostgresStore } from '../store/postgres-store';
import { schemaVersion } from '../store/sqlite-schema';
import { SqliteStore } from '../store/sqlite-store';
import { isArchive, readArchive, writeArchive } from './archive-file';
import { copyLedgerTo, mergeLedgerFrom } from './erasure-ledger';

/**
 * Backup and restore, the same for both stores: a backup is a store-neutral archive (every row
 * and document at one moment, read in one transaction while the server runs and people edit), and
 * a restore loads one into an empty store of either kind. So a locality that started on the
 * embedded store moves to PostgreSQL by a backup and a restore. The erasure ledger goes beside
 * each backup and comes back with a restore.
 */

type StoreSettings = Pick<Config, 'dataDir' | 'databaseUrl' | 'databaseSchema'>;

export async function backupStore(config: StoreSettings, to: string): Promise<{ bytes: number; from: 'sqlite' | 'postgres' }> {
  const from = config.databaseUrl ? 'postgres' : 'sqlite';
  if (from === 'sqlite' && !fs.existsSync(sqliteFileIn(config.dataDir))) throw new ArchiveRefused(`There is no database in ${config.dataDir} to back up: is DATA_DIR right?`);
  const lines = await withStore(config, (store) => store.exportArchive());
  const { bytes } = writeArchive(to, from, lines);
  copyLedgerTo(config.dataDir, path.resolve(to));
  return { bytes, from };
}

/** Loads a backup (an archive, or a database file from releases before archives) into the configured store. */
export async function restoreStore(config: StoreSettings, from: string): Promise<{ into: 'sqlite' | 'postgres' }> {
  const lines = isArchive(from) ? readArchive(from).lines : await linesOfDatabaseFile(from);
  if (config.databaseUrl) {
    await withStore(config, (store) => store.importArchive(lines));
  } else {
    // Built beside the data file and put in its place only once complete.
    const target = sqliteFileIn(config.dataDir);
    const incoming = `${target}.restoring`;
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${incoming}${suffix}`, { force: true });
    const store = new SqliteStore(incoming);
    try {
      await store.importArchive(lines);
    } finally {
      await store.close();
    }
    // The old database's write-ahead log belongs to the file being replaced.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
    fs.renameSync(incoming, target);
  }
  mergeLedgerFrom(from, config.dataDir);
  return { into: config.databaseUrl ? 'postgres' : 'sqlite' };
}

async function withStore<T>(config: StoreSettings, work: (store: SqliteStore | PostgresStore) => Promise<T>): Promise<T> {
  const store = config.databaseUrl ? await PostgresStore.open(config.databaseUrl, { schema: config.databaseSchema, poolSize: 2, tool: true }) : new SqliteStore(sqliteFileIn(config.dataDir));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** An embedded database file (a backup from before archives): checked, brought up to date on a copy, and read. */
async function linesOfDatabaseFile(file: string): Promise<ArchiveLine[]> {
  const problem = problemWith(file);
  if (problem) throw new ArchiveRefused(`${file} cannot be restored: ${problem}`);
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lp-restore-')), 'backup.db');
  fs.copyFileSync(file, copy);
  const store = new SqliteStore(copy);
  try {
    return await store.exportArchive();
  } finally {
    await store.close();
    fs.rmSync(path.dirname(copy), { recursive: true, force: true });
  }
}

/** Why a database file cannot be restored, or null when it is a sound one this release can open. */
function problemWith(file: string): string | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    if (db.pragma('integrity_check', { simple: true }) !== 'ok') return 'it is damaged (integrity check failed)';
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'users'").get()) return 'it is not a Link Programme database';
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > schemaVersion) return `it was made by a newer release (schema ${version}; this one knows up to ${schemaVersion})`;
    return null;
  } catch (error) {
    return `it cannot be opened (${(error as Error).message})`;
  } finally {
    db?.close();
  }
}
