import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { demoInstrument } from '@shared/survey/demo-instrument';
import { allItems } from '@shared/survey/instrument';
import { startRoundRobinProxy, type RoundRobinProxy } from '../../scripts/round-robin-proxy';
import { applyStoredDoc } from '../../server/collab/stored-doc';
import { PostgresStore } from '../../server/store/postgres-store';
import { eventually } from '../helpers/collab';
import { bookingIn } from '../helpers/dates';
import { Actor, Submitter, Typist, Waits, pollReadiness, watchBoards, type ReadyPoll } from '../helpers/fault-load';
import { ApiClient } from '../helpers/http';
import { pause } from '../helpers/pace';
import { startPostgresProcess, type PostgresProcess } from '../helpers/postgres-process';
import { uniqueSchema } from '../helpers/postgres';
import { startRedisProcess, type RedisProcess } from '../helpers/redis-process';
import { demoPassword, freePort, startServer, type RunningServer } from '../helpers/server';

/**
 * Two processes on a PostgreSQL and a Redis of the test's own, behind a round-robin balancer,
 * under load from board typists, facilitation actions and survey submissions, through real faults:
 * one process killed with -9, PostgreSQL stopped in `immediate` mode, Redis killed. After each,
 * everything acknowledged is stored exactly once; throughout, nobody waits more than 10 s without
 * an answer or a close code, and /readyz of each process says whether it can save.
 */
let postgres: PostgresProcess;
let redis: RedisProcess;
let servers: RunningServer[];
let proxy: RoundRobinProxy;
let verifier: PostgresStore;
let meetingId: string;
let campaignId: string;
let docName: string;
let baselineVersion: number;
const waits = new Waits();
const typists: Typist[] = [];
const actors: Actor[] = [];
const submitters: Submitter[] = [];
let readiness: ReturnType<typeof pollReadiness>;
let boardWatch: ReturnType<typeof watchBoards>;

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgresProcess(), startRedisProcess()]);
  const proxyPort = await freePort();
  const proxyUrl = `http://127.0.0.1:${proxyPort}`;
  const schema = uniqueSchema();
  const env = { DATABASE_URL: postgres.url, DATABASE_SCHEMA: schema, REDIS_URL: redis.url, REDIS_PREFIX: 'faults:', PUBLIC_URL: proxyUrl, SURVEY_RATE_LIMIT: '100000' };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-cluster-faults-'));
  // The first makes the tables and the demo data; the second then starts beside it.
  servers = [await startServer({ env: { ...env, SEED_DEMO: '1' }, dataDir })];
  servers.push(await startServer({ env: { ...env, SEED_DEMO: '0' }, dataDir }));
  proxy = await startRoundRobinProxy(proxyPort, servers.map((s) => s.port));
  verifier = await PostgresStore.open(postgres.url, { schema, poolSize: 2 });

  const facilitator = await ApiClient.signIn(proxyUrl, 'facilitator@demo.example', demoPassword);
  const siteId = (await facilitator.get('/api/sites')).body[0].id;
  meetingId = (await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: bookingIn(37), durationMinutes: 120 })).body.id;
  expect((await facilitator.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
  const campaign = await facilitator.post(`/api/sites/${siteId}/surveys`, { accessMode: 'open', opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString() });
  campaignId = campaign.body.id;
  const token = campaign.body.publicUrl.split('/s/')[1];
  baselineVersion = (await verifier.getVersioned('facilitation', meetingId))?.version ?? 0;

  // Through the balancer, which alternates: the load is split over both processes.
  docName = `site:${siteId}:cluster-faults-${crypto.randomBytes(4).toString('hex')}`;
  for (let i = 0; i < 6; i++) typists.push(new Typist(proxyUrl.replace('http', 'ws'), docName, facilitator.cookie, `t${i}`, waits));
  for (let i = 0; i < 4; i++) actors.push(new Actor(proxyUrl, facilitator.cookie, meetingId, waits));
  const answers = Object.fromEntries(allItems(demoInstrument).map((item) => [item.id, 3]));
  for (let i = 0; i < 4; i++) submitters.push(new Submitter(proxyUrl, token, answers, waits));
  await eventually(() => expect(typists.every((t) => t.client.provider.synced) && actors.every((a) => a.socket.connected)).toBe(true), 20_000);
  readiness = pollReadiness(servers.map((s) => s.url), waits);
  boardWatch = watchBoards(typists);
}, 90_000);

