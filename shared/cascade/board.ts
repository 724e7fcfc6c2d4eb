import { z } from 'zod';
import * as Y from 'yjs';
import { DomainId } from './framework';
import { addEntry, readCollection, type Collection } from '../collab/structured-doc';

/**
 * The live board of a meeting is a Yjs document of notes and themes, written only by the server
 * (from meeting actions, see `shared/meetings/board-notes.ts`) through `applyBoardEffect`:
 * people's connections to it are read-only, so no update a client crafts can touch a note.
 * What people co-edit (goal drafts, review notes) is a document of its own (`shared/goals/drafts.ts`).
 */
const notesRoot = 'notes';
const themesRoot = 'themes';
export const maxNoteLength = 500;
export const NoteList = z.enum(['strength', 'challenge', 'note']);
export type NoteList = z.infer<typeof NoteList>;
export const noteListLabels: Record<NoteList, string> = { strength: 'Strengths', challenge: 'Challenges', note: 'Notes' };
/** What one note of each list is called, shown on the card (so the list is never told by colour alone). */
export const noteKindLabels: Record<NoteList, string> = { strength: 'Strength', challenge: 'Challenge', note: 'Note' };

export const noteIdPattern = /^[A-Za-z0-9_-]{6,40}$/;
export const themeIdPattern = /^[A-Za-z0-9_-]{6,40}$/;

/** Fields of a note other than its text; the values each may hold. Domain 0 is a free note. */
const noteFields = {
  domain: z.union([DomainId, z.literal(0)]),
  list: NoteList,
  /** Empty for a note written anonymously. */
  authorName: z.string().max(120),
  createdAt: z.number().int().nonnegative(),
  /** The theme the note is grouped in, or empty. */
  theme: z.string().max(40).default(''),
};

const boardNotes: Collection = { root: notesRoot, noun: 'note', idPattern: noteIdPattern, fields: noteFields, texts: { text: maxNoteLength } };
const themeFields = { domain: z.union([DomainId, z.literal(0)]), name: z.string().min(1).max(80), createdAt: z.number().int().nonnegative() };
const boardThemes: Collection = { root: themesRoot, noun: 'theme', idPattern: themeIdPattern, fields: themeFields, texts: {} };

export const BoardNote = z.object({ id: z.string(), ...noteFields, text: z.string() });
export type BoardNote = z.infer<typeof BoardNote>;
export const BoardTheme = z.object({ id: z.string(), ...themeFields });
export type BoardTheme = z.infer<typeof BoardTheme>;

/** The board as plain data, oldest note first; notes missing a field are left out. */
export function readBoard(doc: Y.Doc): BoardNote[] {
  return readCollection<BoardNote>(doc, boardNotes).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}
export function readThemes(doc: Y.Doc): BoardTheme[] {
  return readCollection<BoardTheme>(doc, boardThemes).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

type NewNote = Pick<BoardNote, 'id' | 'domain' | 'list' | 'authorName' | 'text'>;

/** A change the server makes to the notes and themes of a board; applying one twice changes nothing more. */
export type BoardEffect =
  | { kind: 'put-notes'; notes: NewNote[] }
  | { kind: 'set-text'; noteId: string; text: string }
  | { kind: 'delete-note'; noteId: string }
  | { kind: 'group-note'; noteId: string; themeId: string | null; themeName: string | null }
  | { kind: 'name-theme'; themeId: string; name: string };

/** Applies a board effect in one transaction (the server's, never a person's client). */
export function applyBoardEffect(doc: Y.Doc, effect: BoardEffect, now = Date.now()): void {
  const notes = doc.getMap<Y.Map<unknown>>(notesRoot);
  const themes = doc.getMap<Y.Map<unknown>>(themesRoot);
  doc.transact(() => {
    switch (effect.kind) {
      case 'put-notes':
        for (const { id, text, ...fields } of effect.notes) {
          if (!notes.has(id)) addEntry(doc, boardNotes, id, { ...fields, createdAt: now, theme: '' }, { text });
        }
        break;
      case 'set-text': {
        const text = notes.get(effect.noteId)?.get('text');
        if (text instanceof Y.Text && text.toString() !== effect.text) {
          text.delete(0, text.length);
          text.insert(0, effect.text);
        }
        break;
      }
      case 'delete-note':
        notes.delete(effect.noteId);
        break;
      case 'group-note': {
        const note = notes.get(effect.noteId);
        if (!note) break;
        if (effect.themeId && effect.themeName && !themes.has(effect.themeId)) {
          addEntry(doc, boardThemes, effect.themeId, { domain: note.get('domain'), name: effect.themeName, createdAt: now });
        }
        const theme = effect.themeId && themes.has(effect.themeId) ? effect.themeId : '';
        if (note.get('theme') !== theme) note.set('theme', theme);
        break;
      }
      case 'name-theme': {
        const theme = themes.get(effect.themeId);
        if (theme && theme.get('name') !== effect.name) theme.set('name', effect.name);
        break;
      }
    }
  });
}
