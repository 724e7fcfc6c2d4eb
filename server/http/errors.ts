import type { ErrorRequestHandler } from 'express';
import type { z } from 'zod';
import { fieldErrors, type ApiError } from '@shared/api/errors';
import { loggablePath, type Logger } from '../log';
import { MailNotSent } from '../mail/mailer';
import { isStoreUnavailable } from '../store/unavailable';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

/** Parses a request body (or params) with a shared schema; a failure is a 400 naming each field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = fieldErrors(result.error);
  const first = Object.values(fields)[0] ?? 'The request is not valid';
  throw new HttpError(400, input === undefined ? 'Send a JSON body with the request' : first, fields);
}

interface BodyParserError {
  type?: string;
  status?: number;
}

/**
 * What went wrong, in the terms every surface answers in: a refusal of ours (with its message),
 * a request that could not be read, the store being out of reach, or a fault of ours. The JSON
 * API and the plain HTML pages each put this in their own words; there is one classification.
 */
export type Failure =
  | { kind: 'refused'; status: number; message: string; fields?: Record<string, string> }
  | { kind: 'unreadable'; status: number; message: string }
  | { kind: 'unavailable'; status: 503; message: string; what: 'store' | 'mail' }
  | { kind: 'unexpected'; status: 500; message: string };

export function describeFailure(error: unknown): Failure {
  if (error instanceof HttpError) return { kind: 'refused', status: error.status, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
  const parser = error as BodyParserError | undefined;
  if (parser?.type === 'entity.parse.failed') return { kind: 'unreadable', status: 400, message: 'The request body is not valid JSON' };
  if (parser?.type === 'entity.too.large') return { kind: 'unreadable', status: 413, message: 'The request body is too large' };
  if (typeof parser?.status === 'number' && parser.status < 500) return { kind: 'unreadable', status: parser.status, message: 'The request could not be read' };
  if (error instanceof MailNotSent) return { kind: 'unavailable', what: 'mail', status: 503, message: 'The email could not be sent just now. Try again in a moment.' };
  if (isStoreUnavailable(error)) return { kind: 'unavailable', what: 'store', status: 503, message: 'We could not save that just now. Nothing was changed: try again in a moment.' };
  return { kind: 'unexpected', status: 500, message: 'Something went wrong on our side. Try again later.' };
}

/** Logs a failure that is not simply a refusal: the store out of reach, or a fault of ours. */
export function logFailure(log: Logger, failure: Failure, error: unknown, where: Record<string, unknown>): void {
  if (failure.kind === 'unavailable') log.warn({ err: error, ...where }, failure.what === 'mail' ? 'mail not sent' : 'store unavailable');
  else if (failure.kind === 'unexpected') log.error({ err: error, ...where }, 'request failed');
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const failure = describeFailure(error);
    logFailure(log, failure, error, { method: req.method, path: loggablePath(req.path) });
    const body: ApiError = { error: failure.message, ...(failure.kind === 'refused' && failure.fields ? { fields: failure.fields } : {}) };
    res.status(failure.status).json(body);
  };
}
