import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import { ArchiveRefused, archiveTables, docsOf, rowsOf, type ArchiveLine } from './archive-format';

/** Tables without a rowid keep no order of arrival: their primary key orders them. */
const orderOf = (table: string) => (table === 'survey_submissions' ? 'campaign_id, submission_id' : 'rowid');

/** Every row and document, read in one transaction: a consistent moment even while the server writes. */
export function exportSqlite(db: Database.Database): ArchiveLine[] {
  return db.transaction(() => {
    const lines: ArchiveLine[] = [];
    for (const table of archiveTables) {
      const rows = db.prepare(`SELECT ${table.columns.join(', ')} FROM ${table.name} ORDER BY ${orderOf(table.name)}`).raw().all() as (string | number | null)[][];
      for (const cells of rows) lines.push({ table: table.name, cells });
    }
    const snapshots = new Map(db.prepare<[], { doc: string; snapshot: Buffer }>('SELECT doc, snapshot FROM doc_snapshots').all().map((row) => [row.doc, [row.snapshot]]));
    for (const row of db.prepare<[], { doc: string; update_bytes: Buffer }>('SELECT doc, update_bytes FROM doc_updates ORDER BY doc, seq').all()) {
      snapshots.set(row.doc, [...(snapshots.get(row.doc) ?? []), row.update_bytes]);
    }
    for (const [doc, parts] of snapshots) lines.push({ doc, state: Buffer.from(Y.mergeUpdates(parts)).toString('base64') });
    return lines;
  })();
}

/** Loads an archive into a database that holds nothing yet, in one transaction. */
export function importSqlite(db: Database.Database, lines: readonly ArchiveLine[]): void {
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM users LIMIT 1').get()) throw new ArchiveRefused('The database already holds data: a restore goes into an empty one.');
    for (const table of archiveTables) {
      const insert = db.prepare(`INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES (${table.columns.map(() => '?').join(', ')})`);
      for (const cells of rowsOf(lines, table.name)) insert.run(...cells);
    }
    // Each document as one snapshot; updates stored later are numbered after it.
    const snapshot = db.prepare('INSERT INTO doc_snapshots (doc, snapshot, head) VALUES (?, ?, 0)');
    for (const { doc, state } of docsOf(lines)) snapshot.run(doc, state);
  })();
}
