import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionEndedMessages, type SessionEndReason } from '@shared/api/session-end';
import { CloseCode } from '@shared/collab/close-codes';
import { collabClient, eventually, whenSynced, type CollabClient } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept, outbox, testPassword } from '../helpers/outbox';
import { connectedSocket, request, socketFor, type ClientSocket } from '../helpers/realtime';
import { startRedisProcess, type RedisProcess } from '../helpers/redis-process';
import { clusterSettings } from '../helpers/redis';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

/**
 * Ending a session closes what was opened with it, on every process: a tab left open after
 * signing out elsewhere must not go on writing under that person's name.
 */

let redis: RedisProcess;
let processes: RunningServer[];
let dataDir: string;
let facilitator: ApiClient;
let siteId: string;

/** One browser's live connections: a socket.io socket and a board on each process. */
interface Tab {
  sockets: ClientSocket[];
  boards: CollabClient[];
  /** What each socket was told before it closed, and when it closed. */
  socketEnds: { message: string | null; closedAt: number | null }[];
  boardClosedAt: (number | null)[];
}

async function openTab(api: ApiClient): Promise<Tab> {
  const sockets = await Promise.all(processes.map((p) => connectedSocket(p.url, api.cookie)));
  for (const socket of sockets) expect((await request(socket, 'site:join', { siteId })).ok).toBe(true);
  const boards = processes.map((p) => collabClient(p.wsUrl, `site:${siteId}:board`, api.cookie));
  await Promise.all(boards.map((b) => whenSynced(b)));
  const tab: Tab = { sockets, boards, socketEnds: sockets.map(() => ({ message: null, closedAt: null })), boardClosedAt: boards.map(() => null) };
  sockets.forEach((socket, i) => {
    socket.on('session:ended', ({ message }) => (tab.socketEnds[i]!.message = message));
    socket.on('disconnect', () => (tab.socketEnds[i]!.closedAt = Date.now()));
  });
  boards.forEach((board, i) => board.provider.on('connection-close', () => (tab.boardClosedAt[i] ??= Date.now())));
  return tab;
}

function closeTab(tab: Tab) {
  for (const socket of tab.sockets) socket.close();
  for (const board of tab.boards) board.destroy();
}

/** Every connection of the tab closed within a second of `endedAt`, saying why, and none can come back. */
async function expectEnded(tab: Tab, oldCookie: string, endedAt: number, reason: SessionEndReason) {
  await eventually(() => {
    for (const end of tab.socketEnds) expect(end.closedAt).not.toBeNull();
    for (const board of tab.boards) expect(board.closes.length).toBeGreaterThan(0);
  }, 5_000);
  for (const end of tab.socketEnds) {
    expect(end.message).toBe(sessionEndedMessages[reason]);
    expect(end.closedAt! - endedAt).toBeLessThan(1000);
  }
  for (const [i, board] of tab.boards.entries()) {
    expect(board.closes[0]).toEqual({ code: CloseCode.notSignedIn, reason: sessionEndedMessages[reason] });
    expect(tab.boardClosedAt[i]! - endedAt).toBeLessThan(1000);
    // The board does not reconnect, so nothing typed in it afterwards goes anywhere.
    expect(board.provider.wsconnected).toBe(false);
  }
  // Their next write is refused: the old cookie opens neither a socket nor a board again, on either process.
  for (const p of processes) {
    const socket = socketFor(p.url, oldCookie);
    await expect(new Promise((resolve, reject) => (socket.once('connect', () => resolve('connected')), socket.once('connect_error', reject)))).rejects.toThrow(/not signed in/);
    socket.close();
    const board = collabClient(p.wsUrl, `site:${siteId}:board`, oldCookie);
    await eventually(() => expect(board.closes[0]?.code).toBe(CloseCode.notSignedIn));
    board.destroy();
  }
}

