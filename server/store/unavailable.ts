/**
 * Errors that mean the store cannot take writes just now (a full disk, PostgreSQL down or
 * restarting, Redis away), as opposed to a bug. They become a 503 that says to try again, and
 * the readiness check reports them.
 */
const sqliteCodes = ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_BUSY', 'SQLITE_READONLY', 'SQLITE_CANTOPEN'];
/**
 * PostgreSQL's SQLSTATE classes and codes for "not now": connection exceptions (08), insufficient
 * resources such as a full disk (53), operator intervention such as a shutdown or a statement
 * cancelled for its deadline (57), a read-only transaction (25006) and serialization failures (40).
 */
const postgresCodes = /^(08|53|57|25006|40001|40P01)/;
const connectionMessages = /Connection is closed|Connection terminated|MaxRetriesPerRequest|ECONNREFUSED|ECONNRESET|EPIPE|Stream isn't writeable|LOADING|timed out|timeout exceeded|Query read timeout|Client has encountered a connection error/i;

export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (sqliteCodes.some((c) => code.startsWith(c)) || postgresCodes.test(code))) return true;
  return error.name === 'MaxRetriesPerRequestError' || connectionMessages.test(error.message);
}
