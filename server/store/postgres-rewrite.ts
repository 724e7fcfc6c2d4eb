import type pg from 'pg';
import { onOneConnection } from './postgres-transaction';

/** PostgreSQL's code for a lock not had within lock_timeout. */
const lockNotAvailable = '55P03';

/** How long rewriting one table after an erasure may take. */
const rewriteDeadlineMs = 10 * 60_000;

/**
 * Rewrites this schema's tables (`VACUUM FULL`), so that erased values are not left in dead row
 * versions. One table at a time, each locked only while it is rewritten, giving up at once
 * (rather than queueing every board's writes behind it) when the table is busy, and trying that
 * table again a few times before the erasure says it could not finish; with deadlines of its
 * own, enforced by PostgreSQL, since rewriting a large table takes longer than a statement may.
 */
export async function rewriteTables(pool: pg.Pool): Promise<void> {
  // This schema's tables only: others in the same database are not ours to rewrite.
  const { rows: tables } = await pool.query<{ name: string }>("SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
  if (!tables.length) return;
  await onOneConnection(pool, async (client) => {
    await client.query(`SET statement_timeout = '${rewriteDeadlineMs}ms'; SET lock_timeout = '2s'`);
    try {
      for (const { name } of tables) {
        for (let attempt = 1; ; attempt++) {
          try {
            await client.query({ text: `VACUUM FULL ${name}`, query_timeout: rewriteDeadlineMs + 5_000 } as pg.QueryConfig);
            break;
          } catch (error) {
            if ((error as { code?: string }).code !== lockNotAvailable || attempt === 5) throw error;
          }
        }
      }
    } finally {
      await client.query('RESET statement_timeout; RESET lock_timeout');
    }
  });
}
