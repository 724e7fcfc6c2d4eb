import * as Y from 'yjs';
import { addEntry, readCollection } from '@shared/collab/structured-doc';
import { goalCollections } from '@shared/goals/drafts';
import { meetingBoardDocName, meetingGoalsDocName } from '@shared/meetings/meeting';
import { applyStoredDoc } from '../collab/stored-doc';
import type { DocLog } from '../store/store';

/**
 * Until this release, goal drafts and review notes lived in the board document beside the notes.
 * A meeting whose co-edited document is still empty takes them from there, copied by value (the
 * board keeps them, unread), so drafts written before an upgrade are where people left them.
 */
export function legacyGoalEntries(board: Y.Doc): Y.Doc {
  const goals = new Y.Doc();
  for (const collection of goalCollections) {
    for (const { id, ...values } of readCollection<Record<string, unknown>>(board, collection)) {
      const fields = Object.fromEntries(Object.keys(collection.fields).map((f) => [f, values[f]]));
      const texts = Object.fromEntries(Object.keys(collection.texts).map((f) => [f, String(values[f] ?? '')]));
      addEntry(goals, collection, id, fields, texts);
    }
  }
  return goals;
}

/** What the store holds of a meeting's co-edited document, or its entries from the old board where it holds nothing yet. */
export async function readGoalsDoc(store: DocLog, siteId: string, meetingId: string): Promise<Y.Doc> {
  const stored = await store.loadDoc(meetingGoalsDocName(siteId, meetingId));
  if (stored.snapshot || stored.updates.length) return applyStoredDoc(new Y.Doc(), stored);
  const board = applyStoredDoc(new Y.Doc(), await store.loadDoc(meetingBoardDocName(siteId, meetingId)));
  const goals = legacyGoalEntries(board);
  board.destroy();
  return goals;
}

/** The first content of an empty co-edited document: the entries the old board held, if any. */
export async function legacyGoalsSeed(store: DocLog, siteId: string, meetingId: string): Promise<Uint8Array | null> {
  const goals = await readGoalsDoc(store, siteId, meetingId);
  const empty = goals.store.clients.size === 0;
  const update = Y.encodeStateAsUpdate(goals);
  goals.destroy();
  return empty ? null : update;
}
