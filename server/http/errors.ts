import type { ErrorRequestHandler } from 'express';
import type { z } from 'zod';
import { fieldErrors, type ApiError } from '@shared/api/errors';
import { loggablePath, type Logger } from '../log';
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

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    let status = 500;
    let body: ApiError = { error: 'Something went wrong on our side. Try again later.' };
    if (error instanceof HttpError) {
      status = error.status;
      body = { error: error.message, ...(error.fields ? { fields: error.fields } : {}) };
    } else if ((error as BodyParserError)?.type === 'entity.parse.failed') {
      status = 400;
      body = { error: 'The request body is not valid JSON' };
    } else if ((error as BodyParserError)?.type === 'entity.too.large') {
      status = 413;
      body = { error: 'The request body is too large' };
    } else if (typeof (error as BodyParserError)?.status === 'number' && (error as BodyParserError).status! < 500) {
      status = (error as BodyParserError).status!;
      body = { error: 'The request could not be read' };
    } else if (isStoreUnavailable(error)) {
      status = 503;
      body = { error: 'We could not save that just now. Nothing was changed: try again in a moment.' };
      log.warn({ err: error, method: req.method, path: loggablePath(req.path) }, 'store unavailable');
    } else {
      log.error({ err: error, method: req.method, path: loggablePath(req.path) }, 'request failed');
    }
    res.status(status).json(body);
  };
}
