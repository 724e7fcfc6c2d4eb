import { z } from 'zod';
import { AuditEntry } from '@shared/api/account';
import { ukDay } from '@shared/dates';
import type { Store } from '../store';
import { readVersioned, updateVersioned } from '../store/versioned';

/**
 * The log of administrative actions (who, what, to whom, when), one record per UK calendar year:
 * a few dozen entries a year, appended by compare-and-set so none is lost to a simultaneous one.
 */
const AuditYear = z.object({ version: z.number().int().nonnegative(), entries: z.array(AuditEntry) });
const emptyYear = () => ({ version: 0, entries: [] });
const yearOf = (at: string) => ukDay(at).slice(0, 4);

export async function recordAudit(store: Store, entry: Omit<AuditEntry, 'at'>): Promise<void> {
  const at = new Date().toISOString();
  await updateVersioned(store, 'audit-log', yearOf(at), emptyYear, (year) => ({ ok: true, value: { version: year.version + 1, entries: [...year.entries, { at, ...entry }] } }), AuditYear);
}

/** This year's and last year's entries, newest first. */
export async function recentAudit(store: Store): Promise<AuditEntry[]> {
  const thisYear = Number(yearOf(new Date().toISOString()));
  const years = await Promise.all([thisYear, thisYear - 1].map((year) => readVersioned(store, 'audit-log', String(year), emptyYear, AuditYear)));
  return years.flatMap((y) => y.entries).sort((a, b) => b.at.localeCompare(a.at));
}
