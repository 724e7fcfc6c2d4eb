import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/app';
import { configFromEnv } from '../../server/config';
import { createLogger } from '../../server/log';
import { seedDemo } from '../../server/seed/demo';
import { openStore } from '../../server/store';
import { collabClient, eventually, whenSynced } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { demoPassword } from '../helpers/server';

// In-process, so the test can look at what the server holds in memory.
let app: App;
let url: string;
let cookie: string;
let siteId: string;

beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-mem-'));
  const config = { ...configFromEnv({}), port: 0, host: '127.0.0.1', dataDir, clientDir: undefined };
  app = createApp(config, await openStore(config), { log: createLogger('silent') });
  url = await app.listen();
  siteId = (await seedDemo(app.store, { dataDir, password: demoPassword })).siteId;
  cookie = (await ApiClient.signIn(url, 'facilitator@demo.example', demoPassword)).cookie;
});
afterAll(async () => app?.close());

describe('documents in memory', () => {
  it('are unloaded when their last client leaves, and reload with everything after', async () => {
    const wsUrl = url.replace('http', 'ws');
    const clients = [1, 2, 3].map((n) => collabClient(wsUrl, `site:${siteId}:board-${n}`, cookie));
    await Promise.all(clients.map((c) => whenSynced(c)));
    clients.forEach((c, i) => c.doc.getText('t').insert(0, `board ${i + 1}`));
    expect(app.loadedDocuments()).toBe(3);
    const second = collabClient(wsUrl, `site:${siteId}:board-1`, cookie);
    await whenSynced(second);
    await eventually(() => expect(second.doc.getText('t').toString()).toBe('board 1'));

    clients.forEach((c) => c.destroy());
    // board-1 still has a client.
    await eventually(() => expect(app.loadedDocuments()).toBe(1));
    second.destroy();
    await eventually(() => expect(app.loadedDocuments()).toBe(0));

    const again = collabClient(wsUrl, `site:${siteId}:board-2`, cookie);
    await whenSynced(again);
    expect(again.doc.getText('t').toString()).toBe('board 2');
    again.destroy();
    await eventually(() => expect(app.loadedDocuments()).toBe(0));
  });

  it('loads a document once when many people connect at the same moment', async () => {
    const wsUrl = url.replace('http', 'ws');
    const clients = Array.from({ length: 20 }, () => collabClient(wsUrl, `site:${siteId}:rush`, cookie));
    await Promise.all(clients.map((c) => whenSynced(c)));
    clients[0]!.doc.getText('t').insert(0, 'one');
    await eventually(() => clients.forEach((c) => expect(c.doc.getText('t').toString()).toBe('one')));
    expect(app.loadedDocuments()).toBe(1);
    clients.forEach((c) => c.destroy());
    await eventually(() => expect(app.loadedDocuments()).toBe(0));
  });
});
