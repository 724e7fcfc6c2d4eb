import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyBoardEffect, readBoard, readThemes } from '@shared/cascade/board';
import { GuardedDoc } from '@shared/collab/guarded-doc';
import { offerGoalsUpdate } from '../helpers/guard';
import { addGoalDraft, ensureReviewNotes, goalCollections, goalDraftText, goalTextLimits, readGoalDrafts, readReviewNotes, reviewNoteText, setGoalDraftField } from '@shared/goals/drafts';
import { legacyGoalEntries } from '../../server/meetings/goals-doc';

/** Runs `change` on a client copy of `server` and returns the update it produced. */
function changeFrom(server: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  return Y.encodeStateAsUpdate(client, before);
}

function accept(server: Y.Doc, update: Uint8Array, sender: string) {
  expect(offerGoalsUpdate(server, update, sender)).toBeNull();
  Y.applyUpdate(server, update);
}

const ann = { id: 'u1', name: 'Ann' };
const wording = (d: Y.Doc, id: string) => goalDraftText(d, id, 'wording')!;
const maxWording = goalTextLimits.wording;

describe('board updates from a client', () => {
  it('are judged against everything the document holds, also what reached it before any change was offered and after one was refused', () => {
    const server = new Y.Doc();
    const guard = new GuardedDoc(server, goalCollections);
    const bea = { id: 'u2', name: 'Bea' };
    const removal = (id: string) => changeFrom(server, (d) => d.getMap('goals').delete(id));
    // Ann's draft reaches the document from the store or another process, not through the guard.
    Y.applyUpdate(server, changeFrom(server, (d) => addGoalDraft(d, 'goal-020', ann)));
    expect(guard.admit(removal('goal-020'), bea, null)).toMatchObject({ ok: false, reason: 'A goal can be removed only by whoever added it' });
    Y.applyUpdate(server, changeFrom(server, (d) => addGoalDraft(d, 'goal-021', ann)));
    expect(guard.admit(changeFrom(server, (d) => wording(d, 'goal-021').insert(0, 'A named link worker')), ann, null)).toEqual({ ok: true });
    expect(guard.admit(removal('goal-021'), bea, null)).toMatchObject({ ok: false, reason: 'A goal can be removed only by whoever added it' });
    expect(guard.admit(removal('goal-021'), ann, null)).toEqual({ ok: true });
    expect(readGoalDrafts(server).map((d) => d.id)).toEqual(['goal-020']);
    guard.destroy();
  });

  it('accept a new goal draft by its proposer, and typing into any draft', () => {
    const server = new Y.Doc();
    accept(server, changeFrom(server, (d) => addGoalDraft(d, 'goal-001', ann)), 'u1');
    accept(server, changeFrom(server, (d) => wording(d, 'goal-001').insert(0, 'Every school has a named link')), 'u1');
    accept(server, changeFrom(server, (d) => wording(d, 'goal-001').insert(29, ' worker')), 'u2');
    expect(readGoalDrafts(server)).toEqual([expect.objectContaining({ id: 'goal-001', proposedByName: 'Ann', draft: expect.objectContaining({ wording: 'Every school has a named link worker' }) })]);
  });

  it('refuse a text longer than its limit, at creation or by typing', () => {
    const server = new Y.Doc();
    const long = changeFrom(server, (d) => {
      addGoalDraft(d, 'goal-002', ann);
      wording(d, 'goal-002').insert(0, 'x'.repeat(maxWording + 1));
    });
    expect(offerGoalsUpdate(server, long, 'u1')).toMatch(`at most ${maxWording}`);
    accept(server, changeFrom(server, (d) => d.transact(() => {
      addGoalDraft(d, 'goal-003', ann);
      wording(d, 'goal-003').insert(0, 'x'.repeat(maxWording - 10));
    })), 'u1');
    expect(offerGoalsUpdate(server, changeFrom(server, (d) => wording(d, 'goal-003').insert(0, 'y'.repeat(20))), 'u2')).toMatch(`at most ${maxWording}`);
  });

  it('judge the text after the change: a whole-text replacement and a repeated update pass', () => {
    const server = new Y.Doc();
    accept(server, changeFrom(server, (d) => d.transact(() => {
      addGoalDraft(d, 'goal-010', ann);
      wording(d, 'goal-010').insert(0, 'a'.repeat(200));
    })), 'u1');
    const replace = changeFrom(server, (d) => d.transact(() => {
      wording(d, 'goal-010').delete(0, 200);
      wording(d, 'goal-010').insert(0, 'b'.repeat(200));
    }));
    accept(server, replace, 'u2');
    expect(wording(server, 'goal-010').toString()).toBe('b'.repeat(200));
    // The same update again (a reconnecting client resends it) holds nothing new.
    accept(server, replace, 'u2');
    // Typing that deletes as much as it adds, at the limit, passes; growing past it does not.
    accept(server, changeFrom(server, (d) => wording(d, 'goal-010').insert(200, 'c'.repeat(maxWording - 200))), 'u2');
    accept(server, changeFrom(server, (d) => d.transact(() => {
      wording(d, 'goal-010').delete(0, 10);
      wording(d, 'goal-010').insert(0, 'd'.repeat(10));
    })), 'u2');
    expect(offerGoalsUpdate(server, changeFrom(server, (d) => wording(d, 'goal-010').insert(0, 'e')), 'u2')).toMatch(`at most ${maxWording}`);
  });

  it('refuse a draft in another person’s name, invalid values, unknown fields and other root types', () => {
    const server = new Y.Doc();
    expect(offerGoalsUpdate(server, changeFrom(server, (d) => addGoalDraft(d, 'goal-004', { id: 'someone-else', name: 'Bob' })), 'u1')).toMatch(/author/);
    accept(server, changeFrom(server, (d) => addGoalDraft(d, 'goal-005', ann)), 'u1');
    expect(offerGoalsUpdate(server, changeFrom(server, (d) => setGoalDraftField(d, 'goal-005', 'relevantDomains', [12 as 1])), 'u1')).toMatch(/relevantDomains/);
    expect(offerGoalsUpdate(server, changeFrom(server, (d) => d.getMap<Y.Map<unknown>>('goals').get('goal-005')!.set('colour', 'red')), 'u1')).toMatch(/no field/);
    expect(offerGoalsUpdate(server, changeFrom(server, (d) => d.getText('elsewhere').insert(0, 'hi')), 'u1')).toMatch(/does not fit/);
    expect(offerGoalsUpdate(server, changeFrom(server, (d) => d.getMap('goals').set('goal-006', 'not a map')), 'u1')).toMatch(/only goals/);
    expect(offerGoalsUpdate(server, new Uint8Array([1, 2, 3]), 'u1')).not.toBeNull();
  });

  it('let only its proposer remove or replace a goal draft', () => {
    const server = new Y.Doc();
    accept(server, changeFrom(server, (d) => addGoalDraft(d, 'goal-007', ann)), 'u1');
    expect(offerGoalsUpdate(server, changeFrom(server, (d) => d.getMap('goals').delete('goal-007')), 'u2')).toMatch(/only by whoever added it/);
    expect(offerGoalsUpdate(server, changeFrom(server, (d) => addGoalDraft(d, 'goal-007', { id: 'u2', name: 'Bea' })), 'u2')).toMatch(/only by whoever added it/);
    expect(readGoalDrafts(server).map((g) => g.id)).toEqual(['goal-007']);
    accept(server, changeFrom(server, (d) => d.getMap('goals').delete('goal-007')), 'u1');
    expect(readGoalDrafts(server)).toEqual([]);
  });
});

