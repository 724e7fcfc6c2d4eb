import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { joinedUpWorkingQuestions } from '@shared/evaluation/questions';
import { defaultPlan } from '@shared/programme/plan';
import { demoInstrument } from '@shared/survey/demo-instrument';
import { allItems } from '@shared/survey/instrument';
import { ApiClient } from '../helpers/http';
import { storageModes } from '../helpers/redis';
import { startApp, type InProcessServer } from '../helpers/app';
import { moveClockTo, restoreClock } from '../helpers/clock';
import { demoPassword } from '../helpers/server';

const servers: InProcessServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});
afterEach(restoreClock);

const items = allItems(demoInstrument);
const answersFor = (n: number) => Object.fromEntries(items.map((item, k) => [item.id, ((n + k) % 5) + 1]));

describe.each(storageModes())('the retention rule (%s)', (_mode, env) => {
  it('deletes survey and evaluation answers the set time after the programme year ends, keeps what was shown, and logs it', async () => {
    // RETENTION_MONTHS=6: the site's year ends with its 6-month review on 30 September 2027.
    moveClockTo('2027-01-05T10:00:00Z');
    const server = await startApp({ env: { ...env, RETENTION_MONTHS: '6' } });
    servers.push(server);
    let facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    const siteId = (await facilitator.get('/api/sites')).body[0].id as string;
    expect((await facilitator.request('PUT', `/api/sites/${siteId}/programme-plan`, { ...defaultPlan('2027-04-03'), review6mBy: '2027-09-30' })).status).toBe(200);
    const created = await facilitator.post(`/api/sites/${siteId}/surveys`, { accessMode: 'open', opensAt: '2027-01-05T09:00:00Z', closesAt: '2027-01-29T17:00:00Z' });
    const campaignId = created.body.id as string;
    const token = created.body.publicUrl.split('/s/')[1] as string;
    for (let n = 0; n < 12; n++) {
      expect((await new ApiClient(server.url).post(`/api/public/surveys/${token}/responses`, { answers: answersFor(n), context: { setting: 'primary' } })).status).toBe(201);
    }
    const lead = await ApiClient.signIn(server.url, 'lead@demo.example', demoPassword);
    const answers = Object.fromEntries(joinedUpWorkingQuestions.map((q) => [q.id, 4]));
    expect((await lead.post(`/api/sites/${siteId}/evaluation`, { kind: 'baseline', answers })).status).toBe(201);
    const shownBefore = (await facilitator.get(`/api/surveys/${campaignId}/results`)).body;
    expect(shownBefore.answer.kind).toBe('results');

    // A day months later: the sweep runs then (as the periodic job would), and the session of
    // January has long expired.
    const backOn = async (iso: string) => {
      moveClockTo(iso);
      await server.runPeriodicJobs();
      facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    };
    // The last day of the retention period: everything is still there.
    await backOn('2028-03-30T12:00:00Z');
    expect((await facilitator.get(`/api/surveys/${campaignId}`)).body.completed).toBe(12);
    expect((await facilitator.get(`/api/sites/${siteId}/evaluation`)).body.responses.baseline).toBe(1);

    // The day after: the answers are gone, and the log says so.
    await backOn('2028-03-31T09:00:00Z');
    expect((await facilitator.get('/api/admin/audit')).body.map((e: { action: string }) => e.action)).toContain('retention-deleted');
    const entry = (await facilitator.get('/api/admin/audit')).body.find((e: { action: string }) => e.action === 'retention-deleted');
    expect(entry).toMatchObject({ actor: 'Retention rule', subject: 'Demo Borough: 12 school survey answers and 1 evaluation answers (programme year ended 2027-09-30)' });
    expect((await facilitator.get(`/api/surveys/${campaignId}`)).body.completed).toBe(0);
    const results = (await facilitator.get(`/api/surveys/${campaignId}/results`)).body;
    expect(results.answer).toMatchObject({ kind: 'deleted' });
    expect(results.answer.reason).toContain('deleted on 31 March 2028 under the retention rule');
    const evaluation = (await facilitator.get(`/api/sites/${siteId}/evaluation`)).body;
    expect(evaluation.responses.baseline).toBe(0);
    expect(evaluation.answersDeletedOn).toMatch(/^2028-03-31/);
    // Once, not at every sweep.
    await server.runPeriodicJobs();
    expect((await facilitator.get('/api/admin/audit')).body.filter((e: { action: string }) => e.action === 'retention-deleted')).toHaveLength(1);
    expect(server.output()).toContain('retention: done');
  }, 120_000);
});
