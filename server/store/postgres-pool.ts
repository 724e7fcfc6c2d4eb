import pg from 'pg';
import { quoteIdentifier } from './postgres-schema';
import type { AppliedMigration } from './schema-version';

/** BIGINT columns (identity numbers, counts) as numbers: they stay far below 2^53. */
const types = { getTypeParser: ((oid: number, format?: string) => (oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser };

/** How long one statement may run, and how long to wait for a connection, before failing (never waiting for ever). */
const statementTimeoutMs = 10_000;
const connectTimeoutMs = 5_000;

export interface PostgresOptions {
  /** The schema to keep the tables in ("public" unless told: tests use one each). */
  schema?: string;
  /** Connections per process. */
  poolSize?: number;
  migrated?: (migration: AppliedMigration) => void;
  /** Told of a connection lost while idle (PostgreSQL restarted): the next statement opens another. */
  onIdleError?: (error: Error) => void;
  /** A command-line tool (backup, restore), not a server: its connections are not counted as a server's. */
  tool?: boolean;
}

/** A pool of connections whose every wait has a deadline, its tables found in `schema`. */
/**
 * What a server's connections call themselves (PostgreSQL's application_name, at most 63
 * characters): a restore refuses while any connection so named is open on its schema.
 */
export const serverConnectionName = (schema: string) => `link-programme ${schema}`.slice(0, 63);

export function createPool(url: string, schema: string, size = 10, onIdleError?: (error: Error) => void, tool = false): pg.Pool {
  const pool = new pg.Pool({
    application_name: tool ? 'link-programme tool' : serverConnectionName(schema),
    connectionString: url,
    max: size,
    connectionTimeoutMillis: connectTimeoutMs,
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + 1_000,
    options: `-c search_path=${quoteIdentifier(schema)}`,
    types,
  });
  // A connection that breaks while idle is an 'error' on the pool: unheard, it would end the process.
  pool.on('error', (error) => onIdleError?.(error));
  return pool;
}
