import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import { messageAwareness } from 'y-websocket';
import * as Y from 'yjs';
import { demoInstrument } from '@shared/survey/demo-instrument';
import { allItems } from '@shared/survey/instrument';
import { collabClient, eventually, whenSynced, type CollabClient } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { pause } from '../helpers/pace';
import { connectedSocket, request } from '../helpers/realtime';
import { startRedisProcess, type RedisProcess } from '../helpers/redis-process';
import { clusterSettings } from '../helpers/redis';
import { demoPassword, startServer } from '../helpers/server';
import { bookingIn } from '../helpers/dates';

/** Real faults, no mocks: a full disk under SQLite, Redis killed and restarted, a reader that stops reading, a peer that goes silent. */
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const randomId = () => crypto.randomBytes(12).toString('base64url');

describe('a full disk under SQLite', () => {
  it('never serves an edit the store refused: after freeing space and kill -9, every edit any client received is stored', async () => {
    // Mounting a small tmpfs needs root; CI runs as root, so this always runs there.
    expect(process.getuid?.(), 'run the tests as root (CI does): a full disk is simulated with a small tmpfs').toBe(0);
    const mount = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-full-disk-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=12m', 'tmpfs', mount]);
    cleanups.push(() => {
      execFileSync('umount', ['-l', mount]);
    });
    const server = await startServer({ dataDir: mount });
    cleanups.push(() => server.stop());
    const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    const siteId = (await facilitator.get('/api/sites')).body[0].id;
    const docName = `site:${siteId}:full-disk`;

    // Everything any reader is ever sent, including readers that connect during the trouble.
    const received = new Set<string>();
    const watch = (client: CollabClient) => client.doc.getMap<string>('entries').observe((event) => event.keysChanged.forEach((key) => received.add(key)));
    const writer = collabClient(server.wsUrl, docName, facilitator.cookie);
    const reader = collabClient(server.wsUrl, docName, facilitator.cookie);
    watch(reader);
    await Promise.all([whenSynced(writer), whenSynced(reader)]);

    const filler = path.join(mount, 'filler');
    // Fill the disk to within 64 KB, in chunks: the server writes meanwhile, so the last
    // chunk may itself find the disk full, which is the point.
    const fill = () => {
      const fd = fs.openSync(filler, 'w');
      try {
        for (;;) {
          const free = fs.statfsSync(mount).bavail * fs.statfsSync(mount).bsize;
          if (free <= 64 * 1024) break;
          fs.writeSync(fd, Buffer.alloc(Math.min(1024 * 1024, free - 64 * 1024)));
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      } finally {
        fs.closeSync(fd);
      }
    };
    let written = 0;
    const write = () => writer.doc.getMap<string>('entries').set(`e${String(written++).padStart(5, '0')}`, 'x'.repeat(1500));
    for (let i = 0; i < 20; i++) write();
    await eventually(() => expect(received.size).toBe(20));
    fill();

    let readyRefused = false;
    const latecomers: CollabClient[] = [];
    for (let round = 0; round < 80; round++) {
      write();
      // People keep joining while writes fail: none may be sent what the store refused.
      if (round % 2 === 0) {
        const latecomer = collabClient(server.wsUrl, docName, facilitator.cookie);
        watch(latecomer);
        latecomers.push(latecomer);
      }
      if ((await fetch(`${server.url}/readyz`)).status === 503) readyRefused = true;
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      await pause(25);
    }
    expect(readyRefused, '/readyz says the store cannot write').toBe(true);
    expect(writer.closes.some((c) => c.code === 1011), 'the writer was told its change was not saved').toBe(true);

    // The writer leaves (a closed laptop) before space comes back: what it alone held was never acknowledged.
    // (Whether or not its last attempt lands once space is back, nobody was told it was saved; what
    // is checked below is only that everything someone received is stored.)
    writer.destroy();
    fs.rmSync(filler);
    await eventually(async () => expect((await fetch(`${server.url}/readyz`)).status).toBe(200));
    await server.kill('SIGKILL');
    for (const client of [reader, ...latecomers]) client.destroy();
    await server.start();
    const after = collabClient(server.wsUrl, docName, facilitator.cookie);
    await whenSynced(after);
    const stored = new Set(after.doc.getMap('entries').keys());
    after.destroy();
    const lost = [...received].filter((key) => !stored.has(key));
    expect({ received: received.size, lost }).toEqual({ received: received.size, lost: [] });
  });
});

describe('Redis killed and restarted from its append-only file', () => {
  let redis: RedisProcess;

  it('applies every facilitation action and stores every survey answer exactly once, across two processes', async () => {
    redis = await startRedisProcess({ appendfsync: 'always' });
    cleanups.push(() => redis.stop());
    const env = { ...clusterSettings(), REDIS_URL: redis.url, SURVEY_RATE_LIMIT: '100000' };
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-redis-faults-'));
    const servers = [await startServer({ env: { ...env, SEED_DEMO: '1' }, dataDir }), await startServer({ env: { ...env, SEED_DEMO: '0' }, dataDir })];
    cleanups.push(() => Promise.all(servers.map((s) => s.stop())).then(() => undefined));

    const facilitators = await Promise.all(servers.map((s) => ApiClient.signIn(s.url, 'facilitator@demo.example', demoPassword)));
    const siteId = (await facilitators[0]!.get('/api/sites')).body[0].id;
    const meetingId = (await facilitators[0]!.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: bookingIn(37), durationMinutes: 120 })).body.id;
    expect((await facilitators[0]!.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
    const campaign = await facilitators[0]!.post(`/api/sites/${siteId}/surveys`, { accessMode: 'open', opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString() });
    const token = campaign.body.publicUrl.split('/s/')[1];
    const sockets = await Promise.all(servers.map((s, i) => connectedSocket(s.url, facilitators[i]!.cookie)));
    cleanups.push(() => sockets.forEach((s) => s.close()));
    for (const socket of sockets) {
      const joined = await request(socket, 'meeting:join', { meetingId });
      expect(joined, JSON.stringify(joined)).toMatchObject({ ok: true });
    }

    /** The latest refusals and failures, to say what was going on if the run does not finish. */
    const failures: string[] = [];
    const noteFailure = (what: string) => {
      failures.push(what);
      if (failures.length > 5) failures.shift();
    };
    /** As the browser does: the same id with every retry, until an answer comes. */
    async function untilAcknowledged<T>(attempt: () => Promise<T | null>): Promise<T> {
      for (;;) {
        const outcome = await attempt().catch((error: unknown) => (noteFailure(String(error)), null));
        if (outcome !== null) return outcome;
        await pause(100);
      }
    }
    const answers = Object.fromEntries(allItems(demoInstrument).map((item) => [item.id, 3]));
    let actions = 0;
    let submissions = 0;
    const actor = async (i: number) => {
      for (let n = 0; n < 40; n++) {
        const actionId = randomId();
        await untilAcknowledged(async () => {
          // Timers may be started in any phase (shared/meeting-actions.ts): the meeting can stay in its welcome.
          const reply = await request(sockets[i]!, 'meeting:action', { meetingId, actionId, action: { type: 'start-timer', seconds: 60 + ((n + i) % 7) } });
          if (!reply.ok) noteFailure(`action refused: ${JSON.stringify(reply)}`);
          return reply.ok ? reply : null;
        });
        actions++;
        const submissionId = randomId();
        await untilAcknowledged(async () => {
          // A browser gives up on an answer that does not come and sends again, like the socket request above.
          const reply = await fetch(`${servers[i]!.url}/api/public/surveys/${token}/responses`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ submissionId, answers, context: { setting: 'primary' } }),
            signal: AbortSignal.timeout(10_000),
          });
          if (reply.status !== 201) noteFailure(`submission answered ${reply.status}: ${await reply.text()}`);
          return reply.status === 201 ? reply : null;
        });
        submissions++;
      }
    };
    const running = Promise.all([0, 1, 0, 1, 0, 1].map((i) => actor(i)));
    // Crash Redis again and again while both processes are busy, and bring it back from its AOF.
    for (const gap of [150, 250, 200, 300, 180, 220]) {
      await pause(gap);
      await redis.crash();
      await pause(150);
      await redis.start();
    }
    await Promise.race([
      running,
      pause(90_000).then(() => {
        throw new Error(`not done after 90 s: ${actions} actions and ${submissions} submissions acknowledged; latest failures: ${failures.join(' | ')}`);
      }),
    ]);

    const state = (await request(sockets[0]!, 'meeting:join', { meetingId })).data;
    // Closed now, so the count is told exactly (while open it moves in fives).
    const closed = await facilitators[1]!.patch(`/api/surveys/${campaign.body.id}`, { opensAt: campaign.body.opensAt, closesAt: new Date().toISOString() });
    expect(closed.body.completedExact).toBe(true);
    expect({ version: state.version, submissions: closed.body.completed }).toEqual({ version: actions, submissions });
    expect(actions).toBe(240);
    expect(submissions).toBe(240);
    // While Redis is away the store still saves: /readyz says so, and that Redis is away, at once.
    await redis.crash();
    await eventually(async () => {
      const started = Date.now();
      const ready = await fetch(`${servers[0]!.url}/readyz`);
      expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { ok: true, store: 'postgres', fanOut: 'away' } });
      expect(Date.now() - started).toBeLessThan(1500);
    });
    await redis.start();
    await eventually(async () => expect(await (await fetch(`${servers[0]!.url}/readyz`)).json()).toMatchObject({ fanOut: 'connected' }));
  }, 120_000);
});

