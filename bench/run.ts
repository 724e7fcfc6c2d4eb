import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureClientWeight } from './client-weight';
import { runPageLoad, type PageLoadLoad } from './page-load';
import { runFacilitation, type FacilitationLoad } from './facilitation';
import { runHostileFrames, type HostileFrameLoad } from './hostile-frame';
import { collabTargets, hasClusterServers, startOurs, startOursOnPostgres, type TargetName } from './lib/targets';
import { runMemory, type MemoryLoad } from './memory';
import { poolRounds, runRealtime, type RealtimeLoad, type RealtimeResult } from './realtime';
import { runServerChange, type ServerChangeLoad } from './server-change';
import { runSurveyDeadline, type SurveyDeadlineLoad } from './survey-deadline';

export interface BenchSizes {
  realtime: RealtimeLoad;
  /** Rounds per realtime server, taken in turn (A B C, B C A, …) so a noisy minute hits every server. */
  realtimeRounds: number;
  /** Seconds of the uncounted round that warms the load generator up first; none when nothing is measured. */
  warmUpSeconds: number;
  facilitation: FacilitationLoad;
  survey: SurveyDeadlineLoad;
  memory: MemoryLoad;
  pageLoad: PageLoadLoad;
  hostileFrame: HostileFrameLoad;
  serverChange: ServerChangeLoad;
}

const defaultSizes: BenchSizes = {
  realtime: { boards: 50, clientsPerBoard: 20, writersPerBoard: 2, editsPerSecond: 2, seconds: 15 },
  realtimeRounds: 3,
  warmUpSeconds: 5,
  facilitation: { meetings: 100, peoplePerMeeting: 30, actionsPerSecond: 1, seconds: 10 },
  // A deadline: schools at three times the rate of a wave of 3,000 in 10 minutes (the last minutes are the busiest), beside a 30-person meeting.
  survey: { schools: 900, seconds: 60, meeting: { clientsPerBoard: 30, writersPerBoard: 5, editsPerSecond: 2, seconds: 40 } },
  memory: { boards: 10, clientsPerBoard: 20, notesPerBoard: 300 },
  pageLoad: { runs: 3, mobile: true },
  hostileFrame: { repeats: 9 },
  serverChange: { notes: 300, changes: 200 },
};

export const sizes: Record<'default' | 'big' | 'smoke', BenchSizes> = {
  default: defaultSizes,
  // Four times the boards; schools at ten times a wave's rate (3,000 in one minute, not ten), where one process runs out of CPU.
  big: {
    ...defaultSizes,
    realtime: { ...defaultSizes.realtime, boards: 200 },
    realtimeRounds: 2,
    survey: { ...defaultSizes.survey, schools: 3000 },
    memory: { ...defaultSizes.memory, boards: 20 },
  },
  smoke: {
    realtime: { boards: 2, clientsPerBoard: 3, writersPerBoard: 1, editsPerSecond: 4, seconds: 1 },
    realtimeRounds: 1,
    warmUpSeconds: 0,
    facilitation: { meetings: 2, peoplePerMeeting: 3, actionsPerSecond: 4, seconds: 1 },
    survey: { schools: 20, seconds: 3, meeting: { clientsPerBoard: 4, writersPerBoard: 1, editsPerSecond: 4, seconds: 1 } },
    memory: { boards: 2, clientsPerBoard: 3, notesPerBoard: 20 },
    pageLoad: { runs: 1, mobile: false },
    hostileFrame: { repeats: 1 },
    serverChange: { notes: 5, changes: 3 },
  },
};

export const realtimeTargets: TargetName[] = ['ours', 'y-websocket', 'hocuspocus', 'ours-postgres', 'ours-2-processes', 'ours-2-processes-split'];

