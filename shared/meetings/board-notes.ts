import { z } from 'zod';
import { DomainId } from '../cascade/framework';
import { maxNoteLength, NoteList, noteIdPattern, themeIdPattern, type BoardEffect } from '../cascade/board';
import { mayChangeNote, type MeetingActionType } from '../meeting-actions';
import type { SiteRole } from '../roles';

/**
 * Notes on the board are written by the server, never by a person's own Yjs client: each change
 * is a meeting action, checked here (who may edit or delete a note, private writing, anonymous
 * notes), applied to the meeting's state by compare-and-set and then to the board document as
 * the server. So the document holds no author id, and no Yjs client id of the person who wrote
 * an anonymous note; private notes are not in it at all until revealed.
 */

const NoteId = z.string().regex(noteIdPattern, 'That note is not valid');
const ThemeId = z.string().regex(themeIdPattern, 'That theme is not valid');
const NoteText = z
  .string({ error: 'Write something in the note' })
  .trim()
  .min(1, 'Write something in the note')
  .max(maxNoteLength, `A note can be at most ${maxNoteLength} characters`);
const ThemeName = z.string({ error: 'Name the theme' }).trim().min(1, 'Name the theme').max(80, 'Keep the theme’s name to 80 characters or fewer');

export const NoteAction = [
  z.object({ type: z.literal('add-note'), noteId: NoteId, domain: z.union([DomainId, z.literal(0)]), list: NoteList, text: NoteText }),
  z.object({ type: z.literal('edit-note'), noteId: NoteId, text: NoteText }),
  z.object({ type: z.literal('delete-note'), noteId: NoteId }),
  z.object({ type: z.literal('react-to-note'), noteId: NoteId, agree: z.boolean() }),
  /** Puts a note in a theme (a new one when `themeName` is given), or out of any with null. */
  z.object({ type: z.literal('group-note'), noteId: NoteId, themeId: ThemeId.nullable(), themeName: ThemeName.optional() }),
  z.object({ type: z.literal('name-theme'), themeId: ThemeId, name: ThemeName }),
  z.object({ type: z.literal('set-anonymous-notes'), anonymous: z.boolean() }),
  z.object({ type: z.literal('write-privately'), domain: DomainId.nullable() }),
  z.object({ type: z.literal('reveal-private-notes') }),
] as const;
type NoteActionSchema = (typeof NoteAction)[number];
export type NoteAction = z.infer<NoteActionSchema>;

export const noteActionTypes: ReadonlySet<string> = new Set(NoteAction.map((schema) => schema.shape.type.value));

const PrivateNote = z.object({
  id: z.string(),
  domain: z.union([DomainId, z.literal(0)]),
  list: NoteList,
  authorId: z.string(),
  authorName: z.string(),
  text: z.string(),
  /** Set when the facilitator revealed it; it is on the board from then (unless deleted). */
  revealed: z.boolean(),
});
type PrivateNote = z.infer<typeof PrivateNote>;

/** What the server keeps about the board's notes that the board document does not say. */
export const NotesState = z.object({
  anonymous: z.boolean().default(false),
  /** The domain in which people are writing privately, if any. */
  privateDomain: DomainId.nullable().default(null),
  /** note id → its author's user id, for every note on the board (kept out of the document). */
  authors: z.record(z.string(), z.string()).default({}),
  /** note id → whether its author's name is shown (false when it was written anonymously). */
  named: z.record(z.string(), z.boolean()).default({}),
  privateNotes: z.array(PrivateNote).default([]),
  /** note id → ids of the people who agree with it. */
  agreements: z.record(z.string(), z.array(z.string())).default({}),
  /** theme id → who started it, for themes started since this was kept (older ones are in the board only). */
  themesStarted: z.record(z.string(), z.string()).default({}),
});
export type NotesState = z.infer<typeof NotesState>;
export const initialNotesState = (): NotesState => ({ anonymous: false, privateDomain: null, authors: {}, named: {}, privateNotes: [], agreements: {}, themesStarted: {} });

interface NoteActor {
  userId: string;
  name: string;
  role: SiteRole;
}

type NoteOutcome = { ok: true; notes: NotesState } | { ok: false; error: string };

/**
 * How many notes one person may have on a meeting's board, written privately or not: far past
 * what anyone writes in a meeting, but a bound. Every note is kept in the meeting's state, which
 * is saved and sent to everyone at each action, and shown on the shared screen: one participant
 * adding them by the thousand slowed every action of the meeting and buried the board.
 */
export const notesPerPerson = 150;