describe('a reader that stops reading', () => {
  it('is cut off once too much is waiting for it, and catches up when it reconnects', async () => {
    const server = await startServer({ env: { COLLAB_MAX_BUFFERED_BYTES: String(512 * 1024) } });
    cleanups.push(() => server.stop());
    const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    const siteId = (await facilitator.get('/api/sites')).body[0].id;
    const docName = `site:${siteId}:stalled`;
    const writer = collabClient(server.wsUrl, docName, facilitator.cookie);
    await whenSynced(writer);

    // A raw websocket that joins and then never reads again (its socket paused).
    const stalled = new WebSocket(`${server.wsUrl}/collab/${docName}`, { headers: { Cookie: facilitator.cookie } });
    await new Promise((resolve) => stalled.once('open', resolve));
    const closed = new Promise<number>((resolve) => stalled.once('close', (code) => resolve(code)));
    (stalled as unknown as { _socket: { pause(): void } })._socket.pause();
    const text = writer.doc.getText('t');
    // Far more than the kernel's socket buffers hold (about 4 MB here), so the rest waits in the server.
    for (let i = 0; i < 160; i++) {
      text.insert(text.length, 'y'.repeat(64 * 1024));
      await pause(5);
    }
    (stalled as unknown as { _socket: { resume(): void } })._socket.resume();
    // It reads what the kernel still held, then finds the connection closed (the close frame
    // sat behind the data it would not read, so it may see the socket dropped instead).
    expect([1013, 1006]).toContain(await closed);
    expect(server.output()).not.toMatch(/FATAL|heap out of memory/);

    // Reconnected, a reader gets everything.
    const reader = collabClient(server.wsUrl, docName, facilitator.cookie);
    await whenSynced(reader);
    // Ten megabytes, each part stored before it is relayed: allow for a machine busy with other tests.
    await eventually(() => expect(reader.doc.getText('t').length).toBe(text.length), 30_000);
    for (const client of [writer, reader]) client.destroy();
    expect(Y.encodeStateVector(reader.doc).length).toBeGreaterThan(0);
  });
});

