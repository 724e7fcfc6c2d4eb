import { z } from 'zod';
import * as Y from 'yjs';
import { DomainId } from './framework';

/**
 * The live board of a meeting is a Yjs document: a map of notes, each a map of small fields
 * plus a co-edited text. These helpers are the only way the client writes it, and
 * `checkBoardUpdate` is how the server refuses anything else before it is stored.
 */
export const notesRoot = 'notes';
export const maxNoteLength = 500;
export const NoteList = z.enum(['strength', 'challenge', 'note']);
export type NoteList = z.infer<typeof NoteList>;
export const noteListLabels: Record<NoteList, string> = { strength: 'Strengths', challenge: 'Challenges', note: 'Notes' };

const noteIdPattern = /^[A-Za-z0-9_-]{6,40}$/;

/** Fields of a note other than its text; the values each may hold. Domain 0 is a free note. */
const noteFields = {
  domain: z.union([DomainId, z.literal(0)]),
  list: NoteList,
  authorId: z.string().min(1).max(64),
  authorName: z.string().min(1).max(120),
  createdAt: z.number().int().nonnegative(),
};
type NoteField = keyof typeof noteFields;

export interface BoardNote {
  id: string;
  domain: DomainId | 0;
  list: NoteList;
  authorId: string;
  authorName: string;
  createdAt: number;
  text: string;
}

export function notesOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(notesRoot);
}

export function addNote(doc: Y.Doc, note: Omit<BoardNote, 'createdAt' | 'text'> & { text?: string }): void {
  if (!noteIdPattern.test(note.id)) throw new Error(`Invalid note id ${note.id}`);
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    const text = new Y.Text();
    notesOf(doc).set(note.id, map);
    map.set('domain', note.domain);
    map.set('list', note.list);
    map.set('authorId', note.authorId);
    map.set('authorName', note.authorName);
    map.set('createdAt', Date.now());
    map.set('text', text);
    if (note.text) text.insert(0, note.text.slice(0, maxNoteLength));
  });
}

/** The board as plain data, oldest note first; notes missing a field are left out. */
export function readBoard(doc: Y.Doc): BoardNote[] {
  const notes: BoardNote[] = [];
  notesOf(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    const text = map.get('text');
    const parsed = z.object(noteFields).safeParse(Object.fromEntries(Object.keys(noteFields).map((k) => [k, map.get(k)])));
    if (!parsed.success || !(text instanceof Y.Text)) return;
    notes.push({ id, ...parsed.data, text: text.toString() });
  });
  return notes.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];
type Kind = 'notes-root' | 'note' | 'note-text' | 'other';

/**
 * Checks an incoming update against the board's shape without applying it: every insert must
 * be a note under `notes`, a known field of a note with a valid value, or text of a note that
 * stays within `maxNoteLength`; a new note's author must be the person sending it. Returns a
 * reason to refuse, or null.
 */
export function checkBoardUpdate(doc: Y.Doc, update: Uint8Array, senderId: string): string | null {
  let structs: Struct[];
  try {
    structs = Y.decodeUpdate(update).structs;
  } catch {
    return 'The change could not be read';
  }
  const notes = notesOf(doc);
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

  const docTypeKind = (type: Y.AbstractType<unknown>): Kind => {
    if (type === (notes as unknown)) return 'notes-root';
    const item = type._item;
    if (!item) return 'other';
    const parentKind = docTypeKind(item.parent as Y.AbstractType<unknown>);
    if (parentKind === 'notes-root' && type instanceof Y.Map) return 'note';
    if (parentKind === 'note' && item.parentSub === 'text' && type instanceof Y.Text) return 'note-text';
    return 'other';
  };

  // The kind and key of the type an update struct is inserted into, and its map key (`sub`).
  type Parent = { kind: Kind; key: string; sub: string | null };
  const seen = new Map<Y.Item, Parent>();
  const parentOf = (item: Y.Item, depth = 0): Parent => {
    const cached = seen.get(item);
    if (cached) return cached;
    if (depth > 10_000) return { kind: 'other', key: '', sub: null };
    let result: Parent;
    const parent = item.parent as unknown;
    const sub = item.parentSub;
    if (typeof parent === 'string') {
      result = { kind: parent === notesRoot ? 'notes-root' : 'other', key: parent, sub };
    } else if (parent instanceof Y.ID) {
      const key = `${parent.client}:${parent.clock}`;
      const fromUpdate = findInUpdate(parent);
      if (fromUpdate) result = { kind: kindOfTypeItem(fromUpdate, depth), key, sub };
      else {
        const fromDoc = findInDoc(parent);
        const type = fromDoc?.content instanceof Y.ContentType ? fromDoc.content.type : null;
        result = { kind: type ? docTypeKind(type) : 'other', key, sub };
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
      } else result = { kind: 'other', key: '', sub: null };
    }
    seen.set(item, result);
    return result;
  };
  // What kind of type an update item holds (it must hold a type, i.e. ContentType).
  const kindOfTypeItem = (item: Y.Item, depth: number): Kind => {
    if (!(item.content instanceof Y.ContentType)) return 'other';
    const parent = parentOf(item, depth + 1);
    const type = item.content.type;
    if (parent.kind === 'notes-root' && type instanceof Y.Map) return 'note';
    if (parent.kind === 'note' && parent.sub === 'text' && type instanceof Y.Text) return 'note-text';
    return 'other';
  };

  const insertedText = new Map<string, { chars: number; existing: number }>();
  for (const item of inUpdate.values()) {
    for (const s of item) {
      if (s.content instanceof Y.ContentDeleted) continue;
      const parent = parentOf(s);
      switch (parent.kind) {
        case 'notes-root':
          if (!parent.sub || !noteIdPattern.test(parent.sub)) return 'A note needs a valid id';
          if (!(s.content instanceof Y.ContentType) || !(s.content.type instanceof Y.Map)) return 'The board holds only notes';
          break;
        case 'note': {
          const field = parent.sub as NoteField | 'text' | null;
          if (field === 'text') {
            if (!(s.content instanceof Y.ContentType) || !(s.content.type instanceof Y.Text)) return 'A note’s text must be text';
            break;
          }
          if (!field || !(field in noteFields)) return `A note has no field “${String(field)}”`;
          if (!(s.content instanceof Y.ContentAny) || s.content.arr.length !== 1) return `A note’s ${field} must be one value`;
          const value = s.content.arr[0];
          if (!noteFields[field].safeParse(value).success) return `A note’s ${field} is not valid`;
          if (field === 'authorId' && value !== senderId) return 'A note’s author must be the person adding it';
          break;
        }
        case 'note-text': {
          if (!(s.content instanceof Y.ContentString)) return 'A note’s text must be plain text';
          const entry = insertedText.get(parent.key) ?? { chars: 0, existing: existingLength(parent.key) };
          entry.chars += s.content.str.length;
          if (entry.existing + entry.chars > maxNoteLength) return `A note can be at most ${maxNoteLength} characters`;
          insertedText.set(parent.key, entry);
          break;
        }
        default:
          return 'That change does not fit the board';
      }
    }
  }
  return null;

  function existingLength(key: string): number {
    const [client, clock] = key.split(':').map(Number);
    const item = findInDoc(Y.createID(client!, clock!));
    return item?.content instanceof Y.ContentType && item.content.type instanceof Y.Text ? item.content.type.length : 0;
  }
}
