import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import { messageAwareness } from 'y-websocket';
import * as Y from 'yjs';
import { collabClient, eventually, whenSynced, type CollabClient } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { pause } from '../helpers/pace';
import { demoPassword, startServer } from '../helpers/server';

/**
 * Real faults of one process, no mocks: a full disk under SQLite, a reader that stops reading, a
 * peer that goes silent. Faults of several processes (one killed, PostgreSQL or Redis crashed) are
 * in cluster-faults.test.ts.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

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