describe('a peer that goes silent (a laptop shut without saying goodbye)', () => {
  it('is dropped once it misses a ping, and its presence leaves the board; a peer that answers stays', async () => {
    const server = await startServer({ env: { COLLAB_HEARTBEAT_MS: '300' } });
    cleanups.push(() => server.stop());
    const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    const siteId = (await facilitator.get('/api/sites')).body[0].id;
    const docName = `site:${siteId}:silent`;
    const live = collabClient(server.wsUrl, docName, facilitator.cookie);
    await whenSynced(live);

    // A raw socket that shows itself on the board and then answers no ping (its TCP connection stays open).
    const silent = new WebSocket(`${server.wsUrl}/collab/${docName}`, { headers: { Cookie: facilitator.cookie }, autoPong: false });
    await new Promise((resolve) => silent.once('open', resolve));
    const closed = new Promise<number>((resolve) => silent.once('close', (code) => resolve(code)));
    const presence = new awarenessProtocol.Awareness(new Y.Doc());
    presence.setLocalState({ domain: null });
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, messageAwareness);
    encoding.writeVarUint8Array(message, awarenessProtocol.encodeAwarenessUpdate(presence, [presence.clientID]));
    silent.send(encoding.toUint8Array(message));
    await eventually(() => expect(live.provider.awareness.getStates().has(presence.clientID)).toBe(true));

    // Dropped without a close frame (1006), and taken off the board for everyone else.
    expect(await closed).toBe(1006);
    await eventually(() => expect(live.provider.awareness.getStates().has(presence.clientID)).toBe(false));
    // The peer that answered its pings all along is still connected, never closed, three pings later.
    let pings = 0;
    (live.provider.ws as unknown as WebSocket).on('ping', () => pings++);
    await eventually(() => expect(pings).toBeGreaterThanOrEqual(3));
    expect(live.provider.wsconnected).toBe(true);
    expect(live.closes).toEqual([]);
    live.destroy();
  });
});
