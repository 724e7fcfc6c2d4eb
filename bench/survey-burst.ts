import Database from 'better-sqlite3';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { allItems } from '@shared/survey/instrument';
import { demoInstrument } from '@shared/survey/demo-instrument';
import { cpuMeter, pool, summarise, type LatencySummary } from './lib/measure';
import type { startOurs } from './lib/targets';

export interface SurveyBurstLoad {
  submissions: number;
  concurrency: number;
}

export interface SurveyBurstResult {
  load: SurveyBurstLoad;
  perSecond: number;
  latencyMs: LatencySummary;
  acknowledged: number;
  stored: number;
  lost: number;
  rawInsertsPerSecond: number;
  ratioToRaw: number;
  serverCpu: number;
}

const items = allItems(demoInstrument);
const answersFor = (n: number) => Object.fromEntries(items.map((item, k) => [item.id, ((n + k) % 5) + 1]));

/**
 * The same rows written by a bare better-sqlite3 loop, one transaction per response, with the
 * server's settings (WAL, synchronous NORMAL): the ceiling the HTTP path is compared against.
 */
function rawInsertLoop(count: number): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-raw-'));
  const db = new Database(path.join(dir, 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE survey_responses (seq INTEGER PRIMARY KEY AUTOINCREMENT, campaign_id TEXT NOT NULL, submitted_on TEXT NOT NULL, answers TEXT NOT NULL, context TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO survey_responses (campaign_id, submitted_on, answers, context) VALUES (?, ?, ?, ?)');
  const store = db.transaction((n: number) => insert.run('c1', '2026-11-26', JSON.stringify(answersFor(n)), JSON.stringify({ setting: 'primary' })));
  const started = performance.now();
  for (let n = 0; n < count; n++) store(n);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return Math.round(count / seconds);
}

/** A survey deadline: N schools submit over HTTP, C at a time; every acknowledged one must be stored. */
export async function runSurveyBurst(ours: Awaited<ReturnType<typeof startOurs>>, load: SurveyBurstLoad): Promise<SurveyBurstResult> {
  const { api, server } = ours;
  const siteId = (await api.get('/api/sites')).body[0].id as string;
  const campaign = await api.post(`/api/sites/${siteId}/surveys`, {
    accessMode: 'open',
    opensAt: new Date(Date.now() - 3600_000).toISOString(),
    closesAt: new Date(Date.now() + 86400_000).toISOString(),
  });
  const token = campaign.body.publicUrl.split('/s/')[1] as string;
  const target = new URL(`${server.url}/api/public/surveys/${token}/responses`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: load.concurrency });
  const bodies = Array.from({ length: load.submissions }, (_, n) => JSON.stringify({ answers: answersFor(n), context: { setting: n % 2 ? 'primary' : 'secondary' } }));

  const post = (body: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(target, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });

  const latencies: number[] = [];
  let acknowledged = 0;
  const cpu = cpuMeter(server.pid()!);
  const started = performance.now();
  await pool(bodies, load.concurrency, async (body) => {
    const sent = performance.now();
    const status = await post(body);
    latencies.push(performance.now() - sent);
    if (status === 201) acknowledged += 1;
  });
  const seconds = (performance.now() - started) / 1000;
  const serverCpu = cpu();
  agent.destroy();
  const stored = (await api.get(`/api/surveys/${campaign.body.id}`)).body.completed as number;
  const perSecond = Math.round(acknowledged / seconds);
  const rawInsertsPerSecond = rawInsertLoop(load.submissions);
  return {
    load,
    perSecond,
    latencyMs: summarise(latencies),
    acknowledged,
    stored,
    lost: acknowledged - stored,
    rawInsertsPerSecond,
    ratioToRaw: Math.round((perSecond / rawInsertsPerSecond) * 1000) / 1000,
    serverCpu,
  };
}
