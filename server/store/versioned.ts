import crypto from 'node:crypto';
import type { z } from 'zod';
import { HttpError } from '../http/errors';
import type { VersionedKind, VersionedRecords } from './store';

/** Attempts at a compare-and-set before giving up: only simultaneous writers retry. */
const maxAttempts = 8;

/** How many recent change ids a record remembers, to recognise a change sent again. */
const rememberedChanges = 500;

/** A refused change: a 422, or a 409 when it was made on a version someone has changed since. */
export type Change<T> = { ok: true; value: T } | { ok: false; error: string; status?: 409 };

/**
 * A change the client named, to be applied once: its id, and what it asked for (what, on which
 * subject) so that the same id sent with something else is refused rather than answered as if
 * that had been recorded. Only a digest of the request is kept beside the id.
 */
export interface NamedChange {
  id: string;
  request: unknown;
}

/** How a named change is remembered: its id and a digest of what it asked for. */
const rememberedAs = (change: NamedChange) => `${change.id} ${crypto.createHash('sha256').update(JSON.stringify(change.request) ?? '').digest('base64url')}`;

/**
 * Whether the record has applied this change already; refused if the id was applied to another
 * request. Ids remembered before requests were (no digest) count as this one.
 */
function alreadyApplied(applied: readonly string[], change: NamedChange): boolean {
  const earlier = applied.find((entry) => entry === change.id || entry.startsWith(`${change.id} `));
  if (earlier === undefined) return false;
  if (earlier !== change.id && earlier !== rememberedAs(change)) throw new HttpError(422, 'This was sent before with other details, and those were kept: nothing more was changed. Reload the page to see what was kept.');
  return true;
}

/** Kept beside a record's own fields: the ids of the last changes applied to it. */
interface Envelope {
  appliedChanges?: string[];
}

/** A record kind's schema: what it reads as, with defaults filling what older versions lacked. */
type RecordSchema<T> = z.ZodType<T, unknown>;

function parseRecord<T extends { version: number }>(json: string, schema: RecordSchema<T>): { record: T; applied: string[] } {
  const { appliedChanges, ...fields } = JSON.parse(json) as Envelope;
  return { record: schema.parse(fields), applied: appliedChanges ?? [] };
}

/**
 * The stored record parsed by its schema (defaults fill fields added since it was saved, at any
 * depth), so a record that does not fit fails loudly instead of spreading; `initial()` when none.
 */
export async function readVersioned<T extends { version: number }>(store: VersionedRecords, kind: VersionedKind, id: string, initial: () => T, schema: RecordSchema<T>): Promise<T> {
  const stored = await store.getVersioned(kind, id);
  return stored ? parseRecord(stored.json, schema).record : initial();
}

/**
 * Applies a pure change to the stored record and saves it only if nobody saved another
 * version meanwhile, retrying from the new version if they did: each change is applied exactly
 * once, in one order, however many people (or processes) act at the same moment. A refused
 * change becomes a 422 with the reason, and nothing is stored.
 *
 * With a `change` (its id made by the client, sent again with a retry) the record remembers the
 * change in the same compare-and-set that applies it, so a change sent twice — a retry after a
 * lost answer, or a commit whose answer was lost with its connection — is applied once; the second time
 * the record is returned as it stands. The same id asking for something else is a 422. A change
 * that returns the record itself (nothing to change) saves nothing.
 */
export async function updateVersioned<T extends { version: number }>(
  store: VersionedRecords,
  kind: VersionedKind,
  id: string,
  initial: () => T,
  change: (current: T) => Change<T> | Promise<Change<T>>,
  schema: RecordSchema<T>,
  options: { change?: NamedChange } = {},
): Promise<T> {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const stored = await store.getVersioned(kind, id);
    const { record: current, applied } = stored ? parseRecord(stored.json, schema) : { record: initial(), applied: [] };
    if (options.change && alreadyApplied(applied, options.change)) return current;
    const outcome = await change(current);
    if (!outcome.ok) throw new HttpError(outcome.status ?? 422, outcome.error);
    if (outcome.value === current) return current;
    const appliedChanges = options.change ? [...applied, rememberedAs(options.change)].slice(-rememberedChanges) : applied;
    const json = JSON.stringify(appliedChanges.length ? { ...outcome.value, appliedChanges } : outcome.value);
    if (await store.saveVersioned(kind, id, current.version, outcome.value.version, json)) return outcome.value;
  }
  throw new HttpError(409, 'This changed at the same moment somewhere else. Try again.');
}
