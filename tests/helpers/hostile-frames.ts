import * as Y from 'yjs';
import { coEditLimits } from '@shared/collab/guarded-doc';
import { addGoalDraft, goalDraftText } from '@shared/goals/drafts';
import { maxCollabMessageBytes } from '@shared/collab/close-codes';

/**
 * The most expensive updates a participant can send to a co-edited meeting document (goal
 * drafts), each close to the 1 MiB frame limit: what the server's limits are tested and
 * benchmarked against. `doc` is the document as the participant holds it; `sender` who sends.
 */
export function hostileUpdates(doc: Y.Doc, sender: { id: string; name: string }): { name: string; update: Uint8Array }[] {
  const budget = maxCollabMessageBytes - 64;
  return [
    { name: 'conflicting inserts at one place, as many as the work limit allows', update: conflictingInserts(doc, budget) },
    { name: 'new drafts, as many as one change may add', update: manyDrafts(doc, sender) },
    { name: 'one delete range repeated to fill the frame', update: repeatedRange(doc, budget) },
    { name: 'everything the document holds, sent back with a filler text', update: resend(doc, budget) },
  ];
}

const anyDraftText = (doc: Y.Doc) => {
  const goals = doc.getMap<Y.Map<unknown>>('goals');
  const id = [...goals.keys()][0];
  if (!id) throw new Error('the document needs a draft with some wording');
  return { id, text: goalDraftText(doc, id, 'wording')! };
};

/** Items from different clients between the same two neighbours: Yjs compares each with all the others. */
function conflictingInserts(doc: Y.Doc, bytes: number): Uint8Array {
  const count = Math.floor(Math.sqrt(2 * coEditLimits.maxSteps)) - 2;
  const filler = 'x'.repeat(Math.min(Math.floor(bytes / count) - 40, coEditLimits.maxContentBytes - 16));
  const base = Y.encodeStateAsUpdate(doc);
  const before = Y.encodeStateVector(doc);
  const updates: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const fork = new Y.Doc();
    fork.clientID = 900_000_000 + i;
    Y.applyUpdate(fork, base);
    const { text } = anyDraftText(fork);
    text.insert(Math.min(1, text.length), filler);
    updates.push(Y.encodeStateAsUpdate(fork, before));
  }
  return Y.mergeUpdates(updates);
}

function manyDrafts(doc: Y.Doc, sender: { id: string; name: string }): Uint8Array {
  const fork = new Y.Doc();
  Y.applyUpdate(fork, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(fork);
  const perDraft = 13; // the draft's map, its five values and seven texts
  for (let i = 0; i < Math.floor(coEditLimits.maxNewStructs / perDraft); i++) addGoalDraft(fork, `goal-flood-${i}`, sender);
  return Y.encodeStateAsUpdate(fork, before);
}

/** No structs; one client's first three clocks deleted again and again. */
function repeatedRange(doc: Y.Doc, bytes: number): Uint8Array {
  const client = [...doc.store.clients.keys()][0]!;
  const head = [0, 1, ...varUint(client)];
  const count = Math.floor((bytes - head.length - 8) / 2);
  const countBytes = varUint(count);
  const frame = new Uint8Array(head.length + countBytes.length + count * 2);
  frame.set([...head, ...countBytes]);
  // Each range is clock 0, length 3: the bytes 0 and 3, over and over.
  for (let at = head.length + countBytes.length + 1; at < frame.length; at += 2) frame[at] = 3;
  return frame;
}

/** The whole document as a reconnecting client sends it, with one new text as long as a part may be, over its limit. */
function resend(doc: Y.Doc, bytes: number): Uint8Array {
  const fork = new Y.Doc();
  Y.applyUpdate(fork, Y.encodeStateAsUpdate(doc));
  const whole = Y.encodeStateAsUpdate(fork).length;
  anyDraftText(fork).text.insert(0, 'y'.repeat(Math.min(Math.max(1, bytes - whole - 64), coEditLimits.maxContentBytes - 16)));
  return Y.encodeStateAsUpdate(fork);
}

function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
