import * as Y from 'yjs';
import { addGoalDraft, goalDraftText } from '@shared/goals/drafts';

/** Co-edited texts written by each client's own Yjs (board notes go through the server): the field of a goal draft that holds most. */
const drafts = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('goals');
import { cpuMeter, memoryMb, pool, sleep, summarise, waitFor, type LatencySummary } from './lib/measure';
import type { CollabTarget, SyncClient } from './lib/targets';

export interface RealtimeLoad {
  boards: number;
  clientsPerBoard: number;
  writersPerBoard: number;
  /** Edits each writer makes per second. */
  editsPerSecond: number;
  seconds: number;
}

export interface RealtimeResult {
  target: string;
  load: RealtimeLoad;
  latencyMs: LatencySummary;
  /** Every delay measured, for pooling rounds; left out of the written results. */
  latencies?: number[];
  /** Each round's own p99, in the order run: how far one noisy round moves the pooled figure. */
  roundP99s?: number[];
  edits: number;
  deliveries: number;
  expectedDeliveries: number;
  converged: boolean;
  serverCpu: number;
  /** CPU of the process that runs every client, as a share of one core: near 1 means the load generator limits the figures. */
  clientCpu: number;
  serverRssMb: number;
  serverPeakRssMb: number;
}

const marker = /\|(\d+)\./g;
const maxLength = 400;

/**
 * R boards × C clients on one server: in each board W writers type into their own note at a
 * fixed rate; every other client records how long each edit took to reach it. The board shape
 * is our meeting board (notes with co-edited text) on every server, so the work is the same.
 */
export async function runRealtime(target: CollabTarget, load: RealtimeLoad): Promise<RealtimeResult> {
  const rooms = await target.rooms(load.boards);
  const boards: SyncClient[][] = [];
  // People join over a few seconds, not at one instant: each client's presence is renewed on
  // its own timer, and connecting all at once would make every renewal land together.
  const spreadMs = Math.min(5000, 20 * load.boards * load.clientsPerBoard);
  await pool(
    rooms.flatMap((room, b) => Array.from({ length: load.clientsPerBoard }, (_, c) => ({ room, b, c }))),
    1,
    async ({ room, b, c }) => {
      (boards[b] ??= [])[c] = target.connect(room);
      await sleep(spreadMs / (load.boards * load.clientsPerBoard));
    },
  );
  const all = boards.flat();
  if (!(await waitFor(() => all.every((c) => c.synced()), 60_000))) throw new Error(`${target.name}: clients did not sync`);

  // Each writer adds its note; edits are timed only once every client holds every note.
  const noteId = (w: number) => `bench-note-${w}`;
  boards.forEach((clients) => {
    for (let w = 0; w < load.writersPerBoard; w++) {
      addGoalDraft(clients[w]!.doc, noteId(w), target.author);
    }
  });
  const hasAllNotes = () => all.every((c) => drafts(c.doc).size === load.writersPerBoard && [...drafts(c.doc).values()].every((n) => n.get('specific') instanceof Y.Text));
  if (!(await waitFor(hasAllNotes, 30_000))) throw new Error(`${target.name}: notes did not reach every client`);

  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  for (const clients of boards) {
    for (const client of clients) {
      drafts(client.doc).observeDeep((events, transaction) => {
        if (transaction.local) return;
        const now = performance.now();
        for (const event of events) {
          if (!(event.target instanceof Y.Text)) continue;
          for (const op of event.delta) {
            if (typeof op.insert !== 'string') continue;
            for (const match of op.insert.matchAll(marker)) {
              const sent = sentAt.get(Number(match[1]));
              if (sent !== undefined) latencies.push(now - sent);
            }
          }
        }
      });
    }
  }

  const cpus = target.pids().map((pid) => cpuMeter(pid));
  const clientCpu = cpuMeter(process.pid);
  let nextEdit = 0;
  const timers: NodeJS.Timeout[] = [];
  boards.forEach((clients, b) => {
    for (let w = 0; w < load.writersPerBoard; w++) {
      const text = goalDraftText(clients[w]!.doc, noteId(w), 'specific')!;
      // Writers start spread over one interval so the load is even, not in bursts.
      const interval = 1000 / load.editsPerSecond;
      const start = setTimeout(() => {
        timers.push(
          setInterval(() => {
            const id = nextEdit++;
            text.doc!.transact(() => {
              if (text.length > maxLength) text.delete(0, text.length - maxLength / 2);
              sentAt.set(id, performance.now());
              text.insert(text.length, `|${id}.`);
            });
          }, interval),
        );
      }, ((b * load.writersPerBoard + w) / (load.boards * load.writersPerBoard)) * interval);
      timers.push(start);
    }
  });
  await sleep(load.seconds * 1000);
  timers.forEach((t) => clearInterval(t));
  const serverCpu = Math.round(cpus.reduce((sum, cpu) => sum + cpu(), 0) * 100) / 100;
  const clientCpuShare = clientCpu();
  const edits = nextEdit;
  const expectedDeliveries = edits * (load.clientsPerBoard - 1);
  await waitFor(() => latencies.length >= expectedDeliveries, 15_000);

  const converged = boards.every((clients) => {
    const texts = clients.map((c) => JSON.stringify([...drafts(c.doc).entries()].map(([id, n]) => [id, String(n.get('specific'))]).sort()));
    return texts.every((t) => t === texts[0]);
  });
  const memory = target.pids().map(memoryMb).reduce((a, b) => ({ rss: a.rss + b.rss, peak: a.peak + b.peak }));
  for (const client of all) client.destroy();
  return {
    target: target.name,
    load,
    latencyMs: summarise(latencies),
    latencies,
    edits,
    deliveries: latencies.length,
    expectedDeliveries,
    converged,
    serverCpu,
    clientCpu: clientCpuShare,
    serverRssMb: memory.rss,
    serverPeakRssMb: memory.peak,
  };
}

/** One result from several rounds against the same server: delays pooled, counts summed, resources averaged. */
export function poolRounds(rounds: RealtimeResult[]): RealtimeResult {
  const latencies = rounds.flatMap((r) => r.latencies ?? []);
  const sum = (pick: (r: RealtimeResult) => number) => rounds.reduce((n, r) => n + pick(r), 0);
  const mean = (pick: (r: RealtimeResult) => number) => Math.round((sum(pick) / rounds.length) * 100) / 100;
  return {
    target: rounds[0]!.target,
    load: rounds[0]!.load,
    latencyMs: summarise(latencies),
    roundP99s: rounds.map((r) => r.latencyMs.p99),
    edits: sum((r) => r.edits),
    deliveries: sum((r) => r.deliveries),
    expectedDeliveries: sum((r) => r.expectedDeliveries),
    converged: rounds.every((r) => r.converged),
    serverCpu: mean((r) => r.serverCpu),
    clientCpu: mean((r) => r.clientCpu),
    serverRssMb: Math.max(...rounds.map((r) => r.serverRssMb)),
    serverPeakRssMb: Math.max(...rounds.map((r) => r.serverPeakRssMb)),
  };
}
