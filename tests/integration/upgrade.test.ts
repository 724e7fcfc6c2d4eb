import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaVersion } from '../../server/store/sqlite-schema';
import { ApiClient } from '../helpers/http';
import { demoPassword, startServer, type RunningServer } from '../helpers/server';

/**
 * A database made by the previous release (commit 4fd7378, 23 November 2026: the demo site, a
 * survey with 12 responses and its first release in the old format, a baseline evaluation answer
 * stored without an id) opens in this one: migrations run, and everything reads as before.
 */
let server: RunningServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-upgrade-'));
  fs.copyFileSync(path.resolve(import.meta.dirname, '../fixtures/release-2026-11-23.db'), path.join(dataDir, 'link-programme.db'));
  server = await startServer({ dataDir });
});
afterAll(async () => {
  await server?.stop();
});

describe('upgrading from the previous release', () => {
  it('runs the numbered migrations once', () => {
    const db = new Database(path.join(dataDir, 'link-programme.db'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(schemaVersion);
    db.close();
  });

  it('keeps the accounts, the survey and its release, and the evaluation answers', async () => {
    const lead = await ApiClient.signIn(server.url, 'lead@demo.example', demoPassword);
    const sites = (await lead.get('/api/sites')).body as { id: string; name: string }[];
    expect(sites.map((s) => s.name)).toEqual(['Demo Borough']);
    const [survey] = (await lead.get(`/api/sites/${sites[0]!.id}/surveys`)).body as { id: string; completed: number; released: boolean }[];
    expect(survey).toMatchObject({ completed: 12, released: true });
    const results = (await lead.get(`/api/surveys/${survey!.id}/results`)).body;
    expect(results).toMatchObject({ released: 12, answer: { kind: 'results', asOf: 12 } });
    const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    const evaluation = (await facilitator.get(`/api/sites/${sites[0]!.id}/evaluation`)).body;
    expect(evaluation.responses.baseline).toBe(1);
  });
});
