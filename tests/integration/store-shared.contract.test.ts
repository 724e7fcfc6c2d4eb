import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PostgresStore } from '../../server/store/postgres-store';
import { SqliteStore } from '../../server/store/sqlite-store';
import type { Store } from '../../server/store/store';
import { now, user } from '../helpers/store-records';
import { postgresUrl, uniqueSchema } from '../helpers/postgres';

/** The store contract where several processes share one store, and its archive: for both engines. */

/** Two connections to the same data, as two server processes have. */
const sharedImplementations: [string, () => Promise<[Store, Store]>, () => Promise<Store>][] = [
  [
    'SQLite',
    async () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lp-store-')), 'test.db');
      return [new SqliteStore(file), new SqliteStore(file)];
    },
    async () => new SqliteStore(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lp-store-')), 'restored.db')),
  ],
  [
    'PostgreSQL',
    async () => {
      const schema = uniqueSchema();
      const first = await PostgresStore.open(postgresUrl(), { schema });
      return [first, await PostgresStore.open(postgresUrl(), { schema })];
    },
    // As `npm run restore` opens it: a tool's connections, not a server's.
    () => PostgresStore.open(postgresUrl(), { schema: uniqueSchema(), tool: true }),
  ],
];

describe.each(sharedImplementations)('Store contract, two processes: %s', (_name, openTwice, openForRestore) => {
  let stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
    stores = [];
  });

  it('loses no update when both append to one document and both compact it at the same time', async () => {
    stores = await openTwice();
    const docs = stores.map(() => new Y.Doc());
    const appended: Promise<unknown>[] = [];
    // Each writer appends 60 updates of its own while folding the log now and then from what it has read.
    for (let n = 0; n < 60; n++) {
      stores.forEach((store, i) => {
        const before = Y.encodeStateVector(docs[i]!);
        docs[i]!.getMap('entries').set(`w${i}-${n}`, n);
        appended.push(store.appendDocUpdate('shared-doc', Y.encodeStateAsUpdate(docs[i]!, before)));
        if (n % 15 === 14) {
          appended.push(
            store.loadDoc('shared-doc').then((stored) => {
              const folded = new Y.Doc();
              if (stored.snapshot) Y.applyUpdate(folded, stored.snapshot);
              stored.updates.forEach((update) => Y.applyUpdate(folded, update));
              return store.compactDoc('shared-doc', Y.encodeStateAsUpdate(folded), stored.head);
            }),
          );
        }
      });
    }
    await Promise.all(appended);
    const stored = await stores[0]!.loadDoc('shared-doc');
    const read = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(read, stored.snapshot);
    stored.updates.forEach((update) => Y.applyUpdate(read, update));
    expect(read.getMap('entries').size).toBe(120);
  });

  it('stores a submission sent to both at once exactly once, and uses an access code once', async () => {
    stores = await openTwice();
    const [a, b] = stores as [Store, Store];
    await a.createSite({ id: 's1', name: 'North', createdAt: now() });
    await a.createCampaign({ id: 'c1', siteId: 's1', instrumentId: 'demo', instrumentVersion: '1', publicToken: 't', opensAt: now(), closesAt: now(), accessMode: 'codes', threshold: 10, createdBy: 'u', createdAt: now(), dateChanges: [], answersDeletedOn: null });
    await a.addAccessCodes('c1', ['code-1', 'code-2']);
    const response = { submittedOn: '2026-11-20', answers: { a: 1 }, context: {} };
    const outcomes = await Promise.all([a.submitResponse('c1', response, null, 'same'), b.submitResponse('c1', response, null, 'same')]);
    expect(outcomes.sort()).toEqual(['already-stored', 'stored']);
    const withCode = await Promise.all([a.submitResponse('c1', response, 'code-1', 'x'), b.submitResponse('c1', response, 'code-1', 'y')]);
    expect(withCode.sort()).toEqual(['code-refused', 'stored']);
    // A refused attempt keeps nothing, not even its submission id: sent again with a good code, it is stored.
    expect(await a.submitResponse('c1', response, 'no-such-code', 'retried')).toBe('code-refused');
    expect(await b.submitResponse('c1', response, 'code-2', 'retried')).toBe('stored');
    expect(await b.countResponses('c1')).toBe(3);
  });

  it('archives everything and loads the archive into an empty store of the same kind, reading the same', async () => {
    stores = await openTwice();
    const [source] = stores as [Store, Store];
    await source.createUser(user('u1', 'a@example.org'));
    await source.createSite({ id: 's1', name: 'North', createdAt: now() });
    await source.putMembership({ siteId: 's1', userId: 'u1', role: 'lead' });
    await source.createCampaign({ id: 'c1', siteId: 's1', instrumentId: 'demo', instrumentVersion: '1', publicToken: 't', opensAt: now(), closesAt: now(), accessMode: 'open', threshold: 10, createdBy: 'u', createdAt: now(), dateChanges: [], answersDeletedOn: null });
    for (let n = 0; n < 3; n++) await source.submitResponse('c1', { submittedOn: '2026-11-20', answers: { a: n }, context: {} }, null, `sub-${n}`);
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'board');
    await source.appendDocUpdate('d1', Y.encodeStateAsUpdate(doc));
    const archive = await source.exportArchive();

    const target = await openForRestore();
    stores.push(target);
    await target.importArchive(archive);
    expect(await target.exportArchive()).toEqual(archive);
    expect((await target.listResponses('c1', 10)).map((r) => r.answers)).toEqual([{ a: 0 }, { a: 1 }, { a: 2 }]);
    // Numbers go on from the archive's, and a document goes on from its folded state.
    await target.submitResponse('c1', { submittedOn: '2026-11-21', answers: { a: 3 }, context: {} }, null, 'sub-3');
    expect((await target.listResponses('c1', 10)).map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    await target.appendDocUpdate('d1', Y.encodeStateAsUpdate(doc));
    const loaded = await target.loadDoc('d1');
    const read = new Y.Doc();
    Y.applyUpdate(read, loaded.snapshot!);
    loaded.updates.forEach((update) => Y.applyUpdate(read, update));
    expect(read.getText('t').toString()).toBe('board');
    await expect(target.importArchive(archive)).rejects.toThrow(/already holds data/);
  });
});
