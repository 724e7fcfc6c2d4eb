import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyBoardEffect, type BoardEffect } from '@shared/cascade/board';
import { DocRegistry } from '../server/collab/doc-registry';
import type { CollabConnection } from '../server/collab/doc-room';
import { configFromEnv } from '../server/config';
import { createLogger } from '../server/log';
import { openStore } from '../server/store';
import { postgresForTarget } from './lib/targets';

/**
 * A meeting's action changing its board on a process that holds none of the board's
 * connections (the proxy keeps those on one process; actions reach either), on PostgreSQL as
 * several processes run: the board read and its log folded for each change, as before a changed
 * document was kept loaded; kept loaded after a change, as now; and, for reference, the same
 * change with a person connected on the same process.
 */
export interface ServerChangeLoad {
  /** Notes on the board before the measured changes. */
  notes: number;
  changes: number;
}

export interface ServerChangeResult {
  load: ServerChangeLoad;
  ways: { way: string; msPerChange: number; cpuMsPerChange: number }[];
}

const person: CollabConnection = { userId: 'person', siteId: 'bench', identity: { id: 'person', name: 'Sam', role: 'stakeholder' }, send: () => {}, close: () => {} };

export async function runServerChange(load: ServerChangeLoad): Promise<ServerChangeResult> {
  const postgres = await postgresForTarget();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-bench-change-'));
  const store = await openStore({ ...configFromEnv(postgres.env), dataDir });
  const registry = new DocRegistry(store, createLogger('silent'), async () => ({ readOnly: false, serverWritten: true }));
  let next = 0;
  const change = (board: string) =>
    registry.change(board, (doc) => applyBoardEffect(doc, { kind: 'put-notes', notes: [{ id: `note-${String(next++).padStart(6, '0')}`, domain: 1, list: 'strength', authorName: 'Sam Smith', text: 'Schools in the north of the borough know whom to call at CYPMHS.' }] } satisfies BoardEffect));
  const measure = async (way: string, board: string, each: () => Promise<void>, prepare = async () => {}) => {
    for (let i = 0; i < load.notes; i++) await change(board);
    await registry.closeAll();
    await prepare();
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < load.changes; i++) await each();
    const used = process.cpuUsage(cpu);
    const round = (ms: number) => Math.round((ms / load.changes) * 100) / 100;
    await registry.closeAll();
    return { way, msPerChange: round(performance.now() - started), cpuMsPerChange: round((used.user + used.system) / 1000) };
  };
  try {
    const ways = [
      await measure('read and folded for each change (before)', 'site:bench:board-fresh', async () => {
        await change('site:bench:board-fresh');
        await registry.closeAll();
      }),
      await measure('kept loaded after a change (now)', 'site:bench:board-kept', () => change('site:bench:board-kept')),
      await measure(
        'a person connected on the same process (reference)',
        'site:bench:board-joined',
        () => change('site:bench:board-joined'),
        async () => void (await registry.join('site:bench:board-joined', person)),
      ),
    ];
    return { load, ways };
  } finally {
    await registry.closeAll();
    await store.close();
    await postgres.stop();
  }
}
