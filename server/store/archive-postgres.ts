import type pg from 'pg';
import { ArchiveRefused, archiveTables, docPartsQuery, docsOf, foldedDocs, rowsOf, type ArchiveLine } from './archive-format';

/** Tables with an order of arrival keep it in `ord` (or `seq`); the rest are ordered by their key. */
const orderOf: Partial<Record<string, string>> = {
  users: 'ord',
  sites: 'ord',
  memberships: 'ord',
  survey_campaigns: 'ord',
  survey_responses: 'seq',
};

/** Every row and document, read in one repeatable-read transaction: one consistent moment. */
export async function exportPostgres(client: pg.PoolClient): Promise<ArchiveLine[]> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const lines: ArchiveLine[] = [];
    for (const table of archiveTables) {
      const order = orderOf[table.name] ? ` ORDER BY ${orderOf[table.name]}` : '';
      const { rows } = await client.query<(string | number | null)[]>({ text: `SELECT ${table.columns.join(', ')} FROM ${table.name}${order}`, rowMode: 'array' });
      for (const cells of rows) lines.push({ table: table.name, cells });
    }
    lines.push(...foldedDocs((await client.query<{ doc: string; bytes: Buffer }>(docPartsQuery)).rows));
    await client.query('COMMIT');
    return lines;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** Rows per INSERT statement: PostgreSQL takes at most 65,535 parameters in one. */
const batch = 500;

/** Every table a restore fills, and the board tables: all must be empty before it. */
const filledTables = [...archiveTables.map((t) => t.name), 'doc_snapshots', 'doc_updates'];

/**
 * Loads an archive into a schema that holds nothing yet, in one transaction; refused while a
 * server is connected to the schema (it would not re-apply the erasure ledger to what is loaded
 * under it, and would serve a half-loaded store's reads).
 */
export async function importPostgres(client: pg.PoolClient, lines: readonly ArchiveLine[], serverConnections: string): Promise<void> {
  const servers = await client.query<{ n: number }>('SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1', [serverConnections]);
  if (servers.rows[0]!.n > 0) throw new ArchiveRefused(`A server is connected to this PostgreSQL schema (${servers.rows[0]!.n} connections): stop every server first. Nothing was changed.`);
  await client.query('BEGIN');
  try {
    const holding = await client.query<{ found: boolean }>(`SELECT ${filledTables.map((t) => `EXISTS (SELECT 1 FROM ${t})`).join(' OR ')} AS found`);
    if (holding.rows[0]!.found) throw new ArchiveRefused('The PostgreSQL schema already holds data: a restore goes into an empty one. Nothing was changed.');
    for (const table of archiveTables) {
      const rows = rowsOf(lines, table.name);
      // Numbers of arrival come from the archive, not from the identity column.
      const overriding = table.name === 'survey_responses' ? ' OVERRIDING SYSTEM VALUE' : '';
      for (let from = 0; from < rows.length; from += batch) {
        const chunk = rows.slice(from, from + batch);
        const width = table.columns.length;
        const values = chunk.map((_, r) => `(${table.columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
        await client.query(`INSERT INTO ${table.name} (${table.columns.join(', ')})${overriding} VALUES ${values}`, chunk.flat());
      }
    }
    await client.query("SELECT setval(pg_get_serial_sequence('survey_responses', 'seq'), GREATEST((SELECT MAX(seq) FROM survey_responses), 1), (SELECT COUNT(*) > 0 FROM survey_responses))");
    for (const { doc, state } of docsOf(lines)) await client.query('INSERT INTO doc_snapshots (doc, snapshot, head) VALUES ($1, $2, 0)', [doc, state]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
