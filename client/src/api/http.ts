import type { z } from 'zod';
import { ApiError } from '@shared/api/errors';

/** A failed API call, with the server's message and, for forms, one message per field. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** What to tell the person about a failed call: the server's own words when it gave them, else `fallback`. */
export const serverMessage = (error: unknown, fallback: string): string => (error instanceof ApiRequestError ? error.message : fallback);

/**
 * The server refused (not this person's to see, or gone), as opposed to a dropped connection, a
 * fault or being asked to slow down: what a page shows instead of what it showed before.
 */
export const refusedByServer = (error: unknown) => error instanceof ApiRequestError && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;

/** A read a page cannot show: it failed with nothing read before, or the server refused it. */
export const unreadable = (query: { isError: boolean; data?: unknown; error: unknown }) => (query.isError && query.data === undefined) || refusedByServer(query.error);

async function request<S extends z.ZodType>(method: string, path: string, schema: S | null, body?: unknown): Promise<z.infer<S>> {
  const response = await fetch(`/api${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const parsed = ApiError.safeParse(await response.json().catch(() => null));
    const message = parsed.success ? parsed.data.error : `The server answered ${response.status}`;
    throw new ApiRequestError(response.status, message, parsed.success ? parsed.data.fields : undefined);
  }
  if (!schema || response.status === 204) return undefined as z.infer<S>;
  return schema.parse(await response.json());
}

export const api = {
  get: <S extends z.ZodType>(path: string, schema: S) => request('GET', path, schema),
  post: <S extends z.ZodType>(path: string, body: unknown, schema: S | null = null) => request('POST', path, schema, body),
  put: (path: string, body: unknown) => request('PUT', path, null, body),
  patch: (path: string, body: unknown) => request('PATCH', path, null, body),
  delete: (path: string) => request('DELETE', path, null, {}),
};