/** The edit-propagation rounds of every realtime server, in turn, and the ratios between them. */
async function runRealtimeRounds(load: BenchSizes, log: (line: string) => void) {
  const rounds = new Map<TargetName, RealtimeResult[]>();
  // The load generator's own first seconds (its JIT warming up, its first thousand connections)
  // are slower: they go to an uncounted round, not to whichever server happens to be first.
  if (load.warmUpSeconds > 0) {
    log('realtime: warming up the load generator (not counted)…');
    const warmUp = await collabTargets['y-websocket']();
    try {
      await runRealtime(warmUp, { ...load.realtime, seconds: Math.min(load.warmUpSeconds, load.realtime.seconds) });
    } finally {
      await warmUp.stop();
    }
  }
  for (let round = 1; round <= load.realtimeRounds; round++) {
    // Each round starts with a different server (A B C D, B C D A, …), so no server is always first.
    const order = realtimeTargets.map((_, i) => realtimeTargets[(i + round - 1) % realtimeTargets.length]!);
    for (const name of order) {
      if (name.startsWith('ours-') && !hasClusterServers()) {
        if (round === 1) log(`realtime: ${name} skipped, redis-server or PostgreSQL is not installed (npm test installs both)`);
        continue;
      }
      log(`realtime: ${name}, round ${round} of ${load.realtimeRounds}…`);
      const target = await collabTargets[name]();
      try {
        rounds.set(name, [...(rounds.get(name) ?? []), await runRealtime(target, load.realtime)]);
      } finally {
        await target.stop();
      }
    }
  }
  const realtime = [...rounds.values()].map(poolRounds);
  const p99 = (name: string) => realtime.find((r) => r.target === name)?.latencyMs.p99 ?? NaN;
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  return {
    realtime,
    realtimeRatios: {
      p99OursToYWebsocket: ratio(p99('ours'), p99('y-websocket')),
      p99OursToHocuspocus: ratio(p99('ours'), p99('hocuspocus')),
      p99PostgresToSqlite: ratio(p99('ours-postgres'), p99('ours')),
      p99TwoProcessesToOnePostgres: ratio(p99('ours-2-processes'), p99('ours-postgres')),
      p99TwoProcessesToOneSqlite: ratio(p99('ours-2-processes'), p99('ours')),
      p99SplitBoardsToOnePostgres: ratio(p99('ours-2-processes-split'), p99('ours-postgres')),
    },
  };
}

/** Runs every benchmark once, servers one after another so they never share the machine. */
export async function runAll(load: BenchSizes, log: (line: string) => void = () => {}) {
  const { realtime, realtimeRatios } = await runRealtimeRounds(load, log);
  const withOurs = async <T>(label: string, run: (ours: Awaited<ReturnType<typeof startOurs>>) => Promise<T>, nodeArgs: string[] = [], start = startOurs) => {
    log(`${label}…`);
    const ours = await start({}, nodeArgs);
    try {
      return await run(ours);
    } finally {
      await ours.stop();
    }
  };
  const facilitation = await withOurs('facilitation fan-out', (ours) => runFacilitation(ours, load.facilitation));
  const survey = await withOurs('survey deadline beside a meeting', (ours) => runSurveyDeadline(ours, load.survey));
  const surveyOnPostgres = hasClusterServers() ? await withOurs('survey deadline beside a meeting, on PostgreSQL', (ours) => runSurveyDeadline(ours, load.survey), [], startOursOnPostgres) : null;
  const memory = await withOurs('memory per board', (ours) => runMemory(ours, load.memory), ['--inspect=127.0.0.1:0']);
  const hostileFrame = await withOurs('hostile frames', (ours) => runHostileFrames(ours, load.hostileFrame));
  const serverChange = hasClusterServers() ? (log('a board changed by the server on a process none of its people are on…'), await runServerChange(load.serverChange)) : null;
  const client = measureClientWeight();
  log('page loads in Chromium…');
  const pageLoad = await runPageLoad(load.pageLoad);
  return {
    realtime,
    realtimeRatios,
    facilitation,
    survey,
    surveyOnPostgres,
    memory,
    hostileFrame,
    serverChange,
    client,
    pageLoad,
  };
}

