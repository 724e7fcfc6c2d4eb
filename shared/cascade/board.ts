import { z } from 'zod';
import * as Y from 'yjs';
import { DomainId } from './framework';
import { addEntry, checkStructuredUpdate, readCollection, type Collection } from '../collab/structured-doc';
import { goalDrafts, goalReviewNotes } from '../goals/drafts';

/**
 * The live board of a meeting is a Yjs document: a map of notes, each a map of small fields
 * plus a co-edited text. These helpers are the only way the client writes it, and
 * `checkBoardUpdate` is how the server refuses anything else before it is stored.
 */
const notesRoot = 'notes';
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

const boardNotes: Collection = { root: notesRoot, noun: 'note', idPattern: noteIdPattern, fields: noteFields, texts: { text: maxNoteLength }, authorField: 'authorId' };

export const BoardNote = z.object({ id: z.string(), ...noteFields, text: z.string() });
export type BoardNote = z.infer<typeof BoardNote>;

export function notesOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap(notesRoot);
}

export function addNote(doc: Y.Doc, note: Omit<BoardNote, 'createdAt' | 'text'> & { text?: string }): void {
  const { id, text, ...fields } = note;
  addEntry(doc, boardNotes, id, { ...fields, createdAt: Date.now() }, { text: text ?? '' });
}

/** The board as plain data, oldest note first; notes missing a field are left out. */
export function readBoard(doc: Y.Doc): BoardNote[] {
  return readCollection<BoardNote>(doc, boardNotes).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** The shapes a meeting board holds: notes, goal drafts and review notes on goals. */
const boardCollections: readonly Collection[] = [
  boardNotes,
  goalDrafts,
  goalReviewNotes,
];

/**
 * Checks an incoming update against the board's shape without applying it (see
 * `checkStructuredUpdate`); a new note's or goal's author must be the person sending it.
 * Returns a reason to refuse, or null.
 */
export function checkBoardUpdate(doc: Y.Doc, update: Uint8Array, senderId: string): string | null {
  return checkStructuredUpdate(doc, update, senderId, boardCollections);
}
