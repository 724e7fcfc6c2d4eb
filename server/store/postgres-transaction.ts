import type pg from 'pg';

/**
 * Runs `work` on one connection of the pool, given back afterwards.
 *
 * A connection checked out of the pool has no listener for its 'error' event (the pool listens
 * only while it is idle). If PostgreSQL goes away while the connection is held (a restart,
 * `pg_ctl stop -m immediate`), the connection reports it as that event, and an unheard 'error'
 * event ends the whole process. It is heard here, and the broken connection is destroyed on
 * release instead of going back to the pool.
 */
export async function onOneConnection<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => void (broken ??= error);
  client.on('error', onError);
  try {
    return await work(client);
  } catch (error) {
    if (isConnectionError(error)) broken ??= error as Error;
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

/** Runs `work` in one transaction on one connection; rolled back if it throws. */
export function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return onOneConnection(pool, async (client) => {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A rollback that fails means the connection is gone: thrown, it is not given back.
      await client.query('ROLLBACK').catch((failed: Error) => {
        throw Object.assign(error as Error, { connectionLost: failed });
      });
      throw error;
    }
  });
}

/** A connection that failed so, or whose statement may still be running, is not given back to the pool. */
const isConnectionError = (error: unknown) => error instanceof Error && ('connectionLost' in error || /Connection terminated|ECONNRESET|EPIPE|Query read timeout/i.test(error.message));
