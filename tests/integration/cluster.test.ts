import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import * as Y from 'yjs';
import { addGoalDraft, goalDraftText, readGoalDrafts } from '@shared/goals/drafts';
import { CloseCode } from '@shared/collab/close-codes';
import { sessionEndedMessages } from '@shared/api/session-end';
import { meetingGoalsDocName } from '@shared/meetings/meeting';
import type { MeetingStateEvent } from '@shared/realtime';
import { startRoundRobinProxy, type RoundRobinProxy } from '../../scripts/round-robin-proxy';
import { PostgresStore } from '../../server/store/postgres-store';
import { collabClient, eventually, whenSynced, type CollabClient } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { request, type ClientSocket } from '../helpers/realtime';
import { startRedisProcess, type RedisProcess } from '../helpers/redis-process';
import { clusterSettings, dropRedisConnections, redisConnectionIds } from '../helpers/redis';
import { demoPassword, freePort, startServer, type RunningServer } from '../helpers/server';
import { bookingIn } from '../helpers/dates';

interface Client {
  name: string;
  id: string;
  api: ApiClient;
  socket: ClientSocket;
  states: MeetingStateEvent[];
  board: CollabClient;
}

let redis: RedisProcess;
let processes: [RunningServer, RunningServer];
let proxy: RoundRobinProxy;
let proxyUrl: string;
let clients: Client[];
let split: { boards: number[]; sockets: number[] };
let siteId: string;
let meetingId: string;
let settings: ReturnType<typeof clusterSettings>;
/**
 * The newest state a client holds, by version, as the browser keeps it: a join's reply can arrive
 * after an event sent later (the join read the state first), and is then older.
 */
const last = (c: Client) => c.states.reduce<MeetingStateEvent | undefined>((newest, state) => (newest && newest.version > state.version ? newest : state), undefined);
/** Goal drafts are written by each person's own Yjs client (notes go through the server), so they test the document layer. */
const writeDraft = (c: Client, id: string, wording: string) =>
  c.board.doc.transact(() => {
    addGoalDraft(c.board.doc, id, c);
    goalDraftText(c.board.doc, id, 'wording')!.insert(0, wording);
  });
const notesSeenBy = (c: Client) => readGoalDrafts(c.board.doc).map((d) => `${d.id}:${d.draft.wording}`).sort();
const timeout = 30_000;

/** A socket.io client through the proxy that reconnects and rejoins the meeting, as the browser does. */
function meetingSocket(cookie: string, states: MeetingStateEvent[]): ClientSocket {
  const socket: ClientSocket = io(proxyUrl, { extraHeaders: { Cookie: cookie }, transports: ['websocket'], reconnectionDelayMax: 500 });
  socket.on('meeting:state', (state) => states.push(state));
  socket.on('connect', () => {
    socket.emit('meeting:join', { meetingId }, (reply) => {
      if (reply.ok) states.push(reply.data);
    });
  });
  return socket;
}

beforeAll(async () => {
  redis = await startRedisProcess();
  const proxyPort = await freePort();
  proxyUrl = `http://127.0.0.1:${proxyPort}`;
  settings = { ...clusterSettings(), REDIS_URL: redis.url };
  const env = { ...settings, PUBLIC_URL: proxyUrl };
  // One data folder for both, as for one deployment: it holds the mail outbox.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-cluster-'));
  const first = await startServer({ env: { ...env, SEED_DEMO: '1' }, dataDir });
  const second = await startServer({ env: { ...env, SEED_DEMO: '0' }, dataDir });
  processes = [first, second];
  proxy = await startRoundRobinProxy(proxyPort, [first.port, second.port]);

  const facilitator = await ApiClient.signIn(proxyUrl, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Cluster Borough' })).body.id;
  const people = [facilitator];
  const invited = await Promise.all(
    Array.from({ length: 19 }, (_, i) => inviteAndAccept({ url: proxyUrl, dataDir }, facilitator, siteId, `c${i}@cluster.example`, { name: `Person ${i + 1}` }).catch(() => null)),
  );
  expect(invited.every(Boolean)).toBe(true);
  people.push(...(invited as ApiClient[]));
  const attendees = await Promise.all(people.slice(1).map(async (api) => (await api.get('/api/me')).body.id as string));
  const created = await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: bookingIn(37), durationMinutes: 120, attendeeIds: attendees });
  expect(created.status).toBe(201);
  meetingId = created.body.id;
  expect((await facilitator.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);

  const identities = await Promise.all(people.map(async (api) => (await api.get('/api/me')).body as { id: string; name: string }));
  // Boards one at a time, then sockets one at a time: the proxy alternates, so each kind of
  // connection is split over the two processes. The proxy's counts show the split.
  const countsNow = () => new Map(proxy.connections);
  const before = countsNow();
  const boards: CollabClient[] = [];
  for (const api of people) {
    const board = collabClient(proxyUrl.replace('http', 'ws'), meetingGoalsDocName(siteId, meetingId), api.cookie);
    await whenSynced(board, timeout);
    boards.push(board);
  }
  const afterBoards = countsNow();
  clients = [];
  for (const [i, api] of people.entries()) {
    const states: MeetingStateEvent[] = [];
    boards[i]!.provider.awareness.setLocalStateField('user', identities[i]);
    clients.push({ ...identities[i]!, api, socket: meetingSocket(api.cookie, states), states, board: boards[i]! });
    await eventually(() => expect(last(clients.at(-1)!)?.meetingId).toBe(meetingId), timeout);
  }
  const afterSockets = countsNow();
  const added = (from: Map<number, number>, to: Map<number, number>) => processes.map((p) => (to.get(p.port) ?? 0) - (from.get(p.port) ?? 0));
  split = { boards: added(before, afterBoards), sockets: added(afterBoards, afterSockets) };
}, 180_000);