/** How many themes one person may start on a meeting's board, for the same reason: each new one is kept, and offered beside every note of its domain. */
export const themesPerPerson = 50;

const notesWrittenBy = (notes: NotesState, userId: string) =>
  Object.values(notes.authors).filter((author) => author === userId).length + notes.privateNotes.filter((n) => !n.revealed && n.authorId === userId).length;

const mayChange = (notes: NotesState, type: 'edit-note' | 'delete-note', noteId: string, actor: NoteActor) => mayChangeNote(type, actor.role, notes.authors[noteId] === actor.userId);

/**
 * Applies one note action to a copy of the notes state (the caller has cloned it). Who may take
 * it in which phase is the table's (shared/meeting-actions.ts), asked by the reducer first.
 */
export function applyNoteAction(notes: NotesState, action: NoteAction, actor: NoteActor): NoteOutcome {
  const privateNote = 'noteId' in action ? notes.privateNotes.find((n) => n.id === action.noteId && !n.revealed) : undefined;
  switch (action.type) {
    case 'add-note': {
      if (notes.authors[action.noteId] || notes.privateNotes.some((n) => n.id === action.noteId)) return { ok: false, error: 'That note is already on the board' };
      if (notesWrittenBy(notes, actor.userId) >= notesPerPerson) return { ok: false, error: `One person can have at most ${notesPerPerson} notes on the board` };
      if (action.domain !== 0 && action.domain === notes.privateDomain) {
        notes.privateNotes.push({ id: action.noteId, domain: action.domain, list: action.list, authorId: actor.userId, authorName: actor.name, text: action.text, revealed: false });
      } else {
        notes.authors[action.noteId] = actor.userId;
        notes.named[action.noteId] = !notes.anonymous;
      }
      break;
    }
    case 'edit-note':
    case 'delete-note': {
      const verb = action.type === 'edit-note' ? 'change' : 'delete';
      if (privateNote) {
        if (privateNote.authorId !== actor.userId) return { ok: false, error: 'There is no such note' };
        if (action.type === 'edit-note') privateNote.text = action.text;
        else notes.privateNotes = notes.privateNotes.filter((n) => n !== privateNote);
        break;
      }
      if (!notes.authors[action.noteId]) return { ok: false, error: 'That note has been deleted' };
      if (!mayChange(notes, action.type, action.noteId, actor)) return { ok: false, error: `You can only ${verb} your own notes` };
      if (action.type === 'delete-note') {
        delete notes.authors[action.noteId];
        delete notes.named[action.noteId];
        delete notes.agreements[action.noteId];
      }
      break;
    }
    case 'react-to-note': {
      if (!notes.authors[action.noteId]) return { ok: false, error: 'That note has been deleted' };
      const others = (notes.agreements[action.noteId] ?? []).filter((id) => id !== actor.userId);
      notes.agreements[action.noteId] = action.agree ? [...others, actor.userId] : others;
      break;
    }
    case 'group-note':
      if (!notes.authors[action.noteId]) return { ok: false, error: 'That note has been deleted' };
      if (action.themeName !== undefined && action.themeId === null) return { ok: false, error: 'Give the new theme an id' };
      if (action.themeName !== undefined && action.themeId !== null && !notes.themesStarted[action.themeId]) {
        const started = Object.values(notes.themesStarted).filter((by) => by === actor.userId).length;
        if (started >= themesPerPerson) return { ok: false, error: `One person can start at most ${themesPerPerson} themes on the board` };
        notes.themesStarted[action.themeId] = actor.userId;
      }
      break;
    case 'name-theme':
      break;
    case 'set-anonymous-notes':
      notes.anonymous = action.anonymous;
      break;
    case 'write-privately':
      if (action.domain === null && notes.privateNotes.some((n) => !n.revealed)) return { ok: false, error: 'Reveal the notes written privately first' };
      if (notes.privateDomain !== null && action.domain !== notes.privateDomain && notes.privateNotes.some((n) => !n.revealed)) {
        return { ok: false, error: 'Reveal the notes written privately first' };
      }
      notes.privateDomain = action.domain;
      break;
    case 'reveal-private-notes':
      for (const note of notes.privateNotes.filter((n) => !n.revealed)) {
        note.revealed = true;
        notes.authors[note.id] = note.authorId;
        notes.named[note.id] = !notes.anonymous;
      }
      notes.privateDomain = null;
      break;
  }
  return { ok: true, notes };
}

/**
 * What an applied action does to the board document, worked out from the state after it. Applying
 * it again changes nothing more, so a retried action (already in the state) can safely repeat it.
 */
