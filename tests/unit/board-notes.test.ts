import { describe, expect, it } from 'vitest';
import { allowedMeetingActions } from '@shared/meeting-actions';
import type { SiteRole } from '@shared/roles';
import { applyNoteAction, boardEffectOf, initialNotesState, notesViewFor, type NoteAction, type NotesState } from '@shared/meetings/board-notes';

interface Person {
  userId: string;
  name: string;
  role: SiteRole;
}
const ann: Person = { userId: 'ann', name: 'Ann', role: 'stakeholder' };
const bob: Person = { userId: 'bob', name: 'Bob', role: 'lead' };
const fay: Person = { userId: 'fay', name: 'Fay', role: 'facilitator' };
/** Someone looking at the board during the domain review, with what the table lets them do there. */
const viewer = (who: Person) => ({ userId: who.userId, role: who.role, allowed: allowedMeetingActions(who.role, { kind: 'consultation', phase: 'domain-review' }) });

/** Applies actions in order, failing the test on a refusal. */
function run(actions: [typeof ann, NoteAction][], start: NotesState = initialNotesState()): NotesState {
  let notes = start;
  for (const [actor, action] of actions) {
    const outcome = applyNoteAction(structuredClone(notes), action, actor);
    if (!outcome.ok) throw new Error(`${action.type}: ${outcome.error}`);
    notes = outcome.notes;
  }
  return notes;
}
const refusal = (notes: NotesState, actor: typeof ann, action: NoteAction) => {
  const outcome = applyNoteAction(structuredClone(notes), action, actor);
  return outcome.ok ? null : outcome.error;
};
const add = (noteId: string, domain: 1 | 2 = 1): NoteAction => ({ type: 'add-note', noteId, domain, list: 'strength', text: `Note ${noteId}` });

describe('notes on the board', () => {
  it('may be changed and deleted by their author or a facilitator only', () => {
    const notes = run([[ann, add('note-ann')]]);
    expect(refusal(notes, bob, { type: 'edit-note', noteId: 'note-ann', text: 'Mine now' })).toBe('You can only change your own notes');
    expect(refusal(notes, bob, { type: 'delete-note', noteId: 'note-ann' })).toBe('You can only delete your own notes');
    expect(refusal(notes, ann, { type: 'edit-note', noteId: 'note-ann', text: 'Clearer' })).toBeNull();
    expect(refusal(notes, fay, { type: 'delete-note', noteId: 'note-ann' })).toBeNull();
    expect(refusal(notes, ann, add('note-ann'))).toBe('That note is already on the board');
  });

  it('carry what each person may do with them: their own notes, or any for a facilitator', () => {
    const notes = run([[ann, add('note-ann')]]);
    expect(notesViewFor(notes, viewer(ann)).abilities['note-ann']).toEqual({ edit: true, remove: true, react: true, group: true });
    expect(notesViewFor(notes, viewer(bob)).abilities['note-ann']).toEqual({ edit: false, remove: false, react: true, group: true });
    expect(notesViewFor(notes, viewer(fay)).abilities['note-ann']).toEqual({ edit: true, remove: true, react: true, group: true });
    // Outside the domain review nobody may touch a note, its author included.
    const closing = { ...viewer(ann), allowed: allowedMeetingActions('stakeholder', { kind: 'consultation', phase: 'close' }) };
    expect(notesViewFor(notes, closing).abilities['note-ann']).toEqual({ edit: false, remove: false, react: false, group: false });
  });

  it('show no author once the facilitator makes notes anonymous, to anyone, in the board document too', () => {
    const notes = run([
      [ann, add('note-named')],
      [fay, { type: 'set-anonymous-notes', anonymous: true }],
      [ann, add('note-anonymous')],
    ]);
    expect(boardEffectOf(add('note-named'), notes, 'Ann')).toMatchObject({ notes: [{ authorName: 'Ann' }] });
    expect(boardEffectOf(add('note-anonymous'), notes, 'Ann')).toMatchObject({ notes: [{ authorName: '' }] });
    // Only the author is told the note is theirs, so they may still edit it.
    expect(notesViewFor(notes, viewer(ann)).mine).toEqual(['note-named', 'note-anonymous']);
    expect(notesViewFor(notes, viewer(bob)).mine).toEqual([]);
    expect(notesViewFor(notes, viewer(fay)).mine).toEqual([]);
    expect(refusal(notes, bob, { type: 'edit-note', noteId: 'note-anonymous', text: 'x' })).toBe('You can only change your own notes');
  });

  it('written privately are seen only by their author until the facilitator reveals them all at once', () => {
    const notes = run([
      [fay, { type: 'write-privately', domain: 2 }],
      [ann, add('note-private-a', 2)],
      [bob, add('note-private-b', 2)],
      [bob, add('note-open', 1)],
    ]);
    expect(boardEffectOf(add('note-private-a', 2), notes, 'Ann')).toBeNull();
    expect(notesViewFor(notes, viewer(ann)).myPrivateNotes.map((n) => n.id)).toEqual(['note-private-a']);
    expect(notesViewFor(notes, viewer(bob)).myPrivateNotes.map((n) => n.id)).toEqual(['note-private-b']);
    expect(notesViewFor(notes, viewer(fay))).toMatchObject({ myPrivateNotes: [], privateCount: 2 });
    expect(refusal(notes, bob, { type: 'edit-note', noteId: 'note-private-a', text: 'x' })).toBe('There is no such note');
    expect(refusal(notes, fay, { type: 'write-privately', domain: 3 })).toBe('Reveal the notes written privately first');

    const revealed = run([[fay, { type: 'reveal-private-notes' }]], notes);
    expect(notesViewFor(revealed, viewer(ann))).toMatchObject({ myPrivateNotes: [], privateCount: 0, privateDomain: null, mine: ['note-private-a'] });
    const effect = boardEffectOf({ type: 'reveal-private-notes' }, revealed, 'Fay');
    expect(effect).toMatchObject({ kind: 'put-notes', notes: [{ id: 'note-private-a', authorName: 'Ann' }, { id: 'note-private-b', authorName: 'Bob' }] });
  });

  it('count agreements once per person, and tell each person only whether they agreed', () => {
    const notes = run([
      [ann, add('note-1')],
      [bob, { type: 'react-to-note', noteId: 'note-1', agree: true }],
      [bob, { type: 'react-to-note', noteId: 'note-1', agree: true }],
      [fay, { type: 'react-to-note', noteId: 'note-1', agree: true }],
      [fay, { type: 'react-to-note', noteId: 'note-1', agree: false }],
    ]);
    expect(notesViewFor(notes, viewer(bob)).agreements).toEqual({ 'note-1': { count: 1, mine: true } });
    expect(notesViewFor(notes, viewer(fay)).agreements).toEqual({ 'note-1': { count: 1, mine: false } });
  });

  it('turn into board changes only while the note is on the board, so a retried action repeats harmlessly', () => {
    const notes = run([
      [ann, add('note-1')],
      [fay, { type: 'delete-note', noteId: 'note-1' }],
    ]);
    expect(boardEffectOf(add('note-1'), notes, 'Ann')).toBeNull();
    expect(boardEffectOf({ type: 'edit-note', noteId: 'note-1', text: 'x' }, notes, 'Ann')).toBeNull();
    expect(boardEffectOf({ type: 'delete-note', noteId: 'note-1' }, notes, 'Fay')).toEqual({ kind: 'delete-note', noteId: 'note-1' });
    expect(refusal(notes, ann, { type: 'group-note', noteId: 'note-1', themeId: 'theme-1' })).toBe('That note has been deleted');
  });
});
