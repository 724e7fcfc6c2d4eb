import { z } from 'zod';
import { dayFromText } from '../dates';

/**
 * A site's directory of local support: who offers what, for whom, how to refer, and whom to
 * call. The CASCADE "clarity on roles" and "agreed point of contact" gold standards ask for
 * exactly this, kept up to date; an entry nobody has confirmed for six months is flagged.
 */
const lastConfirmedError = 'Enter the date the entry was last confirmed, for example 23/11/2026';

const text = (label: string, max: number) =>
  z.string({ error: `Enter ${label}` }).trim().min(1, `Enter ${label}`).max(max, `Keep ${label} to ${max} characters or fewer`);

export const DirectoryEntryBody = z.object({
  organisation: text('the organisation', 120),
  service: text('the service', 160),
  forWhom: text('who the service is for', 500),
  referralRoute: text('how to refer, and any thresholds', 1000),
  contactName: text('a named point of contact', 120),
  contactHow: text('how to contact them', 300),
  // A spreadsheet has it as 23/11/2026 or 23 November 2026 as often as 2026-11-23; stored as the last.
  lastConfirmed: z.string({ error: lastConfirmedError }).transform((text, ctx) => dayFromText(text) ?? (ctx.addIssue({ code: 'custom', message: lastConfirmedError }), z.NEVER)),
});
export type DirectoryEntryBody = z.input<typeof DirectoryEntryBody>;

const DirectoryEntry = DirectoryEntryBody.extend({ id: z.string(), updatedBy: z.string(), updatedAt: z.string() });
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;

/** A site's directory as stored, parsed by this schema whenever it is read. */
export const Directory = z.object({ version: z.number().int().nonnegative(), entries: z.array(DirectoryEntry) });
export type Directory = z.infer<typeof Directory>;

export const emptyDirectory = (): Directory => ({ version: 0, entries: [] });

const staleAfterMonths = 6;

/** True when the entry was last confirmed more than six calendar months before `today` (YYYY-MM-DD). */
export function isStale(entry: Pick<DirectoryEntry, 'lastConfirmed'>, today: string): boolean {
  const [y, m, d] = entry.lastConfirmed.split('-').map(Number) as [number, number, number];
  const due = new Date(Date.UTC(y, m - 1 + staleAfterMonths, 1));
  const lastDay = new Date(Date.UTC(due.getUTCFullYear(), due.getUTCMonth() + 1, 0)).getUTCDate();
  due.setUTCDate(Math.min(d, lastDay));
  return today > due.toISOString().slice(0, 10);
}

/** Entries matching every word of the query in any field, in directory order. */
export function searchDirectory(entries: readonly DirectoryEntry[], query: string): DirectoryEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...entries];
  return entries.filter((e) => {
    const haystack = [e.organisation, e.service, e.forWhom, e.referralRoute, e.contactName, e.contactHow].join(' ').toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

/** The CSV columns, in order, for export and import. */
export const directoryCsvColumns: { key: keyof z.infer<typeof DirectoryEntryBody>; header: string }[] = [
  { key: 'organisation', header: 'Organisation' },
  { key: 'service', header: 'Service' },
  { key: 'forWhom', header: 'Who it is for' },
  { key: 'referralRoute', header: 'Referral route and thresholds' },
  { key: 'contactName', header: 'Point of contact' },
  { key: 'contactHow', header: 'How to contact' },
  { key: 'lastConfirmed', header: 'Last confirmed' },
];

export const ImportDirectoryBody = z.object({ csv: z.string({ error: 'Choose a CSV file to import' }).min(1, 'The file is empty').max(1_000_000, 'The file is too large') });