afterAll(async () => {
  await boardWatch?.stop();
  await readiness?.stop();
  for (const typist of typists) typist.client.destroy();
  for (const actor of actors) actor.socket.close();
  await proxy?.close();
  await Promise.all((servers ?? []).map((s) => s.stop()));
  await verifier?.close();
  await redis?.stop();
  await postgres?.stop();
});

/** Rejects with `explain()` if `promise` has not settled within `ms`: a hang is reported, not waited out. */
function settles<T>(promise: Promise<T>, ms: number, explain: () => string): Promise<T> {
  return Promise.race([promise, pause(ms).then(() => Promise.reject(new Error(explain())))]);
}

const progress = () =>
  `typists saved: ${typists.map((t) => `${t.name} ${t.acknowledged.size}/${t.typed.size}${t.client.provider.wsconnected ? '' : ` (disconnected, last closed ${JSON.stringify(t.client.closes.at(-1))})`}`).join(', ')}; ` +
  `actions ${actors.map((a) => a.acknowledged).join('+')}; submissions ${submitters.map((s) => s.acknowledged).join('+')}; latest failures: ${waits.latest.join(' | ')}`;

/** Runs the load, does the fault in the middle of it, lets every sender finish what it was sending, and waits for every board to be saved. */
async function underLoad(fault: () => Promise<void>): Promise<{ from: number; to: number }> {
  const from = Date.now();
  for (const typist of typists) typist.start(80);
  for (const actor of actors) actor.start(40);
  for (const submitter of submitters) submitter.start(40);
  await pause(1500);
  await fault();
  await pause(1500);
  const senders = [...typists, ...actors, ...submitters];
  await settles(Promise.all(senders.map((s) => s.stop())), 30_000, () => `the senders did not finish within 30 s: ${progress()}`);
  await eventually(() => expect(typists.every((t) => t.allSaved), progress()).toBe(true), 20_000);
  return { from, to: Date.now() };
}

/** Everything acknowledged so far is in the store exactly once, read afresh (not from any process's memory). */
async function expectEverythingAcknowledgedStored(): Promise<void> {
  const stored = applyStoredDoc(new Y.Doc(), await verifier.loadDoc(docName)).getMap<string>('entries');
  for (const typist of typists) {
    expect(typist.acknowledged.size, `${typist.name} typed and was told it was saved`).toBe(typist.typed.size);
    const missing = [...typist.acknowledged].filter((key) => stored.get(key) !== typist.typed.get(key));
    expect({ typist: typist.name, missing }).toEqual({ typist: typist.name, missing: [] });
  }
  // Nothing stored that nobody typed, and each entry once (one key each, so the counts say it).
  const typed = typists.reduce((n, t) => n + t.typed.size, 0);
  expect(stored.size).toBe(typed);
  const actions = actors.reduce((n, a) => n + a.acknowledged, 0);
  const submissions = submitters.reduce((n, s) => n + s.acknowledged, 0);
  const version = ((await verifier.getVersioned('facilitation', meetingId))?.version ?? 0) - baselineVersion;
  const rows = (await verifier.listResponses(campaignId, 1_000_000)).length;
  expect({ version, responses: await verifier.countResponses(campaignId), rows }).toEqual({ version: actions, responses: submissions, rows: submissions });
  expect(actions).toBeGreaterThan(0);
  expect(submissions).toBeGreaterThan(0);
  expect(waits.overdue, 'waits past 10 s with no answer and no close code').toEqual([]);
  // A facilitator whose action could not be saved is told so (nothing changed, try again), as the HTTP API would.
  expect(waits.unexplained).toEqual([]);
  // Everyone still connected sees all of it, whichever process they are on: an update whose
  // message between the processes was lost in the fault is read from the store.
  const everything = stored.toJSON();
  await eventually(() => {
    for (const typist of typists) expect(typist.client.doc.getMap<string>('entries').toJSON(), `${typist.name}'s board`).toEqual(everything);
  }, 10_000);
}

const pollsOf = (process: number, from: number, to: number) => readiness.polls.filter((p) => p.process === process && p.sentAt >= from && p.sentAt + p.ms <= to);
const summary = (polls: ReadyPoll[]) => polls.map((p) => `${p.status}${p.body?.fanOut ? `/${p.body.fanOut}` : ''} ${p.ms}ms`).join(', ');
/** A process is ready within a few seconds of `since`, and stays ready until `to`. */
function expectReadyAgain(process: number, since: number, to: number): void {
  const after = pollsOf(process, since, to);
  const first = after.findIndex((p) => p.status === 200);
  expect(first, summary(after)).toBeGreaterThanOrEqual(0);
  expect(after[first]!.sentAt - since, summary(after)).toBeLessThan(5_000);
  expect(after.slice(first).filter((p) => p.status !== 200), summary(after)).toEqual([]);
}
/** While PostgreSQL is away, a process says so: 503, at once. */
function expectNotReady(process: number, from: number, to: number): void {
  const away = pollsOf(process, from, to);
  expect(away.length, summary(away)).toBeGreaterThan(2);
  expect(away.filter((p) => p.status !== 503 || p.ms > 1500), summary(away)).toEqual([]);
}