function machine() {
  const cpus = os.cpus();
  return { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, memoryGb: Math.round(os.totalmem() / 1024 ** 3), node: process.version, platform: `${os.type()} ${os.release()}` };
}

function table(rows: (string | number)[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((cell, i) => String(cell).padEnd(widths[i]!)).join('  ')).join('\n');
}

function printHostileFrames(result: Awaited<ReturnType<typeof runHostileFrames>>) {
  console.log(`\nHostile frame: the server's time to refuse or apply the costliest updates a participant can send to a live meeting's co-edited document, beside an ordinary keystroke (send → answer on loopback, ${result.load.repeats} each)`);
  console.log(table([['frame', 'bytes', 'server did', 'median ms', 'max ms'], ...result.frames.map((f) => [f.name, f.bytes, f.outcome, f.medianMs, f.maxMs])]));
}

function printRealtime({ realtime, realtimeRatios }: Awaited<ReturnType<typeof runRealtimeRounds>>, load: BenchSizes) {
  const r = load.realtime;
  console.log(
    `\nEdit propagation: ${r.boards} boards × ${r.clientsPerBoard} clients, ${r.writersPerBoard} writers per board at ${r.editsPerSecond} edits/s each, ${load.realtimeRounds} rounds of ${r.seconds} s per server`,
  );
  console.log(
    table([
      ['server', 'p50 ms', 'p95 ms', 'p99 ms', 'p99 each round', 'max ms', 'deliveries', 'converged', 'server CPU', 'client CPU', 'server RSS MB'],
      ...realtime.map((x) => [x.target, x.latencyMs.p50, x.latencyMs.p95, x.latencyMs.p99, x.roundP99s?.join(' ') ?? '', x.latencyMs.max, `${x.deliveries}/${x.expectedDeliveries}`, x.converged ? 'yes' : 'NO', x.serverCpu, x.clientCpu, x.serverRssMb]),
    ]),
  );
  console.log(
    `p99 ratio ours (SQLite) / y-websocket ${realtimeRatios.p99OursToYWebsocket}, ours / Hocuspocus ${realtimeRatios.p99OursToHocuspocus}, one process PostgreSQL / SQLite ${realtimeRatios.p99PostgresToSqlite}, two processes on PostgreSQL (each board on one) / one on PostgreSQL ${realtimeRatios.p99TwoProcessesToOnePostgres}, / one on SQLite ${realtimeRatios.p99TwoProcessesToOneSqlite}; every board split across both / one on PostgreSQL ${realtimeRatios.p99SplitBoardsToOnePostgres}`,
  );
}

function printServerChange({ load, ways }: Awaited<ReturnType<typeof runServerChange>>) {
  console.log(`\nA meeting's action changing its board on a process none of the board's people are on (PostgreSQL; a board of ${load.notes} notes, ${load.changes} changes one after another)`);
  console.log(table([['way', 'ms a change', 'CPU ms a change'], ...ways.map((w) => [w.way, w.msPerChange, w.cpuMsPerChange])]));
}

/** Only the hostile-frame line (`npm run bench -- --hostile-frame`), on a server of its own. */
async function runHostileFramesAlone(load: HostileFrameLoad) {
  const ours = await startOurs();
  try {
    return await runHostileFrames(ours, load);
  } finally {
    await ours.stop();
  }
}

