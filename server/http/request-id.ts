import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';

/**
 * Each request's id, kept for everything done on its behalf: the logger adds it to every line
 * written meanwhile (log.ts), so one request's lines can be found together, and across the
 * proxy's logs when it sends X-Request-Id.
 */
const current = new AsyncLocalStorage<{ requestId: string }>();

/** An id from the proxy is kept only when it is a plain token: it goes into every log line. */
const saneRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

export const currentRequestId = (): string | undefined => current.getStore()?.requestId;

export function requestIds(): RequestHandler {
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && saneRequestId.test(given) ? given : crypto.randomUUID();
    res.setHeader('X-Request-Id', requestId);
    current.run({ requestId }, next);
  };
}
