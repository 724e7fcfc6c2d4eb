import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * After storing a change, the server tells its author what it now holds (its state vector) in a
 * message of its own type. A sync step 1 would say the same, but a y-websocket client answers
 * every sync step 1 with a sync step 2 that carries the document's whole delete set, which the
 * server would then have to check and apply after every edit for nothing.
 */
const savedMessageType = 4;

export function encodeSavedNotice(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, savedMessageType);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
  return encoding.toUint8Array(encoder);
}

/** The part of a y-websocket provider that reads incoming messages by their type. */
interface MessageReader {
  messageHandlers: Array<(encoder: encoding.Encoder, decoder: decoding.Decoder, ...rest: never[]) => void>;
}

/**
 * Hands each saved notice to `onSaved` as how far the server holds this document's own edits
 * (and, for edits kept from before a reload under an earlier client id, its whole state vector);
 * returns what stops listening. Nothing is sent back.
 */
export function listenForSavedNotices(provider: MessageReader, doc: Y.Doc, onSaved: (serverHasOwnClock: number, serverHas: Map<number, number>) => void): () => void {
  provider.messageHandlers[savedMessageType] = (_encoder, decoder) => {
    const serverHas = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    onSaved(serverHas.get(doc.clientID) ?? 0, serverHas);
  };
  return () => void delete provider.messageHandlers[savedMessageType];
}
