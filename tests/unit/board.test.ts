import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, checkBoardUpdate, maxNoteLength, notesOf, readBoard } from '@shared/cascade/board';

/** Runs `change` on a client copy of `server` and returns the update it produced. */
function changeFrom(server: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  return Y.encodeStateAsUpdate(client, before);
}

function accept(server: Y.Doc, update: Uint8Array, sender: string) {
  expect(checkBoardUpdate(server, update, sender)).toBeNull();
  Y.applyUpdate(server, update);
}

describe('board updates', () => {
  it('accepts a new note by its author, and typing into any note', () => {
    const server = new Y.Doc();
    accept(server, changeFrom(server, (d) => addNote(d, { id: 'note-001', domain: 2, list: 'strength', authorId: 'u1', authorName: 'Ann', text: 'Named link' })), 'u1');
    accept(server, changeFrom(server, (d) => (notesOf(d).get('note-001')!.get('text') as Y.Text).insert(10, ' worker in every school')), 'u2');
    accept(server, changeFrom(server, (d) => (notesOf(d).get('note-001')!.get('text') as Y.Text).insert(0, 'A ')), 'u2');
    expect(readBoard(server)).toEqual([
      expect.objectContaining({ id: 'note-001', domain: 2, list: 'strength', authorName: 'Ann', text: 'A Named link worker in every school' }),
    ]);
  });

  it('refuses a note longer than the limit, at creation or by typing', () => {
    const server = new Y.Doc();
    const long = changeFrom(server, (d) => {
      addNote(d, { id: 'note-002', domain: 1, list: 'challenge', authorId: 'u1', authorName: 'Ann' });
      (notesOf(d).get('note-002')!.get('text') as Y.Text).insert(0, 'x'.repeat(maxNoteLength + 1));
    });
    expect(checkBoardUpdate(server, long, 'u1')).toMatch(/at most 500/);
    accept(server, changeFrom(server, (d) => addNote(d, { id: 'note-003', domain: 1, list: 'challenge', authorId: 'u1', authorName: 'Ann', text: 'x'.repeat(490) })), 'u1');
    const typing = changeFrom(server, (d) => (notesOf(d).get('note-003')!.get('text') as Y.Text).insert(490, 'y'.repeat(20)));
    expect(checkBoardUpdate(server, typing, 'u2')).toMatch(/at most 500/);
  });

  it('judges the note after the change: a whole-text replacement and a repeated update pass', () => {
    const server = new Y.Doc();
    accept(server, changeFrom(server, (d) => addNote(d, { id: 'note-010', domain: 3, list: 'note', authorId: 'u1', authorName: 'Ann', text: 'a'.repeat(300) })), 'u1');
    const text = (d: Y.Doc) => notesOf(d).get('note-010')!.get('text') as Y.Text;
    const replace = changeFrom(server, (d) => d.transact(() => {
      text(d).delete(0, 300);
      text(d).insert(0, 'b'.repeat(300));
    }));
    accept(server, replace, 'u2');
    expect(text(server).toString()).toBe('b'.repeat(300));
    // The same update again (a reconnecting client resends it) holds nothing new.
    accept(server, replace, 'u2');
    // Typing that deletes as much as it adds, at the limit, passes; growing past it does not.
    accept(server, changeFrom(server, (d) => text(d).insert(300, 'c'.repeat(200))), 'u2');
    accept(server, changeFrom(server, (d) => d.transact(() => {
      text(d).delete(0, 10);
      text(d).insert(0, 'd'.repeat(10));
    })), 'u2');
    expect(checkBoardUpdate(server, changeFrom(server, (d) => text(d).insert(0, 'e')), 'u2')).toMatch(/at most 500/);
  });

  it('refuses a note in another person’s name', () => {
    const server = new Y.Doc();
    const forged = changeFrom(server, (d) => addNote(d, { id: 'note-004', domain: 1, list: 'note', authorId: 'someone-else', authorName: 'Bob' }));
    expect(checkBoardUpdate(server, forged, 'u1')).toMatch(/author/);
  });

  it('refuses a domain out of range, unknown fields and other root types', () => {
    const server = new Y.Doc();
    accept(server, changeFrom(server, (d) => addNote(d, { id: 'note-005', domain: 1, list: 'note', authorId: 'u1', authorName: 'Ann' })), 'u1');
    expect(checkBoardUpdate(server, changeFrom(server, (d) => notesOf(d).get('note-005')!.set('domain', 12)), 'u1')).toMatch(/domain/);
    expect(checkBoardUpdate(server, changeFrom(server, (d) => notesOf(d).get('note-005')!.set('colour', 'red')), 'u1')).toMatch(/no field/);
    expect(checkBoardUpdate(server, changeFrom(server, (d) => d.getText('elsewhere').insert(0, 'hi')), 'u1')).toMatch(/does not fit/);
    expect(checkBoardUpdate(server, changeFrom(server, (d) => notesOf(d).set('note-006', 'not a map' as never)), 'u1')).toMatch(/only notes/);
    expect(checkBoardUpdate(server, new Uint8Array([1, 2, 3]), 'u1')).not.toBeNull();
  });

  it('accepts deleting a note', () => {
    const server = new Y.Doc();
    accept(server, changeFrom(server, (d) => addNote(d, { id: 'note-007', domain: 3, list: 'note', authorId: 'u1', authorName: 'Ann' })), 'u1');
    accept(server, changeFrom(server, (d) => notesOf(d).delete('note-007')), 'u2');
    expect(readBoard(server)).toEqual([]);
  });
});
