import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { listenForSavedNotices } from '@shared/collab/saved-notice';
import * as Y from 'yjs';
import { meetingGoalsDocName } from '@shared/meetings/meeting';
import { websocketWithCookie } from '../../tests/helpers/collab';
import { ApiClient } from '../../tests/helpers/http';
import { uniqueSchema } from '../../tests/helpers/postgres';
import { startPostgresProcess } from '../../tests/helpers/postgres-process';
import { startRedisProcess } from '../../tests/helpers/redis-process';
import { demoPassword, freePort, startServer, type RunningServer } from '../../tests/helpers/server';
import { bookingIn } from '../../tests/helpers/dates';

export type TargetName = 'ours' | 'ours-postgres' | 'ours-2-processes' | 'ours-2-processes-split' | 'y-websocket' | 'hocuspocus';

export interface SyncClient {
  doc: Y.Doc;
  synced(): boolean;
  destroy(): void;
}

/** A collaboration server under test, reached the way its own clients reach it. */
export interface CollabTarget {
  name: TargetName;
  /** The server processes, for their CPU and memory. */
  pids(): number[];
  /** Who writes: on our server, notes must be in the name of the signed-in person. */
  author: { id: string; name: string };
  rooms(count: number): Promise<string[]>;
  connect(room: string): SyncClient;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');

/** Our server as `npm start` runs it, with embedded storage; clients sign in as the demo facilitator. */
export async function startOurs(env: Record<string, string> = {}, nodeArgs: string[] = [], dataDir?: string): Promise<CollabTarget & { server: RunningServer; api: ApiClient }> {
  const server = await startServer({ env: { LOG_LEVEL: 'warn', AUTH_RATE_LIMIT: '100000', SURVEY_RATE_LIMIT: '1000000', ...env }, nodeArgs, dataDir });
  const api = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  const me = (await api.get('/api/me')).body as { id: string; name: string };
  const siteId = (await api.get('/api/sites')).body[0].id as string;
  const CookieSocket = websocketWithCookie(api.cookie) as unknown as typeof globalThis.WebSocket;
  return {
    name: 'ours',
    server,
    api,
    author: me,
    pids: () => [server.pid()!],
    async rooms(count) {
      const names: string[] = [];
      for (let i = 0; i < count; i++) {
        const meeting = await api.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: bookingIn(37), durationMinutes: 120 });
        if (meeting.status !== 201) throw new Error(`could not create a meeting: ${JSON.stringify(meeting.body)}`);
        names.push(meetingGoalsDocName(siteId, meeting.body.id));
      }
      return names;
    },
    connect(room) {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(`${server.wsUrl}/collab`, room, doc, { WebSocketPolyfill: CookieSocket, disableBc: true, maxBackoffTime: 1000 });
      // As the browser does: our server tells an author when its change is stored.
      listenForSavedNotices(provider, doc, () => {});
      return { doc, synced: () => provider.synced, destroy: () => (provider.destroy(), doc.destroy()) };
    },
    stop: () => server.stop(),
  };
}

async function spawnUntil(args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (ready.test(output)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}): ${output}`)));
  });
  return child;
}

const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

const anonymous = { id: 'bench-writer', name: 'Bench writer' };
const plainRooms = async (count: number) => Array.from({ length: count }, (_, i) => `bench-board-${i}`);

/** The y-websocket reference server (`y-websocket@2.1.0`, `bin/server.cjs`), in memory as shipped. */
async function startYWebsocketReference(): Promise<CollabTarget> {
  const port = await freePort();
  const child = await spawnUntil(['node_modules/y-websocket-server-ref/bin/server.cjs'], { HOST: '127.0.0.1', PORT: String(port) }, /running at/);
  return {
    name: 'y-websocket',
    author: anonymous,
    pids: () => [child.pid!],
    rooms: plainRooms,
    connect(room) {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(`ws://127.0.0.1:${port}`, room, doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true, maxBackoffTime: 1000 });
      return { doc, synced: () => provider.synced, destroy: () => (provider.destroy(), doc.destroy()) };
    },
    stop: () => stopChild(child),
  };
}

