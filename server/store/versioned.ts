import type { z } from 'zod';
import { HttpError } from '../http/errors';
import type { Store, VersionedKind } from './store';

/** Attempts at a compare-and-set before giving up: only simultaneous writers retry. */
const maxAttempts = 8;

export type Change<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * The stored record, with defaults for fields added since it was saved; parsed by its schema
 * when one is given, so a record that does not fit fails loudly instead of spreading.
 */
export async function readVersioned<T extends { version: number }>(store: Store, kind: VersionedKind, id: string, initial: () => T, schema?: z.ZodType<T>): Promise<T> {
  const stored = await store.getVersioned(kind, id);
  if (!stored) return initial();
  const merged = { ...initial(), ...(JSON.parse(stored.json) as T) };
  return schema ? schema.parse(merged) : merged;
}

/**
 * Applies a pure change to the stored record and saves it only if nobody saved another
 * version meanwhile, retrying from the new version if they did: each change is applied exactly
 * once, in one order, however many people (or processes) act at the same moment. A refused
 * change becomes a 422 with the reason, and nothing is stored.
 */
export async function updateVersioned<T extends { version: number }>(
  store: Store,
  kind: VersionedKind,
  id: string,
  initial: () => T,
  change: (current: T) => Change<T> | Promise<Change<T>>,
  schema?: z.ZodType<T>,
): Promise<T> {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const current = await readVersioned(store, kind, id, initial, schema);
    const outcome = await change(current);
    if (!outcome.ok) throw new HttpError(422, outcome.error);
    if (await store.saveVersioned(kind, id, current.version, outcome.value.version, JSON.stringify(outcome.value))) return outcome.value;
  }
  throw new HttpError(409, 'This changed at the same moment somewhere else. Try again.');
}
