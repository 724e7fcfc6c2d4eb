import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { DocRegistry } from '../../server/collab/doc-registry';
import type { CollabConnection } from '../../server/collab/doc-room';
import { configFromEnv } from '../../server/config';
import { createLogger } from '../../server/log';
import { openStore, type Store } from '../../server/store';
import { applyBoardEffect, readBoard, type BoardEffect } from '@shared/cascade/board';

// The proxy keeps a board's connections on one process while a meeting's actions reach either,
// so the server often changes a board that nobody is connected to on the process doing it.
let store: Store;
/** Reads of a whole document from the store, by name: the real store, counted. */
const loads = new Map<string, number>();
const counted = (inner: Store): Store =>
  new Proxy(inner, {
    get(target, key, receiver) {
      if (key === 'loadDoc') return (name: string) => (loads.set(name, (loads.get(name) ?? 0) + 1), target.loadDoc(name));
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
const serverWritten = async () => ({ readOnly: false, serverWritten: true });
let next = 0;
const aNote = (): BoardEffect => ({ kind: 'put-notes', notes: [{ id: `note-${String(next++).padStart(6, '0')}`, domain: 1, list: 'strength', authorName: 'Sam', text: 'Schools know whom to call' }] });
const person = (): CollabConnection => ({ userId: 'person', siteId: 's', identity: { id: 'person', name: 'Sam', role: 'stakeholder' }, send: () => {}, close: () => {} });
/** Lets the store's work and the unload it was waiting for finish, the clock standing still. */
async function settle(registry: DocRegistry, loaded: number) {
  for (let turn = 0; turn < 50 && registry.loadedCount !== loaded; turn++) await vi.advanceTimersByTimeAsync(0);
  expect(registry.loadedCount).toBe(loaded);
}

beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-linger-'));
  store = counted(await openStore({ ...configFromEnv({}), dataDir }));
});
afterAll(async () => store?.close());
// Only the timers move by hand: the store and its promises run as they do.
beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => void vi.useRealTimers());

describe('a document the server changed with nobody connected to it here', () => {
  it('stays loaded through a burst of changes, read from the store once, and goes 30 s after the last', async () => {
    const registry = new DocRegistry(store, createLogger('silent'), serverWritten);
    for (let i = 0; i < 20; i++) {
      await registry.change('site:s:burst', (doc) => applyBoardEffect(doc, aNote()));
      await vi.advanceTimersByTimeAsync(10_000);
    }
    expect(loads.get('site:s:burst')).toBe(1);
    await vi.advanceTimersByTimeAsync(19_000);
    await settle(registry, 1);
    await vi.advanceTimersByTimeAsync(1_000);
    await settle(registry, 0);
    // Its log was folded on the way out, every change in the snapshot.
    const stored = await store.loadDoc('site:s:burst');
    expect(stored.updates).toHaveLength(0);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored.snapshot!);
    expect(readBoard(doc)).toHaveLength(20);
  });

  it('stays while a person is connected here, however long, and goes when they leave', async () => {
    const registry = new DocRegistry(store, createLogger('silent'), serverWritten);
    await registry.change('site:s:joined', (doc) => applyBoardEffect(doc, aNote()));
    const connection = person();
    const room = await registry.join('site:s:joined', connection);
    await vi.advanceTimersByTimeAsync(120_000);
    await registry.change('site:s:joined', (doc) => applyBoardEffect(doc, aNote()));
    await vi.advanceTimersByTimeAsync(120_000);
    await settle(registry, 1);
    expect(loads.get('site:s:joined')).toBe(1);
    registry.leave(room, connection);
    await settle(registry, 0);
  });

  it('is let go at once on shutdown', async () => {
    const registry = new DocRegistry(store, createLogger('silent'), serverWritten);
    await registry.change('site:s:shutdown', (doc) => applyBoardEffect(doc, aNote()));
    await registry.closeAll();
    expect(registry.loadedCount).toBe(0);
    expect((await store.loadDoc('site:s:shutdown')).updates).toHaveLength(0);
  });
});
