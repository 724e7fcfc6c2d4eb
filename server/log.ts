import pino from 'pino';
import { currentRequestId } from './http/request-id';

/**
 * Structured logs. Anything that could carry a password, a session or invitation token, or a
 * survey answer is redacted by path, and request bodies are never logged at all.
 */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  return pino({
    level,
    // Every line written while a request is being answered carries its id.
    mixin: () => {
      const reqId = currentRequestId();
      return reqId ? { reqId } : {};
    },
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
        '*.answers',
        'password',
        'token',
        'answers',
      ],
      censor: '[redacted]',
    },
  }, destination);
}

export type Logger = ReturnType<typeof createLogger>;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const tokenLike = /^[A-Za-z0-9_-]{16,}$/;

/**
 * A request path fit for the logs: no query string, and every segment that could be a secret
 * (a survey link, or any long random token) replaced. Record ids (UUIDs) stay, for tracing.
 */
export function loggablePath(url: string): string {
  const path = url.split(/[?#]/)[0]!;
  return path
    .split('/')
    .map((segment) => (tokenLike.test(segment) && !uuid.test(segment) ? '[token]' : segment))
    .join('/');
}
