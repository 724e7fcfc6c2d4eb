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

/** What the goal draft being typed in may be called (the one thing presence says besides who). */
const editingPattern = /^[A-Za-z0-9_-]{1,40}$/;

/**
 * Rewrites a client's awareness update so that every state it sets names the sender as the
 * server knows them (a stakeholder cannot appear as the facilitator) and says nothing else but
 * which goal draft they are typing in: no field of a client's choosing, such as the domain
 * someone is reading, which beside an anonymous note would point at its author. Entries for a
 * presence id that is someone else's (`ownerOf`) are dropped. Returns null when nothing is left.
 * The format is y-protocols' awareness update: a count, then per client its id, clock and
 * state as JSON (null for "gone").
 *
 * A presence that comes back (its client reconnected after the room let it go) is given a clock
 * past the one it went at (`goneAt`): the client announces it at the clock it had, which the room
 * and every process hearing from it would ignore as old, leaving the person unseen until their
 * renewal 15 s later. Only then: raising a shown presence's clock would be echoed back by its
 * client at the new clock, and raised again, for ever.
 */
export function stampPresence(
  update: Uint8Array,
  sender: PresenceIdentity,
  ownerOf: (clientId: number) => string | undefined,
  goneAt: (clientId: number) => number | undefined = () => undefined,
): { update: Uint8Array; clientIds: number[] } | null {
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
    const owner = ownerOf(clientId);
    return owner === undefined || owner === sender.id;
  });
  if (!allowed.length) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, allowed.length);
  for (const { clientId, clock, state } of allowed) {
    const gone = state === null ? undefined : goneAt(clientId);
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, gone === undefined ? clock : Math.max(clock, gone + 1));
    const editing = typeof state?.editing === 'string' && editingPattern.test(state.editing) ? state.editing : null;
    encoding.writeVarString(encoder, JSON.stringify(state === null ? null : { user: { id: sender.id, name: sender.name, role: sender.role }, editing }));
  }
  return { update: encoding.toUint8Array(encoder), clientIds: allowed.map((e) => e.clientId) };
}
