/**
 * Errors that mean the store cannot take writes just now (a full disk, Redis down or
 * restarting), as opposed to a bug. They become a 503 that says to try again, and the
 * readiness check reports them.
 */
const sqliteCodes = new Set(['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_BUSY', 'SQLITE_READONLY', 'SQLITE_CANTOPEN']);
const redisMessages = /Connection is closed|MaxRetriesPerRequest|ECONNREFUSED|ECONNRESET|Stream isn't writeable|LOADING|timed out/i;

export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && [...sqliteCodes].some((c) => code.startsWith(c))) return true;
  return error.name === 'MaxRetriesPerRequestError' || redisMessages.test(error.message);
}

/** Rejects when `promise` takes longer than `ms`: a health check must answer, not hang. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
