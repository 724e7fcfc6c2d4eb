import type pg from 'pg';

/**
 * Runs `work` in one transaction on one connection of the pool; rolled back if it throws.
 *
 * A connection checked out of the pool has no listener for its 'error' event (the pool listens
 * only while it is idle). If PostgreSQL goes away between two statements of the transaction
 * (a restart, `pg_ctl stop -m immediate`), the connection reports it as that event, and an
 * unheard 'error' event ends the whole process. It is heard here, and the broken connection is
 * destroyed on release instead of going back to the pool.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => void (broken ??= error);
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((failed: Error) => void (broken ??= failed));
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
