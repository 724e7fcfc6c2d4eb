import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoInstrument } from '@shared/survey/demo-instrument';
import { allItems } from '@shared/survey/instrument';
import { adminCli } from '../helpers/admin-cli';
import { startApp } from '../helpers/app';
import { collabClient, whenSynced } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { postgresUrl, uniqueSchema } from '../helpers/postgres';
import { runConsultationAndReview } from '../helpers/programme';
import { demoPassword, type RunningServer } from '../helpers/server';

/**
 * Moving up is a restore: a locality that started on the embedded store backs it up and
 * restores the archive into PostgreSQL, and back the other way. Everything people see reads the
 * same afterwards: sites, meetings and their records, goals, the survey and its release, boards.
 */
const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'lp-moving-'));

/** What a facilitator reads of the whole installation, as JSON, for comparing one store with another. */
async function everythingReadBy(server: RunningServer, ids: { siteId: string; consultationId: string; reviewId: string; campaignId: string; docName: string }) {
  const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  const paths = [
    '/api/sites',
    `/api/sites/${ids.siteId}`,
    `/api/sites/${ids.siteId}/meetings`,
    `/api/sites/${ids.siteId}/goals`,
    `/api/sites/${ids.siteId}/directory`,
    `/api/sites/${ids.siteId}/surveys`,
    `/api/sites/${ids.siteId}/evaluation`,
    `/api/meetings/${ids.consultationId}/report`,
    `/api/meetings/${ids.reviewId}/report`,
    `/api/meetings/${ids.consultationId}/attendance`,
    `/api/surveys/${ids.campaignId}/results`,
    '/api/admin/accounts',
  ];
  const read: Record<string, unknown> = {};
  for (const p of paths) {
    const answer = await facilitator.get(p);
    expect(answer.status, p).toBe(200);
    read[p] = answer.body;
  }
  const board = collabClient(server.wsUrl, ids.docName, facilitator.cookie);
  await whenSynced(board);
  read.board = board.doc.getMap('entries').toJSON();
  board.destroy();
  // Last sign-in times move with every sign-in, this one included.
  (read['/api/admin/accounts'] as { lastSignInAt?: unknown }[]).forEach((account) => delete account.lastSignInAt);
  // Links name the address of the server that made them.
  return JSON.parse(JSON.stringify(read).replaceAll(server.url, 'SERVER')) as Record<string, unknown>;
}

describe('moving between the embedded store and PostgreSQL by backup and restore', () => {
  it('carries everything from SQLite to PostgreSQL and back, and refuses to restore over data', async () => {
    // A year on the embedded store: a consultation, a review, a released survey and a board.
    const embedded = await startApp();
    servers.push(embedded);
    const facilitator = await ApiClient.signIn(embedded.url, 'facilitator@demo.example', demoPassword);
    const year = await runConsultationAndReview(embedded, facilitator, 'Moving Borough');
    const opened = await facilitator.post(`/api/sites/${year.siteId}/surveys`, { accessMode: 'open', opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString() });
    const token = opened.body.publicUrl.split('/s/')[1];
    const answers = Object.fromEntries(allItems(demoInstrument).map((item, i) => [item.id, (i % 4) + 1]));
    for (let i = 0; i < 11; i++) expect((await new ApiClient(embedded.url).post(`/api/public/surveys/${token}/responses`, { answers, context: { setting: 'primary' } })).status).toBe(201);
    await facilitator.patch(`/api/surveys/${opened.body.id}`, { opensAt: opened.body.opensAt, closesAt: new Date().toISOString() });
    const docName = `site:${year.siteId}:moving`;
    const writer = collabClient(embedded.wsUrl, docName, facilitator.cookie);
    await whenSynced(writer);
    for (let i = 0; i < 30; i++) writer.doc.getMap<string>('entries').set(`note-${i}`, `Written on the embedded store ${i}`);
    const ids = { siteId: year.siteId, consultationId: year.consultationId, reviewId: year.reviewId, campaignId: opened.body.id as string, docName };
    // Read once before, so what reading changes (the survey's release, made when its results are first asked for) is in the copy.
    await everythingReadBy(embedded, ids);
    const before = await everythingReadBy(embedded, ids);
    writer.destroy();
    expect((before[`/api/surveys/${ids.campaignId}/results`] as { released: number }).released).toBe(11);
    expect(Object.keys(before.board as object)).toHaveLength(30);

    // Backed up while it runs, and restored into an empty PostgreSQL schema.
    const archive = path.join(tempDir(), 'moving.archive');
    const backedUp = await adminCli({ DATA_DIR: embedded.dataDir }, 'backup', '--to', archive);
    expect(backedUp.code, backedUp.out).toBe(0);
    const postgres = { DATABASE_URL: postgresUrl(), DATABASE_SCHEMA: uniqueSchema() };
    const intoPostgres = await adminCli({ DATA_DIR: tempDir(), ...postgres }, 'restore', '--from', archive);
    expect(intoPostgres.code, intoPostgres.out).toBe(0);
    expect(intoPostgres.out).toContain('into PostgreSQL');
    const onPostgres = await startApp({ env: { ...postgres, SEED_DEMO: '0' } });
    servers.push(onPostgres);
    expect(await everythingReadBy(onPostgres, ids)).toEqual(before);

    // A restore never lands under a running server, or on top of data: refused, and nothing changed.
    const again = await adminCli({ DATA_DIR: tempDir(), ...postgres }, 'restore', '--from', archive);
    expect(again.code).toBe(1);
    expect(again.out).toContain('A server is connected to this PostgreSQL schema');

    // PostgreSQL keeps working after the move, and its backup restores into a new embedded store.
    const lead = await ApiClient.signIn(onPostgres.url, 'facilitator@demo.example', demoPassword);
    const board = collabClient(onPostgres.wsUrl, docName, lead.cookie);
    await whenSynced(board);
    board.doc.getMap<string>('entries').set('note-after-move', 'Written on PostgreSQL');
    const after = await everythingReadBy(onPostgres, ids);
    board.destroy();
    expect(after.board).toMatchObject({ 'note-after-move': 'Written on PostgreSQL' });
    const back = path.join(tempDir(), 'back.archive');
    expect((await adminCli({ DATA_DIR: tempDir(), ...postgres }, 'backup', '--to', back)).code).toBe(0);
    const embeddedAgain = tempDir();
    const intoSqlite = await adminCli({ DATA_DIR: embeddedAgain }, 'restore', '--from', back);
    expect(intoSqlite.code, intoSqlite.out).toBe(0);
    const onSqlite = await startApp({ dataDir: embeddedAgain, env: { SEED_DEMO: '0' } });
    servers.push(onSqlite);
    expect(await everythingReadBy(onSqlite, ids)).toEqual(after);
  }, 120_000);

  it('loads a database file from a release before archives into PostgreSQL', async () => {
    const postgres = { DATABASE_URL: postgresUrl(), DATABASE_SCHEMA: uniqueSchema() };
    const fixture = path.resolve(import.meta.dirname, '../fixtures/release-2026-11-23.db');
    const restored = await adminCli({ DATA_DIR: tempDir(), ...postgres }, 'restore', '--from', fixture);
    expect(restored.code, restored.out).toBe(0);
    const server = await startApp({ env: { ...postgres, SEED_DEMO: '0' } });
    servers.push(server);
    const lead = await ApiClient.signIn(server.url, 'lead@demo.example', demoPassword);
    const sites = (await lead.get('/api/sites')).body as { name: string }[];
    expect(sites.map((s) => s.name)).toEqual(['Demo Borough']);
  });
});
