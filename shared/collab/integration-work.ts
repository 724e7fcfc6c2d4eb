import * as Y from 'yjs';
import type { NewItem, UpdateScan } from './update-scan';

/**
 * An upper estimate of the work Yjs will do to apply an update to `doc`, in steps (items walked
 * past), counted on the document as it is and stopped once past `budget`. Yjs places an item by
 * walking every item between its left and right neighbours as its author saw them, and compares
 * it with every other new item placed between the same two; a crafted update can make both walks
 * as long as the document, for every item it carries. Delete ranges cost the structs they cover.
 */
export function integrationSteps(doc: Y.Doc, scan: Pick<UpdateScan, 'newItems' | 'deletes'>, budget: number): number {
  let steps = 0;
  for (const [client, ranges] of scan.deletes) {
    const structs = doc.store.clients.get(client);
    const state = Y.getState(doc.store, client);
    if (!structs) continue;
    for (const { clock, len } of ranges) {
      if (clock >= state || len === 0) continue;
      const last = Math.min(clock + len, state) - 1;
      steps += Y.findIndexSS(structs, last) - Y.findIndexSS(structs, clock) + 1;
      if (steps > budget) return steps;
    }
  }

  const inUpdate = new Map(scan.newItems.map((item) => [key(item.id), item]));
  const siblings = new Map<string, number>();
  const walks = new Map<string, number>();
  for (const item of scan.newItems) {
    // Items sharing both neighbours are compared with each other: the n-th with n − 1 before it.
    const group = `${idKey(item.origin)}|${idKey(item.rightOrigin)}|${parentKey(item)}`;
    const before = siblings.get(group) ?? 0;
    siblings.set(group, before + 1);
    steps += before;
    const left = anchor(item, 'origin');
    const right = anchor(item, 'rightOrigin');
    const walkKey = `${idKey(left)}|${idKey(right)}|${parentKey(item)}`;
    let walked = walks.get(walkKey);
    if (walked === undefined) {
      walked = walk(doc, item, left, right, budget - steps + 1);
      walks.set(walkKey, walked);
    }
    steps += walked;
    if (steps > budget) return steps;
  }
  return steps;

  /** The nearest neighbour on one side that is already in the document (or null: the end of the list). */
  function anchor(item: NewItem, side: 'origin' | 'rightOrigin'): readonly [number, number] | null {
    let at = item[side];
    for (let hops = 0; at && hops <= inUpdate.size; hops++) {
      const next = inUpdate.get(key(at));
      if (!next) return at;
      at = next[side];
    }
    return at;
  }
}

const key = (id: readonly [number, number]) => `${id[0]}:${id[1]}`;
const idKey = (id: readonly [number, number] | null) => (id ? key(id) : '-');
const parentKey = (item: NewItem) => (item.parent ? ('root' in item.parent ? `r:${item.parent.root}` : `i:${key(item.parent.id)}`) : '') + `/${item.parentSub ?? ''}`;

function docItem(doc: Y.Doc, id: readonly [number, number] | null): Y.Item | null {
  if (!id || Y.getState(doc.store, id[0]) <= id[1]) return null;
  const struct = Y.getItem(doc.store, Y.createID(id[0], id[1]));
  return struct instanceof Y.Item ? struct : null;
}

/** Items between the two anchors in the document's list (from its start, or to its end, where an anchor is missing). */
function walk(doc: Y.Doc, item: NewItem, leftId: readonly [number, number] | null, rightId: readonly [number, number] | null, budget: number): number {
  const left = docItem(doc, leftId);
  const right = docItem(doc, rightId);
  let at: Y.Item | null;
  if (left) at = left.right;
  else {
    const parent = right ? (right.parent as Y.AbstractType<unknown>) : parentType(doc, item);
    if (!parent) return 0;
    // A map entry with no left neighbour starts from its key's chain, which Yjs walks from its start.
    const sub = right ? right.parentSub : item.parentSub;
    at = sub === null ? parent._start : chainStart(parent._map.get(sub) ?? null);
  }
  let steps = 0;
  while (at && at !== right && steps <= budget) {
    steps += 1;
    at = at.right;
  }
  return steps;
}

function chainStart(item: Y.Item | null): Y.Item | null {
  while (item?.left) item = item.left;
  return item;
}

function parentType(doc: Y.Doc, item: NewItem): Y.AbstractType<unknown> | null {
  if (!item.parent) return null;
  if ('root' in item.parent) return (doc.share.get(item.parent.root) as Y.AbstractType<unknown> | undefined) ?? null;
  const typeItem = docItem(doc, item.parent.id);
  return typeItem?.content instanceof Y.ContentType ? (typeItem.content.type as Y.AbstractType<unknown>) : null;
}
