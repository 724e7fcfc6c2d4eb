import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readBoard } from '@shared/cascade/board';
import { CloseCode } from '@shared/collab/close-codes';
import { distributionOf } from '@shared/meetings/facilitation';
import { meetingBoardDocName } from '@shared/meetings/meeting';
import type { MeetingStateEvent } from '@shared/realtime';
import { collabClient, eventually, forgeNote, whenSynced, type CollabClient } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { connectedSocket, request, type ClientSocket } from '../helpers/realtime';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';
import { bookingIn } from '../helpers/dates';

interface Person {
  api: ApiClient;
  id: string;
  name: string;
  socket: ClientSocket;
  states: MeetingStateEvent[];
  board: CollabClient;
}

let server: RunningServer;
let facilitator: Person;
let participants: Person[];
let outsider: ApiClient;
let siteId: string;
let meetingId: string;
const everyone = () => [facilitator, ...participants];
const last = (p: Person) => p.states.at(-1)!;

/** A pre-meeting rating per person and domain, varied so distributions are not all alike. */
const ratingFor = (personIndex: number, domain: number) => (personIndex + domain) % 6 === 0 ? null : ((personIndex + domain) % 5) + 1;

async function person(api: ApiClient): Promise<Omit<Person, 'socket' | 'states' | 'board'>> {
  const me = (await api.get('/api/me')).body;
  return { api, id: me.id, name: me.name };
}

beforeAll(async () => {
  server = await startApp();
  const facilitatorApi = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitatorApi.post('/api/sites', { name: 'Meeting Borough' })).body.id;
  const people = await Promise.all(
    Array.from({ length: 12 }, (_, i) => inviteAndAccept(server, facilitatorApi, siteId, `p${i + 1}@meeting.example`, { name: `Participant ${i + 1}` })),
  );
  outsider = await ApiClient.signIn(server.url, 'stakeholder1@demo.example', demoPassword);
  facilitator = { ...(await person(facilitatorApi)), socket: null!, states: [], board: null! };
  participants = [];
  for (const api of people) participants.push({ ...(await person(api)), socket: null!, states: [], board: null! });
}, 120_000);

afterAll(async () => {
  for (const p of everyone()) {
    p.socket?.close();
    p.board?.destroy();
  }
  await server?.stop();
});