async function main() {
  const args = new Set(process.argv.slice(2));
  const size = args.has('--smoke') ? 'smoke' : args.has('--big') ? 'big' : 'default';
  process.setMaxListeners(0);
  // Our server as production runs it: the bundle `npm run bench` builds first (not tsx, whose
  // compiled code carries helpers such as esbuild's __name that cost time in the hottest paths).
  process.env.SERVER_BUNDLE_DIR ??= path.resolve(import.meta.dirname, '../dist/server');
  if (args.has('--hostile-frame')) return printHostileFrames(await runHostileFramesAlone(sizes[size].hostileFrame));
  // Only the edit-propagation rounds (about four minutes), for comparing the realtime servers.
  if (args.has('--server-change')) return printServerChange(await runServerChange(sizes[size].serverChange));
  if (args.has('--realtime')) return printRealtime(await runRealtimeRounds(sizes[size], (line) => console.log(line)), sizes[size]);
  const started = Date.now();
  const results = await runAll(sizes[size], (line) => console.log(line));
  const { facilitation, survey, surveyOnPostgres, memory, hostileFrame, serverChange, client, pageLoad } = results;
  printRealtime(results, sizes[size]);
  const f = facilitation;
  console.log(`\nFacilitation fan-out (${f.load.meetings} meetings × ${f.load.peoplePerMeeting}): p50 ${f.latencyMs.p50} ms, p99 ${f.latencyMs.p99} ms, max ${f.latencyMs.max} ms, ${f.deliveries}/${f.expectedDeliveries} delivered`);
  for (const [engine, d] of [['SQLite', survey], ['PostgreSQL', surveyOnPostgres]] as const) {
    if (!d) continue;
    console.log(
      `Survey deadline on ${engine} (${d.load.schools} schools through every page in ${d.load.seconds} s, beside a ${d.load.meeting.clientsPerBoard}-person meeting): "Send survey" acknowledged p50 ${d.acknowledgementMs.p50} ms, p99 ${d.acknowledgementMs.p99} ms; every page request p99 ${d.pageRequestMs.p99} ms; ${d.acknowledged} acknowledged, ${d.stored} stored, ${d.lost} lost, ${d.failedRequests} failed requests; server CPU ${d.serverCpu}`,
    );
    console.log(`  the meeting's edit p99: ${d.meetingIdle.p99} ms on the idle server, ${d.meetingUnderDeadline.p99} ms during the deadline (× ${d.meetingP99Ratio})`);
  }
  console.log(`Client weight: initial JS ${(client.initialJsGzipBytes / 1024).toFixed(1)} KB gzipped, CSS ${(client.initialCssGzipBytes / 1024).toFixed(1)} KB gzipped`);
  console.log(
    `Memory: ${memory.heapPerBoardMb} MB heap per live board (${memory.load.clientsPerBoard} clients, ${memory.load.notesPerBoard} notes); heap ${memory.baselineHeapMb} → ${memory.loadedHeapMb} → ${memory.afterLeavingHeapMb} MB after everyone left`,
  );
  printHostileFrames(hostileFrame);
  if (serverChange) printServerChange(serverChange);
  console.log(`\nPage loads, Lighthouse mobile settings (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, CPU 4× slower), median of ${pageLoad.load.runs}; × floor = time ÷ the plain HTML floor page's in the same run`);
  console.log(
    table([
      ['page', 'cold ms', 'cold KB', 'warm ms', 'warm KB', 'cold × floor', 'warm × floor', 'controls work, cold / warm ms'],
      ['floor page (plain HTML)', pageLoad.floor.cold.ms, pageLoad.floor.cold.kb, pageLoad.floor.warm.ms, pageLoad.floor.warm.kb, 1, 1, ''],
      ...pageLoad.pages.map((p) => [p.page, p.cold.ms, p.cold.kb, p.warm.ms, p.warm.kb, p.ratioCold, p.ratioWarm, `${p.cold.usableMs} / ${p.warm.usableMs}`]),
    ]),
  );
  const output = { size, date: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000), machine: machine(), ...results };
  const file = path.resolve(import.meta.dirname, 'results', size === 'default' ? 'latest.json' : `latest-${size}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`\nWritten to ${path.relative(process.cwd(), file)} in ${output.seconds} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
