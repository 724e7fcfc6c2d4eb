import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoard } from '@shared/cascade/board';
import { CloseCode } from '@shared/collab/close-codes';
import { meetingBoardDocName } from '@shared/meetings/meeting';
import type { MeetingStateEvent } from '@shared/realtime';
import { collabClient, eventually, whenSynced, type CollabClient } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { connectedSocket, request, type ClientSocket } from '../helpers/realtime';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';
import { bookingIn } from '../helpers/dates';

/**
 * Notes as a hostile member sees them: with a stock Yjs client reading the raw board document
 * and socket.io, they cannot learn who wrote an anonymous note, read another person's private
 * notes, or change or delete another person's note.
 */
interface Person {
  name: string;
  api: ApiClient;
  socket: ClientSocket;
  board: CollabClient;
  states: MeetingStateEvent[];
}

let server: RunningServer;
let facilitator: Person;
let ann: Person;
let bob: Person;
let siteId: string;
let meetingId: string;
const act = (p: Person, action: object) => request(p.socket, 'meeting:action', { meetingId, action });
const docName = () => meetingBoardDocName(siteId, meetingId);
/** Everything a client's copy of the board holds, as text: what reading the raw document reveals. */
const rawDocument = (doc: Y.Doc) => JSON.stringify(doc.toJSON());
const noteText = (doc: Y.Doc, id: string) => readBoard(doc).find((n) => n.id === id)?.text;

async function join(api: ApiClient, name: string): Promise<Person> {
  const socket = await connectedSocket(server.url, api.cookie);
  const states: MeetingStateEvent[] = [];
  socket.on('meeting:state', (state) => states.push(state));
  const joined = await request(socket, 'meeting:join', { meetingId });
  states.push(joined.data);
  const board = collabClient(server.wsUrl, docName(), api.cookie);
  await whenSynced(board);
  return { name, api, socket, board, states };
}

beforeAll(async () => {
  server = await startApp();
  const facilitatorApi = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitatorApi.post('/api/sites', { name: 'Notes Borough' })).body.id;
  const [annApi, bobApi] = await Promise.all([
    inviteAndAccept(server, facilitatorApi, siteId, 'ann@notes.example', { name: 'Ann Author' }),
    inviteAndAccept(server, facilitatorApi, siteId, 'bob@notes.example', { name: 'Bob Bystander' }),
  ]);
  const ids = await Promise.all([annApi, bobApi].map(async (api) => (await api.get('/api/me')).body.id));
  meetingId = (await facilitatorApi.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: bookingIn(37), durationMinutes: 120, attendeeIds: ids })).body.id;
  await facilitatorApi.post(`/api/meetings/${meetingId}/start`);
  facilitator = await join(facilitatorApi, 'Facilitator');
  ann = await join(annApi, 'Ann Author');
  bob = await join(bobApi, 'Bob Bystander');
  expect((await act(facilitator, { type: 'set-phase', phase: 'domain-review' })).ok).toBe(true);
}, 60_000);

afterAll(async () => {
  for (const p of [facilitator, ann, bob]) {
    p?.socket.close();
    p?.board.destroy();
  }
  await server?.stop();
});

