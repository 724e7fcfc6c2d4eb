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
 * Each entry's clock is raised past the one the room last knew (`knownClock`), so its owner's
 * newest word always counts: a client that reconnects sends its presence at the clock it had,
 * which the room (and every process hearing from it) would otherwise ignore as old, leaving the
 * person unseen until their next renewal, or seen but not theirs to take away when they leave.
 */
export function stampPresence(
  update: Uint8Array,
  sender: PresenceIdentity,
  ownerOf: (clientId: number) => string | undefined,
  knownClock: (clientId: number) => number | undefined = () => undefined,
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
    const known = knownClock(clientId);
    encoding.writeVarUint(encoder, clientId);
    // A removal at the known clock is taken; a state must be newer than it.
    encoding.writeVarUint(encoder, known === undefined ? clock : Math.max(clock, state === null ? known : known + 1));
    const editing = typeof state?.editing === 'string' && editingPattern.test(state.editing) ? state.editing : null;
    encoding.writeVarString(encoder, JSON.stringify(state === null ? null : { user: { id: sender.id, name: sender.name, role: sender.role }, editing }));
  }
  return { update: encoding.toUint8Array(encoder), clientIds: allowed.map((e) => e.clientId) };
}
