import WebSocket from 'ws';
import * as Y from 'yjs';
import { addGoalDraft, goalDraftText } from '@shared/goals/drafts';

/** Co-edited texts written by each client's own Yjs (board notes go through the server): the field of a goal draft that holds most. */
const drafts = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('goals');
import { sleep, waitFor } from './lib/measure';
import type { startOurs } from './lib/targets';

export interface MemoryLoad {
  boards: number;
  clientsPerBoard: number;
  notesPerBoard: number;
}

export interface MemoryResult {
  load: MemoryLoad;
  baselineHeapMb: number;
  loadedHeapMb: number;
  heapPerBoardMb: number;
  afterLeavingHeapMb: number;
  /** Heap left over after everyone left, as a share of what the boards had added. */
  retainedShare: number;
}

/** Talks to the server's V8 through the inspector protocol, to collect garbage and read the heap. */
async function inspector(output: () => string) {
  let url: string | undefined;
  await waitFor(() => Boolean((url = /ws:\/\/127\.0\.0\.1:\d+\/[\w-]+/.exec(output())?.[0])), 10_000);
  if (!url) throw new Error('the server did not open an inspector');
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let id = 0;
  const pending = new Map<number, (result: unknown) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  const call = (method: string) =>
    new Promise<any>((resolve) => {
      pending.set(++id, resolve);
      socket.send(JSON.stringify({ id, method }));
    });
  return {
    /** Heap in use after full garbage collections, in MB. */
    async heapMb(): Promise<number> {
      for (let i = 0; i < 3; i++) await call('HeapProfiler.collectGarbage');
      const { usedSize } = await call('Runtime.getHeapUsage');
      return Math.round((usedSize / 1024 / 1024) * 100) / 100;
    },
    close: () => socket.close(),
  };
}

/** Opens the boards with C clients each and adds N notes to each; resolves once every client has them all. */
async function fillBoards(ours: Awaited<ReturnType<typeof startOurs>>, rooms: string[], load: MemoryLoad) {
  const clients = rooms.flatMap((room) => Array.from({ length: load.clientsPerBoard }, () => ours.connect(room)));
  if (!(await waitFor(() => clients.every((c) => c.synced()), 60_000))) throw new Error('memory: clients did not sync');
  rooms.forEach((_, b) => {
    const writer = clients[b * load.clientsPerBoard]!;
    for (let n = 0; n < load.notesPerBoard; n++) {
      writer.doc.transact(() => {
        addGoalDraft(writer.doc, `mem-note-${n}`, ours.author);
        goalDraftText(writer.doc, `mem-note-${n}`, 'specific')!.insert(0, `Note ${n}: a strength or challenge as people write them in a meeting.`);
      });
    }
  });
  const allNotes = () => clients.every((c) => drafts(c.doc).size === load.notesPerBoard && [...drafts(c.doc).values()].every((n) => n.get('specific') instanceof Y.Text));
  if (!(await waitFor(allNotes, 60_000))) throw new Error('memory: notes did not reach every client');
  return clients;
}

/**
 * Heap growth per live board (B boards, C clients each, N notes each) on our server, and what is
 * left once every client has gone and the documents are unloaded.
 */
export async function runMemory(ours: Awaited<ReturnType<typeof startOurs>>, load: MemoryLoad): Promise<MemoryResult> {
  const v8 = await inspector(ours.server.output);
  // One full cycle first (a board filled and left), so code paths compiled and caches filled on
  // first use are not counted as board memory.
  for (const client of await fillBoards(ours, await ours.rooms(1), load)) client.destroy();
  await sleep(1500);
  const baselineHeapMb = await v8.heapMb();
  const clients = await fillBoards(ours, await ours.rooms(load.boards), load);
  const loadedHeapMb = await v8.heapMb();

  for (const client of clients) client.destroy();
  await sleep(1500);
  const afterLeavingHeapMb = await v8.heapMb();
  v8.close();
  const added = loadedHeapMb - baselineHeapMb;
  return {
    load,
    baselineHeapMb,
    loadedHeapMb,
    heapPerBoardMb: Math.round((added / load.boards) * 100) / 100,
    afterLeavingHeapMb,
    retainedShare: Math.round(((afterLeavingHeapMb - baselineHeapMb) / added) * 1000) / 1000,
  };
}
