import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/** Message types of the y-websocket protocol (first varUint of every frame). */
const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

export class MalformedMessage extends Error {}

/** One decoded client → server frame. Decoding is complete before anything acts on it. */
export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  /** `reply` for a sync step 2 (what a client sends back when it joins), false for a change it just made. */
  | { type: 'sync-update'; update: Uint8Array; reply: boolean }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'auth' };

export function decodeClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const message = readMessage(decoder);
    if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes');
    return message;
  } catch (error) {
    throw error instanceof MalformedMessage ? error : new MalformedMessage(String(error));
  }
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.sync: {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        Y.decodeStateVector(payload);
        return { type: 'sync-step-1', stateVector: payload };
      }
      if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
        return { type: 'sync-update', update: payload, reply: syncType === syncProtocol.messageYjsSyncStep2 };
      }
      throw new MalformedMessage(`unknown sync message ${syncType}`);
    }
    case MessageType.awareness:
      return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MessageType.queryAwareness:
      return { type: 'query-awareness' };
    case MessageType.auth:
      // Clients have no business sending auth messages; read and ignore.
      decoding.readVarUint(decoder);
      decoding.readVarString(decoder);
      return { type: 'auth' };
    default:
      throw new MalformedMessage(`unknown message type ${type}`);
  }
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

function encodeSync(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const encodeUpdate = (update: Uint8Array) => encodeSync(syncProtocol.messageYjsUpdate, update);

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * The answer to a client's sync step 1, split so no frame is larger than `maxBytes` where the
 * document allows: one update per Yjs client, and step 2 last, which is what marks the client
 * as synced. A single huge message would outlast the client's 30-second liveness timeout.
 */
export function encodeSyncStep2Frames(doc: Y.Doc, remoteStateVector: Uint8Array, maxBytes: number): Uint8Array[] {
  const whole = Y.encodeStateAsUpdate(doc, remoteStateVector);
  if (whole.byteLength <= maxBytes) return [encodeSync(syncProtocol.messageYjsSyncStep2, whole)];
  const remote = Y.decodeStateVector(remoteStateVector);
  const local = Y.decodeStateVector(Y.encodeStateVector(doc));
  const frames: Uint8Array[] = [];
  for (const [client, clock] of local) {
    if ((remote.get(client) ?? 0) >= clock) continue;
    // Pretend the remote has everything except this one client's structs.
    const pretend = new Map(local);
    pretend.set(client, remote.get(client) ?? 0);
    frames.push(encodeUpdate(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(pretend))));
  }
  // Step 2 carries the rest (the delete set and anything pending) once the parts are in.
  frames.push(encodeSync(syncProtocol.messageYjsSyncStep2, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(local))));
  return frames;
}

export { awarenessProtocol };