afterAll(async () => {
  for (const c of clients ?? []) {
    c.socket.close();
    c.board.destroy();
  }
  await proxy?.close();
  await Promise.all((processes ?? []).map((p) => p.stop()));
  await redis?.stop();
});

describe('two server processes behind one address, sharing meetings through Redis', () => {
  it('splits the 20 boards and the 20 sockets evenly over both processes', () => {
    expect(split).toEqual({ boards: [10, 10], sockets: [10, 10] });
  });

  it('converges notes, presence, phase changes and votes on every client', async () => {
    clients.forEach((c, i) => writeDraft(c, `note-before-${i}`, `Seen before the crash ${i}`));
    await eventually(() => clients.forEach((c) => expect(readGoalDrafts(c.board.doc)).toHaveLength(20)), timeout);
    await eventually(() => {
      for (const c of clients) {
        const people = new Set([...c.board.provider.awareness.getStates().values()].map((s) => (s.user as { id?: string } | undefined)?.id).filter(Boolean));
        expect(people.size).toBe(20);
      }
    }, timeout);

    const facilitator = clients[0]!;
    expect((await request(facilitator.socket, 'meeting:action', { meetingId, action: { type: 'set-phase', phase: 'areas-of-need' } })).ok).toBe(true);
    expect((await request(facilitator.socket, 'meeting:action', { meetingId, action: { type: 'open-voting', budget: 2 } })).ok).toBe(true);
    for (const c of clients.slice(1)) {
      expect((await request(c.socket, 'meeting:action', { meetingId, action: { type: 'cast-votes', domains: [2, 5] } })).ok).toBe(true);
    }
    expect((await request(facilitator.socket, 'meeting:action', { meetingId, action: { type: 'reveal-votes' } })).ok).toBe(true);
    await eventually(() => {
      for (const c of clients) expect(last(c)).toMatchObject({ phase: 'areas-of-need', voting: { status: 'revealed', voters: 19, totals: { 2: 19, 5: 19, 1: 0 } } });
    }, timeout);
  });

  it('after kill -9 of one process, its clients reconnect to the other and no edit anyone had seen is lost', async () => {
    const seen = notesSeenBy(clients[0]!);
    await processes[0].kill('SIGKILL');
    clients.forEach((c, i) => writeDraft(c, `note-after-${i}`, `Written after the crash ${i}`));
    await eventually(() => {
      for (const c of clients) {
        const notes = notesSeenBy(c);
        expect(notes).toHaveLength(40);
        for (const note of seen) expect(notes).toContain(note);
      }
    }, timeout);
    expect((await request(clients[0]!.socket, 'meeting:action', { meetingId, action: { type: 'set-phase', phase: 'goals' } })).ok).toBe(true);
    await eventually(() => clients.forEach((c) => expect(last(c)?.phase).toBe('goals')), timeout);
  });

  it('after Redis itself crashes and restarts, everything converges again and nothing acknowledged is lost', async () => {
    await processes[0].start();
    const seen = notesSeenBy(clients[0]!);
    await redis.crash();
    // Typed while Redis is down: stored in PostgreSQL and relayed within each process at once;
    // the other process's people get it when Redis is back.
    clients.forEach((c, i) => writeDraft(c, `note-redis-${i}`, `Written while Redis was down ${i}`));
    // Both processes have noticed that Redis is gone before it comes back, and still save: ready, and say so.
    await eventually(async () => {
      for (const p of processes) {
        const ready = await fetch(`${p.url}/readyz`);
        expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { ok: true, store: 'postgres', fanOut: 'away' } });
      }
    });
    // Every author's note is acknowledged as stored while Redis is away.
    await eventually(() => clients.forEach((c) => expect(c.board.savedUpTo()).toBe(Y.getState(c.board.doc.store, c.board.doc.clientID))));
    await redis.start();
    await eventually(() => {
      for (const c of clients) {
        const notes = notesSeenBy(c);
        expect(notes).toHaveLength(60);
        for (const note of seen) expect(notes).toContain(note);
      }
    }, 60_000);
    expect((await request(clients[0]!.socket, 'meeting:action', { meetingId, action: { type: 'set-phase', phase: 'close' } })).ok).toBe(true);
    await eventually(() => clients.forEach((c) => expect(last(c)?.phase).toBe('close')), timeout);

    // A newcomer loads the board from storage and finds every note.
    const fresh = collabClient(proxyUrl.replace('http', 'ws'), meetingGoalsDocName(siteId, meetingId), clients[3]!.api.cookie);
    await whenSynced(fresh, timeout);
    await eventually(() => expect(readGoalDrafts(fresh.doc)).toHaveLength(60), timeout);
    fresh.destroy();
  }, 120_000);

  it('removing a member closes their board and socket on whichever process holds them', async () => {
    const leaving = clients.at(-1)!;
    const ended: string[] = [];
    leaving.socket.on('site:membership-ended', ({ siteId: ended_ }) => ended.push(ended_));
    // Their board and their socket sit on different processes (boards and sockets alternate).
    expect((await clients[0]!.api.delete(`/api/sites/${siteId}/members/${leaving.id}`)).status).toBe(204);
    await eventually(() => expect(leaving.board.closes.map((c) => c.code)).toContain(CloseCode.membershipEnded), timeout);
    await eventually(() => expect(ended).toEqual([siteId]), timeout);
    const others = clients.slice(0, -1);
    await eventually(() => {
      for (const c of others) {
        const ids = [...c.board.provider.awareness.getStates().values()].map((s) => (s.user as { id?: string } | undefined)?.id);
        expect(ids).not.toContain(leaving.id);
      }
    }, timeout);
  });

  it('what Redis lost is read from the store once messages may have been lost: an ended membership and session close what they opened, and everyone gets the meeting as stored', async () => {
    const removed = clients.at(-2)!;
    const signedOut = clients.at(-3)!;
    const membershipEnded: string[] = [];
    const sessionEnded: string[] = [];
    removed.socket.on('site:membership-ended', ({ siteId: site }) => membershipEnded.push(site));
    signedOut.socket.on('session:ended', ({ message }) => sessionEnded.push(message));
    // Closes from here on (the earlier faults closed some boards, which reconnected).
    const closedBefore = [removed, signedOut].map((c) => c.board.closes.length);
    const closesSince = (c: Client, i: number) => c.board.closes.slice(closedBefore[i]).map((close) => close.code);
    // Ended straight in the store, with no message to either process: as when Redis lost it.
    const store = await PostgresStore.open(settings.DATABASE_URL, { schema: settings.DATABASE_SCHEMA, poolSize: 1 });
    try {
      await store.removeMembership(siteId, removed.id);
      await store.deleteUserSessions(signedOut.id);
      // Barrier: a phase change reaches both of them, whose connections are still open.
      expect((await request(clients[0]!.socket, 'meeting:action', { meetingId, action: { type: 'set-phase', phase: 'goals' } })).ok).toBe(true);
      await eventually(() => [removed, signedOut].forEach((c) => expect(last(c)?.phase).toBe('goals')), timeout);
      expect([removed, signedOut].map(closesSince)).toEqual([[], []]);
      // And the meeting moves on, also unheard.
      const stored = (await store.getVersioned('facilitation', meetingId))!;
      const moved = { ...JSON.parse(stored.json), version: stored.version + 1, phase: 'close' };
      expect(await store.saveVersioned('facilitation', meetingId, stored.version, stored.version + 1, JSON.stringify(moved))).toBe(true);
    } finally {
      await store.close();
    }
    const staying = clients.slice(0, -3);

    // Both processes' listening connections drop and come back: either may have missed messages.
    // Both are listening first (one may still be coming back from the restart of Redis above).
    await eventually(async () => expect(await redisConnectionIds(settings.REDIS_URL, 'lp-subscriber')).toHaveLength(2), timeout);
    expect(await dropRedisConnections(settings.REDIS_URL, 'lp-subscriber')).toBe(2);
    await eventually(() => expect(closesSince(removed, 0)).toContain(CloseCode.membershipEnded), timeout);
    await eventually(() => expect(membershipEnded).toEqual([siteId]), timeout);
    await eventually(() => expect(closesSince(signedOut, 1)).toContain(CloseCode.notSignedIn), timeout);
    await eventually(() => expect(sessionEnded).toEqual([sessionEndedMessages['session-ended']]), timeout);
    await eventually(() => staying.forEach((c) => expect(last(c)?.phase, c.name).toBe('close')), timeout);
  });
});