export function boardEffectOf(action: NoteAction, notes: NotesState, actorName: string): BoardEffect | null {
  const onBoard = (noteId: string) => notes.authors[noteId] !== undefined;
  const shownName = (noteId: string, name: string) => (notes.named[noteId] ? name : '');
  switch (action.type) {
    case 'add-note':
      return onBoard(action.noteId)
        ? { kind: 'put-notes', notes: [{ id: action.noteId, domain: action.domain, list: action.list, authorName: shownName(action.noteId, actorName), text: action.text }] }
        : null;
    case 'edit-note':
      return onBoard(action.noteId) ? { kind: 'set-text', noteId: action.noteId, text: action.text } : null;
    case 'delete-note':
      return onBoard(action.noteId) ? null : { kind: 'delete-note', noteId: action.noteId };
    case 'group-note':
      return onBoard(action.noteId) ? { kind: 'group-note', noteId: action.noteId, themeId: action.themeId, themeName: action.themeName ?? null } : null;
    case 'name-theme':
      return { kind: 'name-theme', themeId: action.themeId, name: action.name };
    case 'reveal-private-notes':
      return {
        kind: 'put-notes',
        notes: notes.privateNotes.filter((n) => n.revealed && onBoard(n.id)).map((n) => ({ id: n.id, domain: n.domain, list: n.list, authorName: shownName(n.id, n.authorName), text: n.text })),
      };
    default:
      return null;
  }
}

const NoteAbilities = z.object({ edit: z.boolean(), remove: z.boolean(), react: z.boolean(), group: z.boolean() });
type NoteAbilities = z.infer<typeof NoteAbilities>;

/** What one person sees of the notes state: their own private notes, counts, and which notes are theirs. */
export const NotesView = z.object({
  anonymous: z.boolean(),
  privateDomain: DomainId.nullable(),
  myPrivateNotes: z.array(PrivateNote.pick({ id: true, domain: true, list: true, text: true })),
  privateCount: z.number(),
  /** Ids of the notes on the board the viewer wrote (so they may edit and delete them). */
  mine: z.array(z.string()),
  agreements: z.record(z.string(), z.object({ count: z.number(), mine: z.boolean() })),
  /** note id → what the viewer may do with it now; records kept before abilities were sent have none. */
  abilities: z.record(z.string(), NoteAbilities).default({}),
});
export type NotesView = z.infer<typeof NotesView>;

/** What one person may do with each note now, worked out from the table of meeting actions. */
function noteAbilitiesFor(notes: NotesState, viewer: NoteViewer | null): Record<string, NoteAbilities> {
  if (!viewer) return {};
  const allowed = (type: MeetingActionType) => viewer.allowed.includes(type);
  const abilities: Record<string, NoteAbilities> = {};
  for (const [noteId, authorId] of Object.entries(notes.authors)) {
    const own = authorId === viewer.userId;
    abilities[noteId] = {
      edit: allowed('edit-note') && mayChangeNote('edit-note', viewer.role, own),
      remove: allowed('delete-note') && mayChangeNote('delete-note', viewer.role, own),
      react: allowed('react-to-note'),
      group: allowed('group-note'),
    };
  }
  // Notes written privately are their author's alone until revealed: nobody reacts to or groups them.
  for (const note of notes.privateNotes) {
    if (note.revealed || note.authorId !== viewer.userId) continue;
    abilities[note.id] = { edit: allowed('edit-note'), remove: allowed('delete-note'), react: false, group: false };
  }
  return abilities;
}

/** Who is looking, with what the table lets them do now. */
export interface NoteViewer {
  userId: string;
  role: SiteRole;
  allowed: readonly MeetingActionType[];
}

export function notesViewFor(notes: NotesState, viewer: NoteViewer | null): NotesView {
  const viewerId = viewer?.userId ?? null;
  const hidden = notes.privateNotes.filter((n) => !n.revealed);
  return {
    anonymous: notes.anonymous,
    privateDomain: notes.privateDomain,
    myPrivateNotes: hidden.filter((n) => n.authorId === viewerId).map(({ id, domain, list, text }) => ({ id, domain, list, text })),
    privateCount: hidden.length,
    mine: Object.entries(notes.authors).flatMap(([noteId, authorId]) => (authorId === viewerId ? [noteId] : [])),
    agreements: Object.fromEntries(Object.entries(notes.agreements).map(([noteId, ids]) => [noteId, { count: ids.length, mine: viewerId !== null && ids.includes(viewerId) }])),
    abilities: noteAbilitiesFor(notes, viewer),
  };
}
