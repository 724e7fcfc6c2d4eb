import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sqliteFileIn } from '../store';
import { copyLedgerTo, mergeLedgerFrom } from './erasure-ledger';
import { schemaVersion } from '../store/sqlite-schema';

/**
 * Backup and restore of the embedded store. A backup uses SQLite's online backup API, so it is
 * a consistent copy even while the server runs and people edit: every change committed before it
 * finishes is in it. A restore checks the copy first, then replaces the data file (with the
 * server stopped).
 */

/**
 * Written under a temporary name beside the target and renamed when complete, so a backup that
 * was killed or failed halfway never sits under the final name looking like a good one.
 */
export async function backupSqlite(dataDir: string, to: string): Promise<{ bytes: number }> {
  const target = path.resolve(to);
  const partial = `${target}.partial-${process.pid}`;
  const db = new Database(sqliteFileIn(dataDir), { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await db.backup(partial);
    fs.renameSync(partial, target);
    copyLedgerTo(dataDir, target);
  } finally {
    db.close();
    fs.rmSync(partial, { force: true });
  }
  return { bytes: fs.statSync(target).size };
}

/** Why a file cannot be restored, or null when it is a sound backup this release can open. */
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

export function restoreSqlite(dataDir: string, from: string): void {
  const problem = problemWith(from);
  if (problem) throw new Error(`${from} cannot be restored: ${problem}`);
  const target = sqliteFileIn(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const incoming = `${target}.restoring`;
  fs.copyFileSync(from, incoming);
  // The old database's write-ahead log belongs to the file being replaced.
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
  fs.renameSync(incoming, target);
  mergeLedgerFrom(from, dataDir);
}