/** Hocuspocus 3 with its defaults, reached by its own provider (its protocol differs from y-websocket's). */
async function startHocuspocus(): Promise<CollabTarget> {
  const port = await freePort();
  const child = await spawnUntil(['--import', 'tsx', 'bench/servers/hocuspocus.ts'], { PORT: String(port) }, /hocuspocus listening/);
  return {
    name: 'hocuspocus',
    author: anonymous,
    pids: () => [child.pid!],
    rooms: plainRooms,
    connect(room) {
      const doc = new Y.Doc();
      const provider = new HocuspocusProvider({ url: `ws://127.0.0.1:${port}`, name: room, document: doc, WebSocketPolyfill: WebSocket } as ConstructorParameters<typeof HocuspocusProvider>[0]);
      return { doc, synced: () => provider.isSynced, destroy: () => (provider.destroy(), doc.destroy()) };
    },
    stop: () => stopChild(child),
  };
}

/**
 * A PostgreSQL for one server under test. In `npm run bench`, a private cluster of its own. In the
 * benchmarks' smoke run inside `npm test` (which counts, never times), a schema of its own on the
 * suite's cluster: starting a cluster costs seconds of CPU the rest of the suite needs.
 */
export async function postgresForTarget(): Promise<{ env: Record<string, string>; stop(): Promise<void> }> {
  const shared = process.env.TEST_DATABASE_URL;
  if (shared) return { env: { DATABASE_URL: shared, DATABASE_SCHEMA: uniqueSchema() }, stop: async () => {} };
  const postgres = await startPostgresProcess();
  return { env: { DATABASE_URL: postgres.url }, stop: () => postgres.stop() };
}

/** Our server on a private PostgreSQL of its own (fsync off, as in the tests: the machine's disk is not what is compared). */
export async function startOursOnPostgres(env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<Awaited<ReturnType<typeof startOurs>>> {
  const postgres = await postgresForTarget();
  const ours = await startOurs({ ...postgres.env, ...env }, nodeArgs);
  return {
    ...ours,
    name: 'ours-postgres',
    async stop() {
      await ours.stop();
      await postgres.stop();
    },
  };
}

/**
 * Two of our processes on one private PostgreSQL, with a private Redis passing messages between
 * them. `by-board`: each board's clients on one process, boards taken in turn, as the deployment's
 * proxy sends them (deploy/Caddyfile: the board's address picks the process), so an edit crosses
 * to the other process only for a change the server makes there. `split`: clients alternate
 * between the processes, so every board is on both and most edits cross through Redis (what
 * happens to a board while one process restarts and its people come back to the other).
 */
function startOursTwoProcesses(spread: 'by-board' | 'split'): () => Promise<CollabTarget> {
  return async () => {
    const postgres = await postgresForTarget();
    const redis = await startRedisProcess();
    const env = { ...postgres.env, REDIS_URL: redis.url, REDIS_PREFIX: `bench:${process.pid}:` };
    const first = await startOurs({ ...env, SEED_DEMO: '1' });
    const second = await startOurs({ ...env, SEED_DEMO: '0' }, [], first.server.dataDir);
    let next = 0;
    const processOfBoard = new Map<string, typeof first>();
    const processFor = (room: string) => {
      if (spread === 'split') return next++ % 2 ? second : first;
      let chosen = processOfBoard.get(room);
      if (!chosen) processOfBoard.set(room, (chosen = processOfBoard.size % 2 ? second : first));
      return chosen;
    };
    return {
      name: spread === 'split' ? 'ours-2-processes-split' : 'ours-2-processes',
      author: first.author,
      pids: () => [first.server.pid()!, second.server.pid()!],
      rooms: (count) => first.rooms(count),
      connect: (room) => processFor(room).connect(room),
      async stop() {
        await Promise.all([first.stop(), second.stop()]);
        await Promise.all([redis.stop(), postgres.stop()]);
      },
    };
  };
}

/** The two-process and PostgreSQL rows need redis-server and PostgreSQL (npm test installs both). */
export const hasClusterServers = () => spawnSync('redis-server', ['--version']).status === 0 && spawnSync('bash', ['-c', 'ls /usr/lib/postgresql/*/bin/initdb']).status === 0;

export const collabTargets: Record<TargetName, () => Promise<CollabTarget>> = {
  ours: () => startOurs(),
  'ours-postgres': () => startOursOnPostgres(),
  'ours-2-processes': startOursTwoProcesses('by-board'),
  'ours-2-processes-split': startOursTwoProcesses('split'),
  'y-websocket': startYWebsocketReference,
  hocuspocus: startHocuspocus,
};
