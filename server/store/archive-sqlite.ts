import type Database from 'better-sqlite3';
import { ArchiveRefused, archiveTables, docPartsQuery, docsOf, foldedDocs, rowsOf, type ArchiveLine } from './archive-format';

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
    return [...lines, ...foldedDocs(db.prepare<[], { doc: string; bytes: Buffer }>(docPartsQuery).all())];
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