describe('two processes on PostgreSQL under load, through real faults', () => {
  it('kill -9 of one process: its people reconnect through the balancer to the other, and nothing acknowledged is lost or doubled', async () => {
    let killed = 0;
    let restarting = 0;
    let restarted = 0;
    const scenario = await underLoad(async () => {
      await servers[1]!.kill('SIGKILL');
      killed = Date.now();
      await pause(2500);
      restarting = Date.now();
      await servers[1]!.start();
      restarted = Date.now();
    });
    await expectEverythingAcknowledgedStored();
    // The other process stayed ready throughout; the killed one answered nothing, then was ready again.
    const survivor = pollsOf(0, scenario.from, scenario.to);
    expect(survivor.filter((p) => p.status !== 200), summary(survivor)).toEqual([]);
    const down = pollsOf(1, killed, restarting);
    expect(down.length).toBeGreaterThan(0);
    expect(down.filter((p) => p.status !== 'refused'), summary(down)).toEqual([]);
    expectReadyAgain(1, restarted, scenario.to);
  }, 90_000);

  it('PostgreSQL stopped in immediate mode and started again: both processes say 503 at once while it is away, 200 once it is back, and nothing acknowledged is lost or doubled', async () => {
    let down = 0;
    let restarting = 0;
    let back = 0;
    const scenario = await underLoad(async () => {
      await postgres.crash();
      down = Date.now();
      await pause(2500);
      restarting = Date.now();
      await postgres.start();
      back = Date.now();
    });
    await expectEverythingAcknowledgedStored();
    for (const process of [0, 1]) {
      const before = pollsOf(process, scenario.from, down - 200);
      expect(before.filter((p) => p.status !== 200), summary(before)).toEqual([]);
      expectNotReady(process, down, restarting);
      expectReadyAgain(process, back, scenario.to);
    }
  }, 90_000);

  it('a process killed while PostgreSQL is away: its people keep trying the other process and get in once PostgreSQL is back, and nothing acknowledged is lost or doubled', async () => {
    let down = 0;
    let restarting = 0;
    let back = 0;
    let rejoined = 0;
    const scenario = await underLoad(async () => {
      await postgres.crash();
      down = Date.now();
      await pause(500);
      // Its sockets and boards reconnect to the other process, which cannot check their sessions yet.
      await servers[1]!.kill('SIGKILL');
      await pause(2000);
      restarting = Date.now();
      await postgres.start();
      back = Date.now();
      await servers[1]!.start();
      rejoined = Date.now();
    });
    await expectEverythingAcknowledgedStored();
    expectNotReady(0, down, restarting);
    expectReadyAgain(0, back, scenario.to);
    expectReadyAgain(1, rejoined, scenario.to);
  }, 90_000);

  it('Redis killed and restarted, again and again: every process stays ready, says fan-out is away, and nothing acknowledged is lost or doubled', async () => {
    let down = 0;
    let restarting = 0;
    const scenario = await underLoad(async () => {
      // Short outages while everyone is busy, then a longer one to watch /readyz through.
      for (const gap of [150, 250, 200, 300]) {
        await redis.crash();
        await pause(gap);
        await redis.start();
        await pause(gap);
      }
      await redis.crash();
      down = Date.now();
      await pause(2500);
      restarting = Date.now();
      await redis.start();
    });
    await expectEverythingAcknowledgedStored();
    for (const process of [0, 1]) {
      const all = pollsOf(process, scenario.from, scenario.to);
      expect(all.filter((p) => p.status !== 200), summary(all)).toEqual([]);
      // Both have noticed within a second, and say so at once: the store still saves, fan-out is away.
      const away = pollsOf(process, down + 1000, restarting);
      expect(away.length, summary(away)).toBeGreaterThan(2);
      expect(away.filter((p) => p.ms > 1500 || JSON.stringify(p.body) !== JSON.stringify({ ok: true, store: 'postgres', fanOut: 'away' })), summary(away)).toEqual([]);
      await eventually(() => expect(readiness.polls.filter((p) => p.process === process).at(-1)?.body?.fanOut).toBe('connected'));
    }
  }, 90_000);
});
