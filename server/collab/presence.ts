import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { SiteRole } from '@shared/roles';
import { MalformedMessage } from './protocol';

/** Who the server knows a connection to be: the only identity its presence may show. */
export interface PresenceIdentity {
  id: string;
  name: string;
  role: SiteRole;
}

/**
 * Rewrites a client's awareness update so that every state it sets names the sender as the
 * server knows them (a stakeholder cannot appear as the facilitator), and drops entries that
 * would change or remove presence belonging to someone else. Returns null when nothing is left.
 * The format is y-protocols' awareness update: a count, then per client its id, clock and
 * state as JSON (null for "gone").
 */
export function stampPresence(update: Uint8Array, sender: PresenceIdentity, current: ReadonlyMap<number, Record<string, unknown>>): Uint8Array | null {
  const entries: { clientId: number; clock: number; state: Record<string, unknown> | null }[] = [];
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new MalformedMessage('presence must be an object or null');
      entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
    }
    if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes in presence');
  } catch (error) {
    throw error instanceof MalformedMessage ? error : new MalformedMessage(String(error));
  }
  const allowed = entries.filter(({ clientId }) => {
    const owner = (current.get(clientId)?.user as { id?: unknown } | undefined)?.id;
    return owner === undefined || owner === sender.id;
  });
  if (!allowed.length) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, allowed.length);
  for (const { clientId, clock, state } of allowed) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state === null ? null : { ...state, user: { id: sender.id, name: sender.name, role: sender.role } }));
  }
  return encoding.toUint8Array(encoder);
}
