import { afterAll, describe, expect, it } from 'vitest';
import { collabClient, eventually, whenSynced, type CollabClient } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { demoPassword, startServer, type RunningServer } from '../helpers/server';
import { pause } from '../helpers/pace';

/**
 * SIGTERM under load, as a deploy or `docker stop` sends it: readiness goes 503 while everything
 * is still served, then new connections are refused and open boards are told to reconnect
 * (1012), then the process exits; nothing it acknowledged is lost.
 */
let server: RunningServer;
const clients: CollabClient[] = [];
afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.stop();
});

const since = (start: number) => performance.now() - start;

describe('draining on SIGTERM', () => {
  it('says 503 first, still answers meanwhile, then refuses connections and closes boards with 1012; every acknowledged write survives', async () => {
    server = await startServer({ env: { DRAIN_SECONDS: '2' } });
    const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    const siteId = (await facilitator.get('/api/sites')).body[0].id;
    const docName = `site:${siteId}:drain`;
    const writer = collabClient(server.wsUrl, docName, facilitator.cookie);
    const reader = collabClient(server.wsUrl, docName, facilitator.cookie);
    clients.push(writer, reader);
    // The server relays an edit only once it is stored: what the reader receives is acknowledged.
    const relayed = new Set<string>();
    reader.doc.getMap('entries').observe((event) => event.keysChanged.forEach((key) => relayed.add(key)));
    await Promise.all([whenSynced(writer), whenSynced(reader)]);

    const start = performance.now();
    let running = true;
    const acknowledgedSites: string[] = [];
    let lastSiteAnsweredAt = 0;
    let firstNotReadyAt = Infinity;
    let readyAnswers = 0;
    const load = [
      (async () => {
        for (let i = 0; running; i++) {
          const name = `Drain site ${i}`;
          const reply = await facilitator.post('/api/sites', { name }).catch(() => null);
          if (reply?.status === 201) {
            acknowledgedSites.push(name);
            lastSiteAnsweredAt = since(start);
          }
          if (!reply) await pause(20);
        }
      })(),
      (async () => {
        for (let i = 0; running; i++) {
          writer.doc.getMap<string>('entries').set(`e${String(i).padStart(5, '0')}`, 'x'.repeat(100));
          await pause(10);
        }
      })(),
      (async () => {
        while (running) {
          const status = await fetch(`${server.url}/readyz`).then((r) => r.status, () => 0);
          if (status === 200) readyAnswers += 1;
          if (status === 503 && firstNotReadyAt === Infinity) firstNotReadyAt = since(start);
          await pause(25);
        }
      })(),
    ];
    await eventually(() => expect(relayed.size).toBeGreaterThan(50));
    expect(readyAnswers).toBeGreaterThan(0);

    const stopped = server.kill('SIGTERM');
    const signalledAt = since(start);
    await eventually(() => expect(writer.closes.length).toBeGreaterThan(0), 20_000);
    const boardClosedAt = since(start);
    await stopped;
    const exitedAt = since(start);
    running = false;
    await Promise.all(load);

    // Readiness said 503 before any connection was closed, and the server kept answering
    // meanwhile: sites were still being created after the 503.
    expect(firstNotReadyAt).toBeGreaterThan(signalledAt);
    expect(firstNotReadyAt).toBeLessThan(boardClosedAt);
    expect(lastSiteAnsweredAt).toBeGreaterThan(firstNotReadyAt);
    expect(writer.closes[0]).toEqual({ code: 1012, reason: 'The server is restarting' });
    expect(boardClosedAt - firstNotReadyAt).toBeGreaterThan(1500);
    expect(exitedAt).toBeGreaterThanOrEqual(boardClosedAt);
    // New connections are refused once it has stopped.
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

    const acknowledgedEdits = new Set(relayed);
    writer.destroy();
    reader.destroy();
    await server.start();
    const again = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    const sites = ((await again.get('/api/sites')).body as { name: string }[]).map((s) => s.name);
    expect(acknowledgedSites.filter((name) => !sites.includes(name))).toEqual([]);
    const after = collabClient(server.wsUrl, docName, again.cookie);
    clients.push(after);
    await whenSynced(after);
    const stored = new Set(after.doc.getMap('entries').keys());
    expect([...acknowledgedEdits].filter((key) => !stored.has(key))).toEqual([]);
    expect(server.output()).toContain('draining: readiness is 503');
  }, 90_000);
});
