import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RedisStore } from '../../server/store/redis-store';
import { SqliteStore } from '../../server/store/sqlite-store';
import type { Store, UserRecord } from '../../server/store/store';
import { redisUrl, uniquePrefix } from '../helpers/redis';

const implementations: [string, () => Store][] = [
  ['SQLite', () => new SqliteStore(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lp-store-')), 'test.db'))],
  ['Redis', () => new RedisStore(redisUrl(), { prefix: uniquePrefix() })],
];

const now = () => new Date().toISOString();
const user = (id: string, email: string): UserRecord => ({
  id,
  email,
  name: `User ${id}`,
  passwordHash: 'hash',
  isFacilitator: false,
  createdAt: now(),
});

describe.each(implementations)('Store contract: %s', (_name, makeStore) => {
  let store: Store;
  afterEach(async () => store?.close());

  it('answers a ping', async () => {
    store = makeStore();
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('stores users and finds them by id and email; emails are unique', async () => {
    store = makeStore();
    await store.createUser(user('u1', 'a@example.org'));
    expect((await store.getUserById('u1'))?.email).toBe('a@example.org');
    expect((await store.getUserByEmail('a@example.org'))?.id).toBe('u1');
    expect(await store.getUserByEmail('nobody@example.org')).toBeNull();
    await expect(store.createUser(user('u2', 'a@example.org'))).rejects.toThrow();
    await store.updateUser('u1', { name: 'Renamed', passwordHash: 'new' });
    expect(await store.getUserById('u1')).toMatchObject({ name: 'Renamed', passwordHash: 'new' });
  });

  it('creates, reads and deletes sessions', async () => {
    store = makeStore();
    await store.createUser(user('u1', 'a@example.org'));
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    await store.createSession({ tokenHash: 'h1', userId: 'u1', expiresAt });
    expect(await store.getSession('h1')).toEqual({ tokenHash: 'h1', userId: 'u1', expiresAt });
    await store.deleteSession('h1');
    expect(await store.getSession('h1')).toBeNull();
  });

  it('keeps sites and memberships, listed in the order people joined', async () => {
    store = makeStore();
    for (const id of ['u1', 'u2', 'u3']) await store.createUser(user(id, `${id}@example.org`));
    await store.createSite({ id: 's1', name: 'North', createdAt: now() });
    await store.createSite({ id: 's2', name: 'South', createdAt: now() });
    await expect(store.createSite({ id: 's3', name: 'North', createdAt: now() })).rejects.toThrow();
    expect((await store.getSiteByName('South'))?.id).toBe('s2');
    await store.putMembership({ siteId: 's1', userId: 'u2', role: 'lead' });
    await store.putMembership({ siteId: 's1', userId: 'u1', role: 'facilitator' });
    await store.putMembership({ siteId: 's1', userId: 'u3', role: 'stakeholder' });
    await store.putMembership({ siteId: 's2', userId: 'u3', role: 'lead' });
    expect((await store.listSiteMembers('s1')).map((m) => m.userId)).toEqual(['u2', 'u1', 'u3']);
    expect((await store.listUserMemberships('u3')).map((m) => [m.siteId, m.role])).toEqual([
      ['s1', 'stakeholder'],
      ['s2', 'lead'],
    ]);
    await store.putMembership({ siteId: 's1', userId: 'u3', role: 'lead' });
    expect(await store.getMembership('s1', 'u3')).toEqual({ siteId: 's1', userId: 'u3', role: 'lead' });
    expect((await store.listSiteMembers('s1')).map((m) => m.userId)).toEqual(['u2', 'u1', 'u3']);
    await store.removeMembership('s1', 'u3');
    expect(await store.getMembership('s1', 'u3')).toBeNull();
    expect((await store.listUserMemberships('u3')).map((m) => m.siteId)).toEqual(['s2']);
  });

  it('uses an invitation once only, even when two acceptances race', async () => {
    store = makeStore();
    await store.createUser(user('u1', 'a@example.org'));
    await store.createSite({ id: 's1', name: 'North', createdAt: now() });
    const base = { siteId: 's1', role: 'stakeholder' as const, invitedBy: 'u1', createdAt: now(), acceptedAt: null };
    await store.createInvitation({ ...base, id: 'i1', email: 'b@example.org', tokenHash: 't1', expiresAt: new Date(Date.now() + 86400_000).toISOString() });
    await store.createInvitation({ ...base, id: 'i2', email: 'c@example.org', tokenHash: 't2', expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect((await store.getInvitationByTokenHash('t1'))?.email).toBe('b@example.org');
    expect((await store.listPendingInvitations('s1', now())).map((i) => i.id)).toEqual(['i1']);
    const results = await Promise.all([store.consumeInvitation('i1', now()), store.consumeInvitation('i1', now())]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await store.getInvitationByTokenHash('t1'))?.acceptedAt).not.toBeNull();
    expect(await store.listPendingInvitations('s1', now())).toEqual([]);
  });

  it('appends document updates and compacts them into a snapshot without losing later ones', async () => {
    store = makeStore();
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    const text = source.getText('t');
    text.insert(0, 'hello');
    text.insert(5, ' world');
    let head = '';
    for (const u of updates) head = await store.appendDocUpdate('site:s1:doc', u);

    const loaded = await store.loadDoc('site:s1:doc');
    expect(loaded.snapshot).toBeNull();
    expect(loaded.updates).toHaveLength(2);
    expect(loaded.head).toBe(head);

    await store.compactDoc('site:s1:doc', Y.encodeStateAsUpdate(source), loaded.head);
    text.insert(11, '!');
    await store.appendDocUpdate('site:s1:doc', updates[updates.length - 1]!);

    const again = await store.loadDoc('site:s1:doc');
    expect(again.snapshot).not.toBeNull();
    expect(again.updates).toHaveLength(1);
    const restored = new Y.Doc();
    Y.applyUpdate(restored, again.snapshot!);
    for (const u of again.updates) Y.applyUpdate(restored, u);
    expect(restored.getText('t').toString()).toBe('hello world!');

    // An older compaction arriving late must not replace the newer snapshot.
    await store.compactDoc('site:s1:doc', Y.encodeStateAsUpdate(new Y.Doc()), loaded.head);
    const still = await store.loadDoc('site:s1:doc');
    const check = new Y.Doc();
    Y.applyUpdate(check, still.snapshot!);
    for (const u of still.updates) Y.applyUpdate(check, u);
    expect(check.getText('t').toString()).toBe('hello world!');
  });

  it('keeps documents apart and returns an empty document for an unknown name', async () => {
    store = makeStore();
    const empty = await store.loadDoc('site:s1:never');
    expect(empty.snapshot).toBeNull();
    expect(empty.updates).toEqual([]);
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => void store.appendDocUpdate('site:s1:a', u));
    doc.getMap('m').set('k', 1);
    await new Promise((r) => setTimeout(r, 50));
    expect((await store.loadDoc('site:s1:a')).updates).toHaveLength(1);
    expect((await store.loadDoc('site:s1:b')).updates).toHaveLength(0);
  });
});
