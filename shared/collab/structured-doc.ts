import type { z } from 'zod';
import * as Y from 'yjs';

/**
 * A kind of entry kept in a co-edited document: a root map of entries by id, each entry a map
 * of small values (checked by a schema) and co-edited texts (each with a maximum length).
 * Describing collections as data lets the server judge any incoming change by what it would
 * leave (see `result-check.ts`).
 */
export interface Collection {
  root: string;
  /** What the entry is called in messages, e.g. "note". */
  noun: string;
  idPattern: RegExp;
  fields: Record<string, z.ZodType>;
  texts: Record<string, number>;
  /** A field that holds its author's id: the sender's when the entry is added, never changed after. */
  authorField?: string;
  /** A field that holds its author's name: the server's record of the sender's, never changed after. */
  authorNameField?: string;
}


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