/** The tab's connections are all still open and answering (checked after the others closed on the same processes). */
async function expectStillOpen(tab: Tab) {
  for (const socket of tab.sockets) expect((await request(socket, 'site:join', { siteId })).ok).toBe(true);
  for (const board of tab.boards) {
    expect(board.closes).toEqual([]);
    expect(board.provider.wsconnected).toBe(true);
  }
}

let people = 0;
async function newPerson(): Promise<{ email: string; first: ApiClient }> {
  const email = `ending${++people}@sessions.example`;
  const first = await inviteAndAccept({ url: processes[0]!.url, dataDir }, facilitator, siteId, email, { name: `Person ${people}` });
  return { email, first };
}

beforeAll(async () => {
  redis = await startRedisProcess();
  const env = { ...clusterSettings(), REDIS_URL: redis.url };
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-sessions-'));
  processes = [await startApp({ env: { ...env, SEED_DEMO: '1' }, dataDir }), await startApp({ env: { ...env, SEED_DEMO: '0' }, dataDir })];
  facilitator = await ApiClient.signIn(processes[0]!.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Session Borough' })).body.id;
}, 120_000);

afterAll(async () => {
  await Promise.all((processes ?? []).map((p) => p.stop()));
  await redis?.stop();
});

describe('ending sessions closes their connections on every process', () => {
  it('signing out closes that session’s socket.io and board connections, and no other session’s', async () => {
    const { email, first } = await newPerson();
    const second = await ApiClient.signIn(processes[1]!.url, email, testPassword);
    const [signedOut, kept] = [await openTab(first), await openTab(second)];
    const oldCookie = first.cookie;
    const endedAt = Date.now();
    expect((await first.post('/api/auth/logout')).status).toBe(204);
    await expectEnded(signedOut, oldCookie, endedAt, 'signed-out');
    await expectStillOpen(kept);
    closeTab(signedOut);
    closeTab(kept);
  });

  it('signing out everywhere closes every session’s connections', async () => {
    const { email, first } = await newPerson();
    const second = await ApiClient.signIn(processes[1]!.url, email, testPassword);
    const tabs = [await openTab(first), await openTab(second)];
    const cookies = [first.cookie, second.cookie];
    const endedAt = Date.now();
    expect((await first.post('/api/me/sign-out-everywhere')).status).toBe(204);
    await expectEnded(tabs[0]!, cookies[0]!, endedAt, 'signed-out-everywhere');
    await expectEnded(tabs[1]!, cookies[1]!, endedAt, 'signed-out-everywhere');
    tabs.forEach(closeTab);
  });

  it('changing the password closes the other sessions’ connections and keeps this one’s', async () => {
    const { email, first } = await newPerson();
    const second = await ApiClient.signIn(processes[1]!.url, email, testPassword);
    const [kept, ended] = [await openTab(first), await openTab(second)];
    const oldCookie = second.cookie;
    const endedAt = Date.now();
    expect((await first.post('/api/me/password', { currentPassword: testPassword, newPassword: 'another long enough password' })).status).toBe(204);
    await expectEnded(ended, oldCookie, endedAt, 'password-changed');
    await expectStillOpen(kept);
    closeTab(kept);
    closeTab(ended);
  });

  it('setting a password from an emailed link closes every earlier session’s connections', async () => {
    const { email, first } = await newPerson();
    const tab = await openTab(first);
    const oldCookie = first.cookie;
    expect((await new ApiClient(processes[1]!.url).post('/api/auth/forgotten-password', { email })).status).toBe(202);
    let token: string | undefined;
    await eventually(() => {
      const mail = outbox(dataDir).filter((m) => m.includes(`To: ${email}`) && m.includes('set-password')).at(-1) ?? '';
      token = /\/set-password#([A-Za-z0-9_-]{32,64})/.exec(mail.replace(/=\r?\n/g, ''))?.[1];
      expect(token).toBeDefined();
    });
    const endedAt = Date.now();
    expect((await new ApiClient(processes[1]!.url).post('/api/auth/set-password', { token, password: 'a third long enough password' })).status).toBe(200);
    await expectEnded(tab, oldCookie, endedAt, 'password-set-from-link');
    closeTab(tab);
  });
});