describe('notes and themes', () => {
  const withNote = () => {
    const server = new Y.Doc();
    applyBoardEffect(server, { kind: 'put-notes', notes: [{ id: 'note-001', domain: 2, list: 'strength', authorName: 'Ann', text: 'Named link worker' }] });
    return server;
  };

  it('are written by the server: adding, editing, grouping, renaming and deleting, each safe to repeat', () => {
    const server = withNote();
    applyBoardEffect(server, { kind: 'put-notes', notes: [{ id: 'note-001', domain: 2, list: 'strength', authorName: 'Ann', text: 'Something else' }] });
    applyBoardEffect(server, { kind: 'set-text', noteId: 'note-001', text: 'Named link worker in every school' });
    applyBoardEffect(server, { kind: 'group-note', noteId: 'note-001', themeId: 'theme-01', themeName: 'Named contacts' });
    applyBoardEffect(server, { kind: 'group-note', noteId: 'note-001', themeId: 'theme-01', themeName: 'Named contacts' });
    applyBoardEffect(server, { kind: 'name-theme', themeId: 'theme-01', name: 'Named people' });
    expect(readBoard(server)).toEqual([expect.objectContaining({ id: 'note-001', text: 'Named link worker in every school', theme: 'theme-01', authorName: 'Ann' })]);
    expect(readThemes(server)).toEqual([expect.objectContaining({ id: 'theme-01', name: 'Named people', domain: 2 })]);
    applyBoardEffect(server, { kind: 'delete-note', noteId: 'note-001' });
    applyBoardEffect(server, { kind: 'delete-note', noteId: 'note-001' });
    expect(readBoard(server)).toEqual([]);
  });

  it('do not fit the co-edited goals document: a note or theme written there is refused', () => {
    const server = new Y.Doc();
    const refused = (change: (d: Y.Doc) => void) => expect(offerGoalsUpdate(server, changeFrom(server, change), 'u1')).toMatch(/does not fit/);
    refused((d) => applyBoardEffect(d, { kind: 'put-notes', notes: [{ id: 'note-002', domain: 1, list: 'note', authorName: 'Ann', text: 'Mine' }] }));
    refused((d) => d.getMap('themes').set('theme-02', new Y.Map()));
  });

  it('let a client resend everything it holds, deletions included', () => {
    const server = new Y.Doc();
    expect(offerGoalsUpdate(server, changeFrom(server, (d) => addGoalDraft(d, 'goal-008', ann)), 'u1')).toBeNull();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    expect(offerGoalsUpdate(server, changeFrom(server, (d) => d.getMap('goals').delete('goal-008')), 'u1')).toBeNull();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    addGoalDraft(client, 'goal-009', ann);
    expect(offerGoalsUpdate(server, Y.encodeStateAsUpdate(client), 'u1')).toBeNull();
    expect(readGoalDrafts(server).map((g) => g.id)).toEqual(['goal-009']);
  });
});

describe('goal drafts written before the goals had a document of their own', () => {
  it('are copied by value from the old board, drafts and review notes alike', () => {
    const oldBoard = new Y.Doc();
    applyBoardEffect(oldBoard, { kind: 'put-notes', notes: [{ id: 'note-001', domain: 1, list: 'note', authorName: 'Ann', text: 'A note' }] });
    addGoalDraft(oldBoard, 'goal-old-1', ann);
    wording(oldBoard, 'goal-old-1').insert(0, 'Every school has a named link');
    setGoalDraftField(oldBoard, 'goal-old-1', 'dueDate', '2027-06-30');
    ensureReviewNotes(oldBoard, 'goal-old-1');
    reviewNoteText(oldBoard, 'goal-old-1', 'progress')!.insert(0, 'Half the schools');
    const goals = legacyGoalEntries(oldBoard);
    expect(readGoalDrafts(goals)).toEqual(readGoalDrafts(oldBoard));
    expect(readReviewNotes(goals)).toEqual(readReviewNotes(oldBoard));
    expect(readBoard(goals)).toEqual([]);
  });
});
