import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { formatDateTime } from '@shared/format';
import { ukDay } from '@shared/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoInstrument } from '@shared/survey/demo-instrument';
import { allItems } from '@shared/survey/instrument';
import type { SurveyCount } from '@shared/survey/api';
import { rowCounts, storedResponses } from '../helpers/db';
import { eventually } from '../helpers/collab';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { connectedSocket, request, type ClientSocket } from '../helpers/realtime';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

let server: RunningServer;
let lead: ApiClient;
let facilitator: ApiClient;
let outsider: ApiClient;
let siteId: string;
let campaignId: string;
let token: string;
let socket: ClientSocket;
const counts: SurveyCount[] = [];

const items = allItems(demoInstrument);
const answersFor = (n: number) => Object.fromEntries(items.map((item, k) => [item.id, ((n + k) % 5) + 1]));
const settingFor = (n: number) => (n % 2 ? 'primary' : 'secondary');
const submit = (body: unknown, headers: Record<string, string> = {}) =>
  new ApiClient(server.url).request('POST', `/api/public/surveys/${token}/responses`, body, { headers });

beforeAll(async () => {
  server = await startApp();
  lead = await ApiClient.signIn(server.url, 'lead@demo.example', demoPassword);
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await lead.get('/api/sites')).body[0].id;
  outsider = await ApiClient.signIn(server.url, 'stakeholder1@demo.example', demoPassword);
  const created = await lead.post(`/api/sites/${siteId}/surveys`, {
    accessMode: 'open',
    opensAt: new Date(Date.now() - 3600_000).toISOString(),
    closesAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
  });
  expect(created.status).toBe(201);
  campaignId = created.body.id;
  token = created.body.publicUrl.split('/s/')[1];
  expect(created.body.emailText).toContain(created.body.publicUrl);
  socket = await connectedSocket(server.url, lead.cookie);
  socket.on('survey:count', (c) => counts.push(c));
  expect((await request(socket, 'survey:watch', { campaignId })).data).toMatchObject({ completed: 0, completedExact: false, threshold: 10 });
});
afterAll(async () => {
  socket?.close();
  await server?.stop();
});

