import * as Y from 'yjs';
import { z } from 'zod';

/**
 * A store-neutral archive: every row of every table as the two engines share them (the same
 * tables and columns, without the columns only one engine has), and each Yjs document folded into
 * one update. Written by either store and loaded into either, so a locality that started on the
 * embedded store moves to PostgreSQL by a backup and a restore.
 */
export const archiveFormat = 'link-programme-archive';
export const archiveVersion = 1;

/** The tables, parents before children (foreign keys), and the columns an archive carries. */
export const archiveTables = [
  { name: 'users', columns: ['id', 'email', 'name', 'password_hash', 'is_facilitator', 'organisation', 'sector', 'created_at', 'deactivated_at', 'last_sign_in_at'] },
  { name: 'sessions', columns: ['token_hash', 'user_id', 'expires_at', 'created_at', 'user_agent'] },
  { name: 'sites', columns: ['id', 'name', 'created_at'] },
  { name: 'memberships', columns: ['site_id', 'user_id', 'role'] },
  { name: 'invitations', columns: ['id', 'site_id', 'email', 'role', 'token_hash', 'invited_by', 'created_at', 'expires_at', 'accepted_at'] },
  { name: 'meetings', columns: ['id', 'site_id', 'kind', 'starts_at', 'duration_minutes', 'status', 'attendee_ids', 'base_meeting_id', 'started_at', 'created_by', 'created_at'] },
  { name: 'pre_ratings', columns: ['meeting_id', 'user_id', 'domain', 'rating', 'comment', 'updated_at'] },
  { name: 'versioned_records', columns: ['kind', 'id', 'version', 'json'] },
  { name: 'attendance', columns: ['meeting_id', 'user_id', 'first_joined_at'] },
  { name: 'meeting_snapshots', columns: ['meeting_id', 'snapshot'] },
  { name: 'instruments', columns: ['id', 'version', 'json'] },
  { name: 'survey_campaigns', columns: ['id', 'site_id', 'public_token', 'json'] },
  { name: 'survey_submissions', columns: ['campaign_id', 'submission_id'] },
  { name: 'survey_access_codes', columns: ['campaign_id', 'code_hash'] },
  { name: 'survey_responses', columns: ['seq', 'campaign_id', 'submitted_on', 'answers', 'context'] },
  { name: 'survey_response_counts', columns: ['campaign_id', 'n'] },
  { name: 'survey_releases', columns: ['campaign_id', 'current_size', 'json'] },
] as const;

export type ArchiveTable = (typeof archiveTables)[number];
const tableNames = archiveTables.map((t) => t.name) as [ArchiveTable['name'], ...ArchiveTable['name'][]];

const Cell = z.union([z.string(), z.number(), z.null()]);

export const ArchiveHeader = z.object({
  format: z.literal(archiveFormat),
  version: z.literal(archiveVersion),
  createdAt: z.string(),
  from: z.enum(['sqlite', 'postgres']),
});
export type ArchiveHeader = z.infer<typeof ArchiveHeader>;

/** A row: its cells in the order of the table's columns (checked against them when loaded). */
const RowLine = z.object({ table: z.enum(tableNames), cells: z.array(Cell) }).superRefine((line, context) => {
  const expected = archiveTables.find((t) => t.name === line.table)!.columns.length;
  if (line.cells.length !== expected) context.addIssue({ code: 'custom', message: `a ${line.table} row has ${line.cells.length} cells, not ${expected}` });
});
/** A Yjs document, folded into one update (base64). */
const DocLine = z.object({ doc: z.string().min(1), state: z.base64() });

export const ArchiveLine = z.union([RowLine, DocLine]);
export type ArchiveLine = z.infer<typeof ArchiveLine>;

/** What a store gives for an archive and takes from one. */
export interface ArchivableStore {
  /** Every row and document as they stand at one moment, even while the server writes. */
  exportArchive(): Promise<ArchiveLine[]>;
  /** Loads an archive into a store that holds nothing yet (refused otherwise), all or nothing. */
  importArchive(lines: readonly ArchiveLine[]): Promise<void>;
}

/** The archive's rows of one table, in order. */
export const rowsOf = (lines: readonly ArchiveLine[], table: ArchiveTable['name']) =>
  lines.flatMap((line) => ('table' in line && line.table === table ? [line.cells] : []));

export const docsOf = (lines: readonly ArchiveLine[]) => lines.flatMap((line) => ('doc' in line ? [{ doc: line.doc, state: Buffer.from(line.state, 'base64') }] : []));

/** Every stored part of every Yjs document, the same SQL in both engines: each document's snapshot, then its updates in order. */
export const docPartsQuery =
  'SELECT doc, bytes FROM (SELECT doc, 0 AS kind, 0 AS seq, snapshot AS bytes FROM doc_snapshots UNION ALL SELECT doc, 1, seq, update_bytes FROM doc_updates) AS parts ORDER BY doc, kind, seq';

/** The parts `docPartsQuery` reads, each document folded into one update. */
export function foldedDocs(rows: readonly { doc: string; bytes: Uint8Array }[]): ArchiveLine[] {
  const parts = new Map<string, Uint8Array[]>();
  for (const { doc, bytes } of rows) {
    const list = parts.get(doc);
    if (list) list.push(bytes);
    else parts.set(doc, [bytes]);
  }
  return [...parts].map(([doc, updates]) => ({ doc, state: Buffer.from(Y.mergeUpdates(updates)).toString('base64') }));
}

/** A refusal that says what to do, for the command line to print as it is. */
export class ArchiveRefused extends Error {}
