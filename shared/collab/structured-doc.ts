import type { z } from 'zod';
import * as Y from 'yjs';

/**
 * A kind of entry kept in a co-edited document: a root map of entries by id, each entry a map
 * of small values (checked by a schema) and co-edited texts (each with a maximum length).
 * Describing collections as data lets the server check any incoming change against the
 * document's shape without applying it.
 */
export interface Collection {
  root: string;
  /** What the entry is called in messages, e.g. "note". */
  noun: string;
  idPattern: RegExp;
  fields: Record<string, z.ZodType>;
  texts: Record<string, number>;
  /** A field that must hold the sender's id whenever it is written. */
  authorField?: string;
  /** Written only by the server: any change to it from a client is refused. */
  serverOnly?: boolean;
}

const capitalised = (noun: string) => noun.charAt(0).toUpperCase() + noun.slice(1);

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];
type Kind =
  | { kind: 'root'; collection: Collection }
  | { kind: 'entry'; collection: Collection }
  | { kind: 'text'; collection: Collection; field: string }
  | { kind: 'other' };
const other: Kind = { kind: 'other' };

/** The entries of a collection as plain data; entries missing a field are left out. */
export function readCollection<T>(doc: Y.Doc, collection: Collection): (T & { id: string })[] {
  const entries: (T & { id: string })[] = [];
  doc.getMap<unknown>(collection.root).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    const values: Record<string, unknown> = { id };
    for (const [field, schema] of Object.entries(collection.fields)) {
      const parsed = schema.safeParse(map.get(field));
      if (!parsed.success) return;
      values[field] = parsed.data;
    }
    for (const field of Object.keys(collection.texts)) {
      const text = map.get(field);
      if (!(text instanceof Y.Text)) return;
      values[field] = text.toString();
    }
    entries.push(values as T & { id: string });
  });
  return entries;
}

/** Adds an entry with every field set and every text created, in one transaction. */
export function addEntry(doc: Y.Doc, collection: Collection, id: string, fields: Record<string, unknown>, texts: Record<string, string> = {}): void {
  if (!collection.idPattern.test(id)) throw new Error(`Invalid ${collection.noun} id ${id}`);
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    doc.getMap<unknown>(collection.root).set(id, map);
    for (const [field, value] of Object.entries(fields)) map.set(field, value);
    for (const [field, max] of Object.entries(collection.texts)) {
      const text = new Y.Text();
      map.set(field, text);
      const initial = texts[field];
      if (initial) text.insert(0, initial.slice(0, max));
    }
  });
}

/**
 * Checks an incoming update against the collections without applying it: every insert must be
 * an entry under a collection's root, a known field of an entry with a valid value, or text of
 * an entry's text field that stays within its maximum. Returns a reason to refuse, or null.
 */
