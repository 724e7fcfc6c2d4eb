import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaVersion } from '../../server/store/sqlite-schema';
import { publishedCount } from '@shared/survey/count';
import { ApiClient } from '../helpers/http';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

/**
 * Data written by the previous release (commit 4fd7378, 23 November 2026: the demo site, a survey
 * with 12 responses and its first release in the old format, a baseline evaluation answer stored
 * without an id) opens in this one: migrations run once, and everything reads as before. The
 * fixture is that release's database file. (Redis no longer keeps anything: see README, "Where
 * data lives", for an installation that kept its data there.)
 */
const fixtures = path.resolve(import.meta.dirname, '../fixtures');

async function expectEverythingReadsAsBefore(server: RunningServer) {
  const lead = await ApiClient.signIn(server.url, 'lead@demo.example', demoPassword);
  const sites = (await lead.get('/api/sites')).body as { id: string; name: string }[];
  expect(sites.map((s) => s.name)).toEqual(['Demo Borough']);
  const [survey] = (await lead.get(`/api/sites/${sites[0]!.id}/surveys`)).body as { id: string; completed: number; released: boolean; closesAt: string }[];
  // Twelve answers: told as "10 or more" until the survey closes on 20 December 2026, then exactly.
  expect(survey).toMatchObject({ ...publishedCount(12, 10, Date.parse(survey!.closesAt) <= Date.now()), released: true });
  // The previous release's survey has no personal links, so its results are for facilitators.
  const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  const results = (await facilitator.get(`/api/surveys/${survey!.id}/results`)).body;
  expect(results).toMatchObject({ released: 12, answer: { kind: 'results', asOf: 12 } });
  const evaluation = (await facilitator.get(`/api/sites/${sites[0]!.id}/evaluation`)).body;
  expect(evaluation.responses.baseline).toBe(1);
}

describe('upgrading a SQLite database from the previous release', () => {
  let server: RunningServer;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-upgrade-'));
    fs.copyFileSync(path.join(fixtures, 'release-2026-11-23.db'), path.join(dataDir, 'link-programme.db'));
    server = await startApp({ dataDir });
  });
  afterAll(async () => server?.stop());

  it('runs the numbered migrations once, rewriting the old release format as a history', () => {
    const db = new Database(path.join(dataDir, 'link-programme.db'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(schemaVersion);
    const releases = db.prepare<[], { json: string }>('SELECT json FROM survey_releases').all();
    expect(releases.map((r) => JSON.parse(r.json))).toEqual([[{ size: 12, figures: [''] }]]);
    db.close();
  });

  it('keeps the accounts, the survey and its release, and the evaluation answers', async () => {
    await expectEverythingReadsAsBefore(server);
  });
});
