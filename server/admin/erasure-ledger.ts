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