export function checkStructuredUpdate(doc: Y.Doc, update: Uint8Array, senderId: string, collections: readonly Collection[]): string | null {
  let structs: Struct[];
  let deletions: Map<number, { clock: number; len: number }[]>;
  try {
    const decoded = Y.decodeUpdate(update);
    structs = decoded.structs;
    deletions = (decoded.ds as unknown as { clients: Map<number, { clock: number; len: number }[]> }).clients;
  } catch {
    return 'The change could not be read';
  }
  const byRoot = new Map(collections.map((c) => [c.root, c]));
  const rootTypes = new Map(collections.map((c) => [doc.getMap<unknown>(c.root) as Y.AbstractType<unknown>, c]));
  const inUpdate = new Map<number, Y.Item[]>();
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    const list = inUpdate.get(s.id.client) ?? [];
    list.push(s);
    inUpdate.set(s.id.client, list);
  }

  const findInUpdate = (id: Y.ID): Y.Item | undefined =>
    inUpdate.get(id.client)?.find((s) => s.id.clock <= id.clock && id.clock < s.id.clock + s.length);
  const findInDoc = (id: Y.ID): Y.Item | undefined => {
    if (Y.getState(doc.store, id.client) <= id.clock) return undefined;
    const found = Y.getItem(doc.store, id);
    return found instanceof Y.Item ? found : undefined;
  };

  /** What a type already in the document is, by where it sits. */
  const docTypeKind = (type: Y.AbstractType<unknown>): Kind => {
    const root = rootTypes.get(type);
    if (root) return { kind: 'root', collection: root };
    const item = type._item;
    if (!item) return other;
    return childKind(docTypeKind(item.parent as Y.AbstractType<unknown>), item.parentSub, type);
  };
  const childKind = (parent: Kind, sub: string | null, type: unknown): Kind => {
    if (parent.kind === 'root' && type instanceof Y.Map) return { kind: 'entry', collection: parent.collection };
    if (parent.kind === 'entry' && sub && sub in parent.collection.texts && type instanceof Y.Text) {
      return { kind: 'text', collection: parent.collection, field: sub };
    }
    return other;
  };

  // The kind and key of the type an update struct is inserted into, and its map key (`sub`).
  type Parent = { kind: Kind; key: string; sub: string | null };
  const seen = new Map<Y.Item, Parent>();
  const parentOf = (item: Y.Item, depth = 0): Parent => {
    const cached = seen.get(item);
    if (cached) return cached;
    if (depth > 10_000) return { kind: other, key: '', sub: null };
    let result: Parent;
    const parent = item.parent as unknown;
    const sub = item.parentSub;
    if (typeof parent === 'string') {
      const collection = byRoot.get(parent);
      result = { kind: collection ? { kind: 'root', collection } : other, key: parent, sub };
    } else if (parent instanceof Y.ID) {
      const key = `${parent.client}:${parent.clock}`;
      const fromUpdate = findInUpdate(parent);
      if (fromUpdate) result = { kind: kindOfTypeItem(fromUpdate, depth), key, sub };
      else {
        const fromDoc = findInDoc(parent);
        const type = fromDoc?.content instanceof Y.ContentType ? fromDoc.content.type : null;
        result = { kind: type ? docTypeKind(type) : other, key, sub };
      }
    } else {
      // Parent and key omitted: they are those of the neighbour the item was inserted next to.
      const neighbour = item.origin ?? item.rightOrigin;
      const fromUpdate = neighbour ? findInUpdate(neighbour) : undefined;
      const fromDoc = neighbour && !fromUpdate ? findInDoc(neighbour) : undefined;
      if (fromUpdate && fromUpdate !== item) result = parentOf(fromUpdate, depth + 1);
      else if (fromDoc) {
        const type = fromDoc.parent as Y.AbstractType<unknown>;
        const typeItem = type._item;
        result = { kind: docTypeKind(type), key: typeItem ? `${typeItem.id.client}:${typeItem.id.clock}` : '', sub: fromDoc.parentSub };
      } else result = { kind: other, key: '', sub: null };
    }
    seen.set(item, result);
    return result;
  };
  // What kind of type an update item holds (it must hold a type, i.e. ContentType).
  const kindOfTypeItem = (item: Y.Item, depth: number): Kind => {
    if (!(item.content instanceof Y.ContentType)) return other;
    const parent = parentOf(item, depth + 1);
    return childKind(parent.kind, parent.sub, item.content.type);
  };

  /** How many characters of [from, to) of a client's clocks this update deletes. */
  const deletedIn = (client: number, from: number, to: number) =>
    (deletions.get(client) ?? []).reduce((n, d) => n + Math.max(0, Math.min(to, d.clock + d.len) - Math.max(from, d.clock)), 0);
  // Texts are judged by their length after the change: new characters added, characters this
  // change deletes taken off, and characters the document already has (a repeat) not counted.
  const textGrowth = new Map<string, { max: number; noun: string; field: string; added: number }>();
  for (const items of inUpdate.values()) {
    for (const s of items) {
      if (s.content instanceof Y.ContentDeleted) continue;
      const known = Math.max(0, Math.min(s.length, Y.getState(doc.store, s.id.client) - s.id.clock));
      if (known === s.length) continue; // already in the document: nothing new
      const parent = parentOf(s);
      const kind = parent.kind;
      if (kind.kind !== 'other' && kind.collection.serverOnly) return `${capitalised(kind.collection.noun)}s are changed through the meeting, not directly`;
      switch (kind.kind) {
        case 'root': {
          const { noun, idPattern } = kind.collection;
          if (!parent.sub || !idPattern.test(parent.sub)) return `A ${noun} needs a valid id`;
          if (!(s.content instanceof Y.ContentType) || !(s.content.type instanceof Y.Map)) return `That list holds only ${noun}s`;
          break;
        }
        case 'entry': {
          const { noun, fields, texts, authorField } = kind.collection;
          const field = parent.sub;
          if (field && field in texts) {
            if (!(s.content instanceof Y.ContentType) || !(s.content.type instanceof Y.Text)) return `A ${noun}’s ${field} must be text`;
            break;
          }
          if (!field || !(field in fields)) return `A ${noun} has no field “${String(field)}”`;
          if (!(s.content instanceof Y.ContentAny) || s.content.arr.length !== 1) return `A ${noun}’s ${field} must be one value`;
          const value = s.content.arr[0];
          if (!fields[field]!.safeParse(value).success) return `A ${noun}’s ${field} is not valid`;
          if (field === authorField && value !== senderId) return `A ${noun}’s author must be the person adding it`;
          break;
        }
        case 'text': {
          const { noun, texts } = kind.collection;
          if (!(s.content instanceof Y.ContentString)) return `A ${noun}’s ${kind.field} must be plain text`;
          const entry = textGrowth.get(parent.key) ?? { max: texts[kind.field]!, noun, field: kind.field, added: 0 };
          entry.added += s.length - known - deletedIn(s.id.client, s.id.clock + known, s.id.clock + s.length);
          textGrowth.set(parent.key, entry);
          break;
        }
        default:
          return 'That change does not fit the board';
      }
    }
  }
  const serverOnlyDeletion = deletedFromServerOnly();
  if (serverOnlyDeletion) return `${capitalised(serverOnlyDeletion)}s are changed through the meeting, not directly`;
  if (textGrowth.size) {
    for (const [key, removed] of deletedFromDocTexts()) {
      const entry = textGrowth.get(key);
      if (entry) entry.added -= removed;
    }
    for (const [key, { max, noun, field, added }] of textGrowth) {
      // Only a change that makes a text longer, and longer than allowed, is refused: a text
      // that two people filled at once may be trimmed back by anyone.
      if (added > 0 && existingLength(key) + added > max) return `A ${noun}’s ${field} can be at most ${max} characters`;
    }
  }
  return null;

  /** The noun of a server-only collection this change deletes something (not yet deleted) from, if any. */
  function deletedFromServerOnly(): string | null {
    for (const [client, ranges] of deletions) {
      for (const { clock, len } of ranges) {
        for (let at = clock; at < clock + len; ) {
          const item = findInDoc(Y.createID(client, at));
          if (!item) break;
          if (!item.deleted) {
            const kind = docTypeKind(item.parent as Y.AbstractType<unknown>);
            if (kind.kind !== 'other' && kind.collection.serverOnly) return kind.collection.noun;
          }
          at = item.id.clock + item.length;
        }
      }
    }
    return null;
  }

  /** Per text already in the document (by key), how many of its visible characters this change deletes. */
  function deletedFromDocTexts(): Map<string, number> {
    const removed = new Map<string, number>();
    for (const [client, ranges] of deletions) {
      for (const { clock, len } of ranges) {
        for (let at = clock; at < clock + len; ) {
          const item = findInDoc(Y.createID(client, at));
          if (!item) break;
          const end = Math.min(clock + len, item.id.clock + item.length);
          const typeItem = (item.parent as Y.AbstractType<unknown>)._item;
          if (!item.deleted && item.content instanceof Y.ContentString && typeItem) {
            const key = `${typeItem.id.client}:${typeItem.id.clock}`;
            removed.set(key, (removed.get(key) ?? 0) + end - at);
          }
          at = end;
        }
      }
    }
    return removed;
  }

  function existingLength(key: string): number {
    const [client, clock] = key.split(':').map(Number);
    const item = findInDoc(Y.createID(client!, clock!));
    return item?.content instanceof Y.ContentType && item.content.type instanceof Y.Text ? item.content.type.length : 0;
  }
}