describe('a consultation meeting, start to close, with 1 facilitator and 12 participants', () => {
  it('is scheduled by the facilitator with the participants invited', async () => {
    const created = await facilitator.api.post(`/api/sites/${siteId}/meetings`, {
      kind: 'consultation',
      startsAt: bookingIn(37),
      durationMinutes: 180,
      attendeeIds: participants.map((p) => p.id),
    });
    expect(created.status).toBe(201);
    meetingId = created.body.id;
    expect(created.body).toMatchObject({ status: 'scheduled', kind: 'consultation' });
    expect((await participants[0]!.api.get(`/api/sites/${siteId}/meetings`)).body.map((m: { id: string }) => m.id)).toEqual([meetingId]);
  });

  it('collects private pre-meeting ratings; the facilitator sees only who has completed', async () => {
    await Promise.all(
      participants.map(async (p, i) => {
        for (let domain = 1; domain <= 7; domain++) {
          const saved = await p.api.request('PUT', `/api/meetings/${meetingId}/pre-ratings/${domain}`, { rating: ratingFor(i, domain), comment: `note ${i}` });
          expect(saved.status).toBe(204);
        }
      }),
    );
    const out = await participants[0]!.api.request('PUT', `/api/meetings/${meetingId}/pre-ratings/2`, { rating: 9 });
    expect(out.status).toBe(400);
    expect((await participants[0]!.api.request('PUT', `/api/meetings/${meetingId}/pre-ratings/12`, { rating: 3 })).status).toBe(400);
    expect((await participants[0]!.api.get(`/api/meetings/${meetingId}/pre-ratings/mine`)).body.find((r: { domain: number }) => r.domain === 2).rating).toBe(ratingFor(0, 2));

    const progress = await facilitator.api.get(`/api/meetings/${meetingId}/pre-ratings/progress`);
    expect(progress.body).toHaveLength(12);
    expect(progress.body.every((p: { complete: boolean }) => p.complete)).toBe(true);
    expect(JSON.stringify(progress.body)).not.toMatch(/rating|comment/);
    expect((await participants[1]!.api.get(`/api/meetings/${meetingId}/pre-ratings/progress`)).status).toBe(403);
  });

  it('starts live; everyone joins over socket.io and opens the board', async () => {
    expect((await participants[0]!.api.post(`/api/meetings/${meetingId}/start`)).status).toBe(403);
    expect((await facilitator.api.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
    // Ratings before the meeting stop when it starts.
    expect((await participants[0]!.api.request('PUT', `/api/meetings/${meetingId}/pre-ratings/1`, { rating: 2 })).status).toBe(409);
    for (const p of everyone()) {
      p.socket = await connectedSocket(server.url, p.api.cookie);
      p.socket.on('meeting:state', (state) => p.states.push(state));
      const joined = await request(p.socket, 'meeting:join', { meetingId });
      expect(joined.ok).toBe(true);
      p.states.push(joined.data);
      p.board = collabClient(server.wsUrl, meetingBoardDocName(siteId, meetingId), p.api.cookie);
    }
    await Promise.all(everyone().map((p) => whenSynced(p.board)));
    const register = await facilitator.api.get(`/api/meetings/${meetingId}/attendance`);
    expect(register.body).toHaveLength(13);
    expect(register.body[1]).toMatchObject({ organisation: 'Test Organisation', sector: 'voluntary-sector' });
  });

  it('puts every note on everyone’s board with its author; only its author or a facilitator may change it', async () => {
    const act = (p: Person, action: object) => request(p.socket, 'meeting:action', { meetingId, action });
    // Notes belong to the domain review.
    expect((await act(facilitator, { type: 'set-phase', phase: 'domain-review' })).ok).toBe(true);
    const added = await Promise.all(
      participants.map((p, i) => act(p, { type: 'add-note', noteId: `note-${i}-strength`, domain: (i % 7) + 1, list: i % 2 ? 'strength' : 'challenge', text: `Point from ${p.name}` })),
    );
    expect(added.every((reply) => reply.ok)).toBe(true);
    expect(await act(participants[3]!, { type: 'edit-note', noteId: 'note-0-strength', text: 'Rewritten by someone else' })).toEqual({ ok: false, error: 'You can only change your own notes' });
    expect(await act(participants[3]!, { type: 'delete-note', noteId: 'note-0-strength' })).toEqual({ ok: false, error: 'You can only delete your own notes' });
    expect((await act(participants[0]!, { type: 'edit-note', noteId: 'note-0-strength', text: 'Point from Participant 1, made clearer' })).ok).toBe(true);
    expect((await act(facilitator, { type: 'edit-note', noteId: 'note-1-strength', text: 'Point from Participant 2 (typo fixed)' })).ok).toBe(true);
    await eventually(() => {
      for (const p of everyone()) expect(readBoard(p.board.doc)).toHaveLength(12);
      for (const p of everyone()) expect(readBoard(p.board.doc).find((n) => n.id === 'note-0-strength')?.text).toBe('Point from Participant 1, made clearer');
      for (const p of everyone()) expect(readBoard(p.board.doc).find((n) => n.id === 'note-1-strength')?.text).toBe('Point from Participant 2 (typo fixed)');
    });
    expect(readBoard(facilitator.board.doc).find((n) => n.id === 'note-5-strength')?.authorName).toBe('Participant 6');
    // Each person is told which notes are theirs, and nobody else's.
    expect(last(participants[5]!).notes.mine).toEqual(['note-5-strength']);
  });

  it('moves everyone to the focused domain', async () => {
    const reply = await request(facilitator.socket, 'meeting:action', { meetingId, action: { type: 'set-phase', phase: 'domain-review' } });
    expect(reply.ok).toBe(true);
    await request(facilitator.socket, 'meeting:action', { meetingId, action: { type: 'focus', domain: 3 } });
    await eventually(() => everyone().forEach((p) => expect(last(p)).toMatchObject({ phase: 'domain-review', focus: 3 })));
  });

  it('reveals the pre-meeting ratings of the focused domain as a distribution only', async () => {
    await request(facilitator.socket, 'meeting:action', { meetingId, action: { type: 'reveal-ratings', domain: 3 } });
    const expected = distributionOf(
      participants.map((_, i) => ({ domain: 3 as const, rating: ratingFor(i, 3) as 1 | null })),
      3,
    );
    await eventually(() => everyone().forEach((p) => expect(last(p).revealed).toEqual([{ domain: 3, distribution: expected }])));
    const payload = JSON.stringify(last(participants[0]!));
    for (const p of participants) expect(payload).not.toContain(p.id);
    expect(payload).not.toContain('note 0');
  });

  it('records the agreed rating with a rationale', async () => {
    await request(facilitator.socket, 'meeting:action', { meetingId, action: { type: 'record-agreed-rating', domain: 3, rating: 2, rationale: 'Steering group exists but education is not on it' } });
    await eventually(() => everyone().forEach((p) => expect(last(p).agreed).toMatchObject([{ domain: 3, rating: 2 }])));
  });

  it('keeps votes hidden until the facilitator reveals them', async () => {
    await request(facilitator.socket, 'meeting:action', { meetingId, action: { type: 'set-phase', phase: 'areas-of-need' } });
    await request(facilitator.socket, 'meeting:action', { meetingId, action: { type: 'open-voting', budget: 3 } });
    const ballots = participants.map((_, i) => [((i % 3) + 1) as number, 6, i % 2 ? 6 : 2]);
    for (const [i, p] of participants.entries()) {
      const reply = await request(p.socket, 'meeting:action', { meetingId, action: { type: 'cast-votes', domains: ballots[i] } });
      expect(reply.ok).toBe(true);
    }
    await eventually(() => everyone().forEach((p) => expect(last(p).voting.voters).toBe(12)));
    for (const p of everyone()) {
      expect(last(p).voting.totals).toBeNull();
      const seen = JSON.stringify(p.states);
      for (const other of participants) if (other !== p) expect(seen).not.toContain(other.id);
    }
    expect(last(participants[4]!).voting.myVotes).toEqual([...ballots[4]!].sort());

    await request(facilitator.socket, 'meeting:action', { meetingId, action: { type: 'reveal-votes' } });
    await eventually(() => everyone().forEach((p) => expect(last(p).voting.status).toBe('revealed')));
    const totals = last(participants[0]!).voting.totals!;
    expect(totals[6]).toBe(12 + 6);
    expect(Object.values(totals).reduce((a, b) => a + b, 0)).toBe(36);
    await request(facilitator.socket, 'meeting:action', { meetingId, action: { type: 'settle-areas-of-need', domains: [6, 2, 1] } });
    await eventually(() => everyone().forEach((p) => expect(last(p).areasOfNeed).toEqual([6, 2, 1])));
  });

  it('rejects every facilitator action from a participant, changing nothing', async () => {
    const before = last(facilitator);
    const attempts = [
      { type: 'set-phase', phase: 'close' },
      { type: 'focus', domain: 1 },
      { type: 'reveal-ratings', domain: 1 },
      { type: 'record-agreed-rating', domain: 1, rating: 5, rationale: 'sneaky' },
      { type: 'start-timer', seconds: 60 },
      { type: 'stop-timer' },
      { type: 'open-voting', budget: 7 },
      { type: 'reveal-votes' },
      { type: 'settle-areas-of-need', domains: [1] },
    ];
    for (const action of attempts) {
      expect(await request(participants[2]!.socket, 'meeting:action', { meetingId, action })).toEqual({ ok: false, error: 'Only a facilitator can do that' });
    }
    expect((await participants[2]!.api.post(`/api/meetings/${meetingId}/close`)).status).toBe(403);
    const after = await request(facilitator.socket, 'meeting:join', { meetingId });
    expect(after.data.version).toBe(before.version);
  });

  it('refuses malformed or out-of-range input with a clear error', async () => {
    const bad = [
      { meetingId, action: { type: 'record-agreed-rating', domain: 3, rating: 9, rationale: 'x' } },
      { meetingId, action: { type: 'focus', domain: 12 } },
      { meetingId, action: { type: 'cast-votes', domains: [12] } },
      { meetingId, action: { type: 'nonsense' } },
      { meetingId },
      'not even an object',
    ];
    for (const payload of bad) {
      const reply = await request(facilitator.socket, 'meeting:action', payload);
      expect(reply.ok, JSON.stringify(payload)).toBe(false);
      expect(reply.error.length).toBeGreaterThan(5);
    }
    // Over budget: voting was revealed, so re-open it first, then try four votes of three.
    await request(facilitator.socket, 'meeting:action', { meetingId, action: { type: 'open-voting', budget: 3 } });
    const over = await request(participants[0]!.socket, 'meeting:action', { meetingId, action: { type: 'cast-votes', domains: [1, 2, 3, 4] } });
    expect(over).toEqual({ ok: false, error: 'You have 3 votes; you tried to use 4' });
    await request(facilitator.socket, 'meeting:action', { meetingId, action: { type: 'reveal-votes' } });
    await request(facilitator.socket, 'meeting:action', { meetingId, action: { type: 'settle-areas-of-need', domains: [6, 2, 1] } });

    // An oversized note is refused and reaches nobody, whether asked for or written into the document directly.
    const tooLong = await request(participants[5]!.socket, 'meeting:action', { meetingId, action: { type: 'add-note', noteId: 'too-long-note', domain: 1, list: 'note', text: 'x'.repeat(600) } });
    expect(tooLong).toEqual({ ok: false, error: 'A note can be at most 500 characters' });
    const writer = collabClient(server.wsUrl, meetingBoardDocName(siteId, meetingId), participants[5]!.api.cookie);
    await whenSynced(writer);
    forgeNote(writer.doc, 'too-long-note', { domain: 1, list: 'note', authorName: 'x' }, 'x'.repeat(600));
    await eventually(() => expect(writer.closes.map((c) => c.code)).toContain(CloseCode.serverWritten));
    writer.destroy();
    // Barrier: a note the server writes after refusing the forged one reaches every board after
    // anything it had relayed before, so once all boards show it the forged note would be there too.
    await request(facilitator.socket, 'meeting:action', { meetingId, action: { type: 'set-phase', phase: 'domain-review' } });
    expect(await request(facilitator.socket, 'meeting:action', { meetingId, action: { type: 'add-note', noteId: 'after-the-forgery', domain: 1, list: 'note', text: 'Written after the forged note' } })).toMatchObject({ ok: true });
    await eventually(() => everyone().forEach((p) => expect(readBoard(p.board.doc).map((n) => n.id)).toContain('after-the-forgery')));
    for (const p of everyone()) expect(readBoard(p.board.doc).map((n) => n.id)).not.toContain('too-long-note');
  });

  it('a stakeholder of another site cannot open, read or write this meeting over HTTP, socket.io or Yjs', async () => {
    expect((await outsider.get(`/api/meetings/${meetingId}`)).status).toBe(403);
    expect((await outsider.get(`/api/meetings/${meetingId}/snapshot`)).status).toBe(403);
    expect((await outsider.get(`/api/sites/${siteId}/meetings`)).status).toBe(403);
    expect((await outsider.request('PUT', `/api/meetings/${meetingId}/pre-ratings/1`, { rating: 3 })).status).toBe(403);
    const socket = await connectedSocket(server.url, outsider.cookie);
    expect((await request(socket, 'meeting:join', { meetingId }))).toMatchObject({ ok: false, error: 'You do not have access to this meeting' });
    expect((await request(socket, 'meeting:action', { meetingId, action: { type: 'cast-votes', domains: [1] } }))).toMatchObject({ ok: false, error: 'You do not have access to this meeting' });
    socket.close();
    const ws = new WebSocket(`${server.wsUrl}/collab/${meetingBoardDocName(siteId, meetingId)}`, { headers: { Cookie: outsider.cookie } });
    const received: unknown[] = [];
    ws.on('message', (m) => received.push(m));
    const code = await new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    expect(code).toBe(CloseCode.notMember);
    expect(received).toEqual([]);
  });

  it('closes into a snapshot that equals what the clients last saw; the board is then read-only', async () => {
    await request(facilitator.socket, 'meeting:action', { meetingId, action: { type: 'set-phase', phase: 'close' } });
    await eventually(() => everyone().forEach((p) => expect(last(p).phase).toBe('close')));
    const statuses: string[] = [];
    participants[0]!.socket.on('meeting:status', (e) => statuses.push(e.status));
    const closed = await facilitator.api.post(`/api/meetings/${meetingId}/close`);
    expect(closed.status).toBe(200);
    const snapshot = (await participants[7]!.api.get(`/api/meetings/${meetingId}/snapshot`)).body;
    for (const p of everyone()) expect(snapshot.board).toEqual(readBoard(p.board.doc));
    const seen = last(participants[0]!);
    expect(snapshot.facilitation.agreed).toEqual(seen.agreed);
    expect(snapshot.facilitation.areasOfNeed).toEqual(seen.areasOfNeed);
    expect(snapshot.facilitation.revealed).toEqual(seen.revealed);
    expect(snapshot.facilitation.voting.totals).toEqual(seen.voting.totals);
    expect(snapshot.attendance).toHaveLength(13);
    await eventually(() => expect(statuses).toEqual(['closed']));

    forgeNote(participants[0]!.board.doc, 'after-close', { domain: 1, list: 'note', authorName: 'late' }, 'Too late');
    await eventually(() => expect(participants[0]!.board.closes.map((c) => c.code)).toContain(CloseCode.readOnly));
    expect(readBoard(participants[1]!.board.doc).map((n) => n.id)).not.toContain('after-close');
    expect((await request(facilitator.socket, 'meeting:action', { meetingId, action: { type: 'focus', domain: 1 } })).error).toBe('This meeting has closed');
    expect((await facilitator.api.post(`/api/meetings/${meetingId}/close`)).status).toBe(409);
    expect((await participants[7]!.api.get(`/api/meetings/${meetingId}/snapshot`)).body).toEqual(snapshot);
  });

  it('a 3-month review starts from the consultation’s board and shows its ratings beside the new ones', async () => {
    const review = await facilitator.api.post(`/api/sites/${siteId}/meetings`, {
      kind: 'review-3m',
      startsAt: bookingIn(127),
      durationMinutes: 90,
      attendeeIds: participants.map((p) => p.id),
      baseMeetingId: meetingId,
    });
    expect(review.status).toBe(201);
    const detail = await participants[0]!.api.get(`/api/meetings/${review.body.id}`);
    expect(detail.body.earlier).toMatchObject([{ kind: 'consultation', agreed: [{ domain: 3, rating: 2 }] }]);
    const board = collabClient(server.wsUrl, meetingBoardDocName(siteId, review.body.id), participants[0]!.api.cookie);
    await whenSynced(board);
    const consultation = (await facilitator.api.get(`/api/meetings/${meetingId}/snapshot`)).body.board;
    expect(readBoard(board.doc)).toEqual(consultation);
    board.destroy();
  });
});
