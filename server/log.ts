import pino from 'pino';

/**
 * Structured logs. Anything that could carry a password, a session or invitation token, or a
 * survey answer is redacted by path, and request bodies are never logged at all.
 */
export function createLogger(level: string) {
  return pino({
    level,
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
  });
}

export type Logger = ReturnType<typeof createLogger>;