describe('the school survey', () => {
  it('opens on the dates of the site’s programme, closing at 5pm UK time, with an unguessable link', async () => {
    const { plan } = (await facilitator.get(`/api/sites/${siteId}/timeline`)).body as { plan: { surveyOpensOn: string; surveyClosesOn: string } };
    const created = await facilitator.post(`/api/sites/${siteId}/surveys`, { accessMode: 'codes' });
    expect(created.status).toBe(201);
    expect(ukDay(created.body.closesAt)).toBe(plan.surveyClosesOn);
    expect(formatDateTime(created.body.closesAt)).toMatch(/ at 5:00pm$/);
    // From the programme's opening day, or from now if that day has begun.
    expect(ukDay(created.body.opensAt)).toBe(plan.surveyOpensOn > ukDay(new Date()) ? plan.surveyOpensOn : ukDay(new Date()));
    expect(created.body.publicUrl.split('/s/')[1]!.length).toBeGreaterThanOrEqual(24);
    expect((await outsider.post(`/api/sites/${siteId}/surveys`, { accessMode: 'open' })).status).toBe(403);
  });

  it('shows a school the questions without signing in, marked as a demonstration', async () => {
    const response = await new ApiClient(server.url).get(`/api/public/surveys/${token}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'open', demonstration: true, needsCode: false });
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('with 9 completed, every results route, the socket feed and the export reveal only the count, in steps of five', async () => {
    const countsBefore = counts.length;
    for (let n = 1; n <= 9; n++) {
      const reply = await submit({ answers: answersFor(n), context: { setting: settingFor(n) } });
      expect(reply.status).toBe(201);
      expect(reply.headers.get('set-cookie')).toBeNull();
    }
    expect(storedResponses(server.dataDir, campaignId)).toBe(9);
    // Nine answers, one message: the step to five. A marker sent after the ninth answer proves
    // no message for the sixth to ninth is still on its way.
    await eventually(() => expect(counts.at(-1)?.completed).toBe(5));
    expect((await request(socket, 'survey:watch', { campaignId })).data).toMatchObject({ completed: 5, completedExact: false });
    expect(counts.slice(countsBefore).map((c) => c.completed)).toEqual([5]);
    expect(counts.every((c) => Object.keys(c).sort().join() === 'campaignId,closesAt,completed,completedExact,threshold')).toBe(true);
    for (const query of ['', '?breakdown=setting', '?filter.setting=primary', '?breakdown=role']) {
      const results = await facilitator.get(`/api/surveys/${campaignId}/results${query}`);
      expect(results.status).toBe(200);
      expect(results.body).toEqual({ completed: 5, completedExact: false, threshold: 10, released: null, answer: { kind: 'too-few', reason: 'Results are shown once 10 surveys are complete' } });
    }
    const csv = await facilitator.get(`/api/surveys/${campaignId}/export.csv`);
    expect(csv.body.trim().split('\n')).toEqual(['measure,group,from the first,responses,mean,sd', 'completed surveys,all,,5 or more,,']);
    const summary = (await lead.get(`/api/surveys/${campaignId}`)).body;
    expect(summary).toMatchObject({ completed: 5, completedExact: false, released: false });
  });

  it('shows the results of a survey with an open link only to facilitators: the lead, who sends the link, sees the count', async () => {
    for (const who of [lead, outsider]) {
      const results = await who.get(`/api/surveys/${campaignId}/results?breakdown=setting`);
      expect(results.status).toBe(200);
      expect(results.body).toMatchObject({ completed: 5, released: null, answer: { kind: 'withheld' } });
      expect(results.body.answer.reason).toContain('shown only to facilitators');
    }
    expect((await lead.get(`/api/surveys/${campaignId}/export.csv`)).body.trim().split('\n')).toEqual(['measure,group,from the first,responses,mean,sd', 'completed surveys,all,,5 or more,,']);
  });

  it('the 10th completed survey makes results appear', async () => {
    expect((await submit({ answers: answersFor(10), context: { setting: settingFor(10) } })).status).toBe(201);
    await eventually(() => expect(counts.at(-1)?.completed).toBe(10));
    const results = await facilitator.get(`/api/surveys/${campaignId}/results`);
    expect(results.body.released).toBe(10);
    expect(results.body.answer.kind).toBe('results');
    expect(results.body.answer.results.factors.map((f: { id: string }) => f.id)).toContain('outreach');
    // 5 primary and 5 secondary: each group is under 10, so the breakdown shows none of them.
    const breakdown = await facilitator.get(`/api/surveys/${campaignId}/results?breakdown=setting`);
    expect(breakdown.body.answer.groups.every((g: { results: unknown }) => g.results === null)).toBe(true);
    const csv = await facilitator.get(`/api/surveys/${campaignId}/export.csv`);
    expect(csv.body).toContain('factor: Outreach and approach by community mental health professionals,all,10');
    // An 11th changes nothing visible: results move in steps of the threshold.
    await submit({ answers: answersFor(11), context: { setting: 'primary' } });
    expect((await facilitator.get(`/api/surveys/${campaignId}/results`)).body).toMatchObject({ completed: 10, completedExact: false, released: 10 });
    // Read first at 23 answers, the next release covers 20: its size is a step of the count as told, never the exact count.
    for (let n = 12; n <= 23; n++) expect((await submit({ answers: answersFor(n), context: { setting: settingFor(n) } })).status).toBe(201);
    const next = (await facilitator.get(`/api/surveys/${campaignId}/results`)).body;
    expect(next).toMatchObject({ completed: 20, completedExact: false, released: 20 });
    expect(next.answer.results.factors.every((f: { n: number }) => f.n <= 20)).toBe(true);
  });

  it('refuses invalid submissions with a 4xx and stores nothing', async () => {
    const complete = { answers: answersFor(1), context: { setting: 'primary' } };
    const { t1: _missing, ...missingItem } = complete.answers;
    const before = rowCounts(server.dataDir).survey_responses;
    const cases: [unknown, string, number][] = [
      [{ ...complete, answers: missingItem }, token, 400],
      [{ ...complete, answers: { ...complete.answers, t2: 7 } }, token, 400],
      [{ ...complete, context: { setting: 'castle' } }, token, 400],
      [{ answers: 'all of them' }, token, 400],
      [complete, 'no-such-survey-link-0000', 404],
      [complete, 'bad', 400],
    ];
    for (const [body, link, status] of cases) {
      const reply = await new ApiClient(server.url).request('POST', `/api/public/surveys/${link}/responses`, body);
      expect(reply.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(typeof reply.body.error).toBe('string');
    }
    // A closed survey and a reused access code.
    const closed = await lead.post(`/api/sites/${siteId}/surveys`, { accessMode: 'open', opensAt: '2020-11-01T00:00:00Z', closesAt: '2020-11-26T17:00:00Z' });
    const closedToken = closed.body.publicUrl.split('/s/')[1];
    expect((await new ApiClient(server.url).request('POST', `/api/public/surveys/${closedToken}/responses`, complete)).status).toBe(409);
    const coded = await lead.post(`/api/sites/${siteId}/surveys`, { accessMode: 'codes', opensAt: '2020-11-01T00:00:00Z', closesAt: '2099-11-26T17:00:00Z' });
    const codedToken = coded.body.publicUrl.split('/s/')[1];
    const { codes } = (await lead.post(`/api/surveys/${coded.body.id}/codes`, { count: 2 })).body;
    expect(codes).toHaveLength(2);
    const post = (body: unknown) => new ApiClient(server.url).request('POST', `/api/public/surveys/${codedToken}/responses`, body);
    // A school's code is checked on the first page; checking does not use it up.
    const check = (accessCode: unknown) => new ApiClient(server.url).request('POST', `/api/public/surveys/${codedToken}/access-code`, { accessCode });
    expect((await check(codes[0])).status).toBe(204);
    expect((await check(codes[0].toLowerCase())).status).toBe(204);
    // The lead holds every code, so the check looks only at a code's form (no 0, O, 1 or I; eight characters).
    const mistyped = await check('ABC0-EFGH');
    expect(mistyped.status).toBe(422);
    expect(mistyped.body.fields.accessCode).toMatch(/^This access code is not right, or has already been used/);
    expect((await check('')).status).toBe(400);
    expect((await post(complete)).status).toBe(400);
    expect((await post({ ...complete, accessCode: codes[0] })).status).toBe(201);
    expect((await post({ ...complete, accessCode: codes[0] })).status).toBe(409);
    expect((await post({ ...complete, accessCode: 'ABCD-EFGH' })).status).toBe(409);
    // Once used, the check answers as before: it cannot tell anyone holding the codes which schools have answered.
    expect((await check(codes[0])).status).toBe(204);
    expect((await check(codes[1])).status).toBe(204);
    expect(rowCounts(server.dataDir).survey_responses).toBe(before! + 1);
  });

  it('stores no IP address, user agent, cookie or time of day with a response', async () => {
    await submit({ answers: answersFor(12), context: { setting: 'secondary' } }, { 'User-Agent': 'Distinctive-Agent/9.9', Cookie: 'tracking=abc123' });
    const db = new Database(path.join(server.dataDir, 'link-programme.db'), { readonly: true });
    const columns = db.prepare<[], { name: string }>('PRAGMA table_info(survey_responses)').all().map((c) => c.name);
    const rows = db.prepare('SELECT * FROM survey_responses').all() as Record<string, unknown>[];
    db.close();
    expect(columns.sort()).toEqual(['answers', 'campaign_id', 'context', 'seq', 'submitted_on']);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain('127.0.0.1');
    expect(dump).not.toContain('Distinctive-Agent');
    expect(dump).not.toContain('abc123');
    for (const row of rows) expect(row.submitted_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(server.output()).not.toContain('Distinctive-Agent');
  });

  it('extends or moves a survey, or closes it early for good, keeping a record of each change', async () => {
    const opened = await lead.post(`/api/sites/${siteId}/surveys`, { accessMode: 'open', opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 5 * 86_400_000).toISOString() });
    const link = opened.body.publicUrl.split('/s/')[1];
    const answer = () => new ApiClient(server.url).request('POST', `/api/public/surveys/${link}/responses`, { answers: answersFor(1), context: { setting: 'primary' } });
    const { opensAt } = opened.body;
    expect((await outsider.request('PATCH', `/api/surveys/${opened.body.id}`, { opensAt, closesAt: new Date().toISOString() })).status).toBe(403);
    // Its opening cannot move once it is open; the closing date can.
    const moved = await lead.request('PATCH', `/api/surveys/${opened.body.id}`, { opensAt: new Date().toISOString(), closesAt: opened.body.closesAt });
    expect(moved).toMatchObject({ status: 422, body: { fields: { opensAt: 'The survey has already opened, so its opening date stays as it was' } } });
    expect((await lead.request('PATCH', `/api/surveys/${opened.body.id}`, { opensAt, closesAt: opensAt })).status).toBe(400);

    const extended = await facilitator.request('PATCH', `/api/surveys/${opened.body.id}`, { opensAt, closesAt: new Date(Date.now() + 10 * 86_400_000).toISOString() });
    expect(extended.status).toBe(200);
    expect((await answer()).status).toBe(201);
    expect((await lead.get(`/api/surveys/${opened.body.id}`)).body.closesAt).toBe(extended.body.closesAt);
    const closedEarly = await lead.request('PATCH', `/api/surveys/${opened.body.id}`, { opensAt, closesAt: new Date(Date.now() - 1000).toISOString() });
    expect(closedEarly.status).toBe(200);
    expect(closedEarly.body).toMatchObject({ completed: 1, completedExact: true });
    expect(closedEarly.body.dateChanges.map((c: { by: string }) => c.by)).toEqual(['Farah Facilitator', 'Leo Lead']);
    expect((await answer()).status).toBe(409);
    // Closed for good: opened again and closed later, its exact count would tell how many answered in between.
    const reopened = await lead.request('PATCH', `/api/surveys/${opened.body.id}`, { opensAt, closesAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(reopened.status).toBe(409);
    expect(reopened.body.error).toContain('A survey that has closed stays closed');
    expect((await answer()).status).toBe(409);
  });

  it('keeps people of other sites out of results, export and the live count', async () => {
    const otherSite = (await facilitator.post('/api/sites', { name: 'Survey Outsiders' })).body.id;
    const stranger = await inviteAndAccept(server, facilitator, otherSite, 'stranger@outsiders.example', { role: 'lead' });
    for (const path of [`/api/surveys/${campaignId}`, `/api/surveys/${campaignId}/results`, `/api/surveys/${campaignId}/export.csv`, `/api/sites/${siteId}/surveys`]) {
      expect((await stranger.get(path)).status, path).toBe(403);
    }
    expect((await new ApiClient(server.url).get(`/api/surveys/${campaignId}/results`)).status).toBe(401);
    const strangerSocket = await connectedSocket(server.url, stranger.cookie);
    expect(await request(strangerSocket, 'survey:watch', { campaignId })).toEqual({ ok: false, error: 'You do not have access to this survey' });
    strangerSocket.close();
  });

  it('imports a licensed instrument file from the command line, with clear errors for a bad one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-instrument-'));
    const good = path.join(dir, 'licensed.json');
    fs.writeFileSync(good, JSON.stringify({ ...demoInstrument, id: 'licensed-esmhci-s', demonstration: false, title: 'ESMHCI-S (licensed copy)' }));
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ ...demoInstrument, responseScales: [] }));
    const run = promisify(execFile);
    const env = { ...process.env, DATA_DIR: server.dataDir, REDIS_URL: '' };
    const cwd = path.resolve(import.meta.dirname, '../..');
    const ok = await run(process.execPath, ['--import', 'tsx', 'scripts/import-instrument.ts', good], { env, cwd });
    expect(ok.stdout).toContain('Imported "ESMHCI-S (licensed copy)"');
    const failed = await run(process.execPath, ['--import', 'tsx', 'scripts/import-instrument.ts', bad], { env, cwd }).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('responseScales');
    const opened = await facilitator.post(`/api/sites/${siteId}/surveys`, { accessMode: 'open', instrumentId: 'licensed-esmhci-s', instrumentVersion: '1' });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ title: 'ESMHCI-S (licensed copy)', demonstration: false });
    expect((await facilitator.request('POST', '/api/instruments', { format: 'nope' })).status).toBe(400);
    expect((await lead.request('POST', '/api/instruments', demoInstrument)).status).toBe(403);
  });
});