describe('notes on the board, against a hostile member', () => {
  it('an anonymous note carries no author and no trace of its writer’s Yjs client in the document anyone receives', async () => {
    expect((await act(facilitator, { type: 'set-anonymous-notes', anonymous: true })).ok).toBe(true);
    expect((await act(ann, { type: 'add-note', noteId: 'anonymous-01', domain: 1, list: 'challenge', text: 'Referral routes are unclear' })).ok).toBe(true);
    await eventually(() => expect(noteText(bob.board.doc, 'anonymous-01')).toBe('Referral routes are unclear'));
    expect(readBoard(bob.board.doc).find((n) => n.id === 'anonymous-01')?.authorName).toBe('');
    expect(rawDocument(bob.board.doc)).not.toMatch(/Ann Author|ann@notes/);
    // Every item of the note was made by the server's client, not Ann's: nothing links it to her presence.
    const writers = new Set(Y.decodeUpdate(Y.encodeStateAsUpdate(bob.board.doc)).structs.map((s) => s.id.client));
    expect(writers.has(ann.board.doc.clientID)).toBe(false);
    const presenceOfAnn = [...bob.board.provider.awareness.getStates()].filter(([, s]) => (s.user as { name?: string } | undefined)?.name === 'Ann Author').map(([id]) => id);
    for (const clientId of presenceOfAnn) expect(writers.has(clientId)).toBe(false);
    // Only Ann is told it is hers.
    expect(ann.states.at(-1)!.notes.mine).toContain('anonymous-01');
    await eventually(() => expect(bob.states.at(-1)!.notes.mine).toEqual([]));
    expect((await act(facilitator, { type: 'set-anonymous-notes', anonymous: false })).ok).toBe(true);
  });

  it('refuses another person’s edit or deletion, over socket.io and written straight into the document, and the note stays as it was', async () => {
    expect((await act(ann, { type: 'add-note', noteId: 'annsnote-01', domain: 1, list: 'strength', text: 'Named contacts in every school' })).ok).toBe(true);
    await eventually(() => expect(noteText(bob.board.doc, 'annsnote-01')).toBe('Named contacts in every school'));
    expect(await act(bob, { type: 'edit-note', noteId: 'annsnote-01', text: 'Nothing works' })).toEqual({ ok: false, error: 'You can only change your own notes' });
    expect(await act(bob, { type: 'delete-note', noteId: 'annsnote-01' })).toEqual({ ok: false, error: 'You can only delete your own notes' });

    for (const attack of [
      (doc: Y.Doc) => (doc.getMap<Y.Map<unknown>>('notes').get('annsnote-01')!.get('text') as Y.Text).insert(0, 'Not: '),
      (doc: Y.Doc) => doc.getMap('notes').delete('annsnote-01'),
      (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('notes').get('annsnote-01')!.set('authorName', 'Bob Bystander'),
    ]) {
      const hostile = collabClient(server.wsUrl, docName(), bob.api.cookie);
      await whenSynced(hostile);
      attack(hostile.doc);
      await eventually(() => expect(hostile.closes.map((c) => c.code)).toContain(CloseCode.serverWritten));
      hostile.destroy();
    }
    const fresh = collabClient(server.wsUrl, docName(), facilitator.api.cookie);
    await whenSynced(fresh);
    expect(readBoard(fresh.doc).find((n) => n.id === 'annsnote-01')).toMatchObject({ text: 'Named contacts in every school', authorName: 'Ann Author' });
    fresh.destroy();
    expect(noteText(ann.board.doc, 'annsnote-01')).toBe('Named contacts in every school');
  });

  it('keeps private notes out of the document and everyone else’s state until the facilitator reveals them all at once', async () => {
    expect((await act(facilitator, { type: 'focus', domain: 2 })).ok).toBe(true);
    expect((await act(facilitator, { type: 'write-privately', domain: 2 })).ok).toBe(true);
    expect((await act(ann, { type: 'add-note', noteId: 'private-ann', domain: 2, list: 'challenge', text: 'Secret worry about waiting lists' })).ok).toBe(true);
    expect((await act(bob, { type: 'add-note', noteId: 'private-bob', domain: 2, list: 'strength', text: 'Quiet pride in the mental health support team' })).ok).toBe(true);
    await eventually(() => expect(bob.states.at(-1)!.notes.privateCount).toBe(2));

    const reader = collabClient(server.wsUrl, docName(), bob.api.cookie);
    await whenSynced(reader);
    expect(rawDocument(reader.doc)).not.toContain('Secret worry');
    expect(rawDocument(bob.board.doc)).not.toContain('Secret worry');
    expect(JSON.stringify(bob.states)).not.toContain('Secret worry');
    expect(JSON.stringify(facilitator.states)).not.toContain('Secret worry');
    expect(ann.states.at(-1)!.notes.myPrivateNotes).toEqual([{ id: 'private-ann', domain: 2, list: 'challenge', text: 'Secret worry about waiting lists' }]);
    expect(await act(bob, { type: 'edit-note', noteId: 'private-ann', text: 'x' })).toEqual({ ok: false, error: 'There is no such note' });

    expect((await act(facilitator, { type: 'reveal-private-notes' })).ok).toBe(true);
    await eventually(() => {
      for (const doc of [reader.doc, bob.board.doc, ann.board.doc]) {
        expect(noteText(doc, 'private-ann')).toBe('Secret worry about waiting lists');
        expect(noteText(doc, 'private-bob')).toBe('Quiet pride in the mental health support team');
      }
    });
    reader.destroy();
  });

  it('keeps anonymous notes anonymous in the closed record and the report', async () => {
    expect((await facilitator.api.post(`/api/meetings/${meetingId}/close`)).status).toBe(200);
    const snapshot = (await bob.api.get(`/api/meetings/${meetingId}/snapshot`)).body;
    expect(snapshot.board.find((n: { id: string }) => n.id === 'anonymous-01')).toMatchObject({ authorName: '' });
    const report = (await bob.api.get(`/api/meetings/${meetingId}/report`)).body;
    const domainOne = report.domains.find((d: { id: number }) => d.id === 1);
    expect(domainOne.challenges).toEqual(['Referral routes are unclear']);
    expect(JSON.stringify(report.domains)).not.toContain('Ann Author');
  });
});
