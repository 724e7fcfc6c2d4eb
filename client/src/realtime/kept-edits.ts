import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';

/**
 * Edits to a co-edited document (goal drafts, review notes) that the server has not yet
 * confirmed storing, kept in this tab's sessionStorage: the document holds them while the
 * connection is down, but a reload would start again from the server's copy without them.
 */
const keyOf = (docName: string) => `unsaved-edits:${docName}`;

/** Keeps the whole document (small: a meeting's goals) while anything in it is unconfirmed. */
export function keepEdits(docName: string, doc: Y.Doc): void {
  try {
    sessionStorage.setItem(keyOf(docName), toBase64(Y.encodeStateAsUpdate(doc)));
  } catch {
    // Storage full or refused: the edits still live in the page.
  }
}

export function forgetEdits(docName: string): void {
  try {
    sessionStorage.removeItem(keyOf(docName));
  } catch {
    // Nothing was kept.
  }
}

/** The edits kept before a reload, if any; they stay kept until the server confirms it has them. */
export function readKeptEdits(docName: string): Uint8Array | null {
  try {
    const kept = sessionStorage.getItem(keyOf(docName));
    return kept ? fromBase64(kept) : null;
  } catch {
    return null;
  }
}

/**
 * Of the kept edits, what the document (just synced with the server) lacks, and the clocks the
 * server must reach to hold it. Applied after the sync, it is sent like any new edit; anything
 * the server already has is left out, so nothing arrives twice.
 */
export function missingEdits(doc: Y.Doc, kept: Uint8Array): { update: Uint8Array; until: Map<number, number> } {
  const before = new Y.Doc();
  Y.applyUpdate(before, kept);
  const update = Y.encodeStateAsUpdate(before, Y.encodeStateVector(doc));
  before.destroy();
  return { update, until: Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)) };
}
