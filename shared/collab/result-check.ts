import * as Y from 'yjs';
import type { Collection } from './structured-doc';

/** Who sent a change, as the server knows them. */
export interface Sender {
  id: string;
  name: string;
}

/** Why a change was refused; `final` when no client of ours would have sent it (abuse). */
export interface Refusal {
  reason: string;
  final: boolean;
}

const refuse = (reason: string, final = true): Refusal => ({ reason, final });
const capitalised = (noun: string) => noun.charAt(0).toUpperCase() + noun.slice(1);

type Place =
  | { kind: 'root'; collection: Collection }
  | { kind: 'entry'; collection: Collection }
  | { kind: 'text'; collection: Collection; field: string }
  | { kind: 'other' };

/**
 * Judges a change by what it did to a copy of the document (`probe`, after the transaction
 * `tr`), never by how it was encoded: every item it added sits where a collection allows, every
 * entry it touched is whole and valid afterwards, authors are the sender and stay who they were,
 * and no text it made longer is over its limit. `before` is the document without the change.
 */
export function checkResult(probe: Y.Doc, before: Y.Doc, tr: Y.Transaction, sender: Sender, collections: readonly Collection[]): Refusal | null {
  const roots = new Map(collections.map((c) => [probe.getMap<unknown>(c.root) as Y.AbstractType<unknown>, c]));
  const place = (type: Y.AbstractType<unknown>): Place => {
    const root = roots.get(type);
    if (root) return { kind: 'root', collection: root };
    const item = type._item;
    if (!item || item.parentSub === null) return { kind: 'other' };
    const parent = place(item.parent as Y.AbstractType<unknown>);
    if (parent.kind === 'root' && type instanceof Y.Map && parent.collection.idPattern.test(item.parentSub)) return { kind: 'entry', collection: parent.collection };
    if (parent.kind === 'entry' && type instanceof Y.Text && item.parentSub in parent.collection.texts) {
      return { kind: 'text', collection: parent.collection, field: item.parentSub };
    }
    return { kind: 'other' };
  };
  const existedBefore = (id: Y.ID) => id.clock < (tr.beforeState.get(id.client) ?? 0);
  const entries = new Map<Y.Map<unknown>, Collection>();
  const texts = new Map<Y.Text, { collection: Collection; field: string }>();

  for (const [client, after] of tr.afterState) {
    const from = tr.beforeState.get(client) ?? 0;
    if (after <= from) continue;
    const structs = probe.store.clients.get(client)!;
    for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
      const item = structs[i];
      if (!(item instanceof Y.Item) || item.deleted) continue;
      const at = place(item.parent as Y.AbstractType<unknown>);
      const refusal = checkPlacement(item, at);
      if (refusal) return refusal;
    }
  }
  let removal: Refusal | null = null;
  Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
    if (!(struct instanceof Y.Item)) return;
    const at = place(struct.parent as Y.AbstractType<unknown>);
    // An entry is removed (or replaced) only by whoever added it; nobody removes another's.
    if (at.kind === 'root' && existedBefore(struct.id)) removal ??= checkRemoval(struct, at.collection);
    note(struct.parent as Y.AbstractType<unknown>, at);
  });
  if (removal) return removal;

  for (const [entry, collection] of entries) {
    if (entry._item?.deleted) continue; // removed whole: nothing left to judge
    const refusal = checkEntry(entry, collection);
    if (refusal) return refusal;
  }
  for (const [text, { collection, field }] of texts) {
    const max = collection.texts[field]!;
    if (text._item?.deleted || text.length <= max) continue;
    // Only a change that makes a text longer than allowed is refused: a text two people filled
    // at once may be trimmed back by anyone.
    const earlier = text._item && existedBefore(text._item.id) ? typeIn(before, text._item.id) : null;
    if (text.length > (earlier instanceof Y.Text ? earlier.length : 0)) return refuse(`A ${collection.noun}’s ${field} can be at most ${max} characters`, false);
  }
  return null;

  function note(type: Y.AbstractType<unknown>, at: Place): void {
    if (at.kind === 'entry') entries.set(type as Y.Map<unknown>, at.collection);
    if (at.kind === 'text') texts.set(type as Y.Text, { collection: at.collection, field: at.field });
  }

  function checkPlacement(item: Y.Item, at: Place): Refusal | null {
    switch (at.kind) {
      case 'root': {
        const { noun, idPattern } = at.collection;
        if (item.parentSub === null || !idPattern.test(item.parentSub)) return refuse(`A ${noun} needs a valid id`);
        if (!(item.content instanceof Y.ContentType) || !(item.content.type instanceof Y.Map)) return refuse(`That list holds only ${noun}s`);
        entries.set(item.content.type as Y.Map<unknown>, at.collection);
        return null;
      }
      case 'entry': {
        const { noun, fields, texts: textLimits } = at.collection;
        const field = item.parentSub;
        if (field === null || !(field in fields || field in textLimits)) return refuse(`A ${noun} has no field “${String(field)}”`);
        if (field in textLimits && !(item.content instanceof Y.ContentType && item.content.type instanceof Y.Text)) return refuse(`A ${noun}’s ${field} must be text`);
        if (field in fields && !(item.content instanceof Y.ContentAny && item.content.arr.length === 1)) return refuse(`A ${noun}’s ${field} must be one value`);
        note(item.parent as Y.AbstractType<unknown>, at);
        if (item.content instanceof Y.ContentType) note(item.content.type as Y.AbstractType<unknown>, place(item.content.type as Y.AbstractType<unknown>));
        return null;
      }
      case 'text':
        if (!(item.content instanceof Y.ContentString)) return refuse(`A ${at.collection.noun}’s ${at.field} must be plain text`);
        note(item.parent as Y.AbstractType<unknown>, at);
        return null;
      default:
        return refuse('That change does not fit the board');
    }
  }

  function checkRemoval(item: Y.Item, collection: Collection): Refusal | null {
    const earlier = typeIn(before, item.id);
    const author = collection.authorField && earlier instanceof Y.Map ? earlier.get(collection.authorField) : undefined;
    return author === sender.id ? null : refuse(`A ${collection.noun} can be removed only by whoever added it`);
  }

  function checkEntry(entry: Y.Map<unknown>, collection: Collection): Refusal | null {
    const { noun, fields, texts: textLimits, authorField, authorNameField } = collection;
    for (const key of entry.keys()) {
      if (!(key in fields || key in textLimits)) return refuse(`A ${noun} has no field “${key}”`);
    }
    for (const [field, schema] of Object.entries(fields)) {
      if (!schema.safeParse(entry.get(field)).success) return refuse(`A ${noun}’s ${field} is not valid`);
    }
    for (const field of Object.keys(textLimits)) {
      if (!(entry.get(field) instanceof Y.Text)) return refuse(`A ${noun}’s ${field} must be text`);
    }
    const earlier = entry._item && existedBefore(entry._item.id) ? typeIn(before, entry._item.id) : null;
    const expected = (field: string, sent: string) => (earlier instanceof Y.Map ? earlier.get(field) : sent);
    if (authorField && entry.get(authorField) !== expected(authorField, sender.id)) return refuse(`${capitalised(noun)}’s author must be the person adding it`);
    if (authorNameField && entry.get(authorNameField) !== expected(authorNameField, sender.name)) return refuse(`${capitalised(noun)}’s author must be named as they are known here`, false);
    return null;
  }
}

/** The type an item of `doc` holds, by the item's id. */
function typeIn(doc: Y.Doc, id: Y.ID): Y.AbstractType<unknown> | null {
  if (Y.getState(doc.store, id.client) <= id.clock) return null;
  const item = Y.getItem(doc.store, id);
  return item instanceof Y.Item && item.content instanceof Y.ContentType ? (item.content.type as Y.AbstractType<unknown>) : null;
}
