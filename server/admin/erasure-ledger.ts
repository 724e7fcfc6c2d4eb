import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log';
import { eraseAccount, isErased } from './erasure';

/**
 * The erasures made here, by account id only, in a file beside the database rather than in it:
 * restoring a backup made before an erasure brings the person back, and the next start erases
 * them again before anyone can sign in. An id says nothing about whom it was.
 */
const LedgerEntry = z.object({ userId: z.string(), at: z.string() });

const ledgerFile = (dataDir: string) => path.join(dataDir, 'erasures.jsonl');

/** Where a backup keeps the ledger: beside it, so a restore on a new machine erases the same people again. */
const ledgerBesideBackup = (backupFile: string) => `${backupFile}.erasures.jsonl`;

/** Copies the ledger beside a backup (ids only); nothing when nobody has been erased. */
export function copyLedgerTo(dataDir: string, backupFile: string): void {
  if (fs.existsSync(ledgerFile(dataDir))) fs.copyFileSync(ledgerFile(dataDir), ledgerBesideBackup(backupFile));
}

/**
 * Adds to this data folder's ledger the ledgers kept beside every backup in the restored one's
 * folder: restoring an old backup on a new machine must erase again those erased after it, whose
 * ids are beside the newer backups.
 */
export function mergeLedgerFrom(backupFile: string, dataDir: string): void {
  const folder = path.dirname(path.resolve(backupFile));
  const ledgers = fs.readdirSync(folder).filter((name) => name.endsWith('.erasures.jsonl'));
  if (!ledgers.length) return;
  fs.mkdirSync(dataDir, { recursive: true });
  for (const name of ledgers) fs.appendFileSync(ledgerFile(dataDir), `\n${fs.readFileSync(path.join(folder, name), 'utf8')}`, { mode: 0o600 });
}

/** Written (and flushed to disk) before the erasure starts, so one cut short by a crash is finished at the next start. */
export function recordErasure(dataDir: string, userId: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const fd = fs.openSync(ledgerFile(dataDir), 'a', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify({ userId, at: new Date().toISOString() })}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function erasedIds(dataDir: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(ledgerFile(dataDir), 'utf8');
  } catch {
    return [];
  }
  // A line cut short by a crash while it was written was never acted on: it is skipped.
  const entries = text.split('\n').flatMap((line) => {
    try {
      const parsed = LedgerEntry.safeParse(JSON.parse(line));
      return parsed.success ? [parsed.data.userId] : [];
    } catch {
      return [];
    }
  });
  return [...new Set(entries)];
}

/** Erases again every account in the ledger that the store holds unerased (after a restore, or a crash mid-erasure). */
export async function reapplyErasures(deps: Parameters<typeof eraseAccount>[0] & { dataDir: string; log: Logger }): Promise<number> {
  let count = 0;
  for (const userId of erasedIds(deps.dataDir)) {
    const user = await deps.store.getUserById(userId);
    if (!user || isErased(user)) continue;
    await eraseAccount(deps, userId, 'erasure-ledger');
    count++;
  }
  if (count) deps.log.warn({ count }, 'erased again accounts that the erasure ledger lists (a restored backup or an erasure cut short)');
  return count;
}
