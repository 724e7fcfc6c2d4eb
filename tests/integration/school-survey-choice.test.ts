import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPlan } from '@shared/programme/plan';
import { refusalFor } from '@shared/policy';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept } from '../helpers/outbox';
import { startApp, type InProcessServer } from '../helpers/app';
import { demoPassword } from '../helpers/server';
import { dayIn } from '../helpers/dates';

/** "Completion of the survey is not compulsory" (guide section 3): the site says whether it runs it. */
let server: InProcessServer;
let facilitator: ApiClient;
let lead: ApiClient;
let stakeholder: ApiClient;
let siteId: string;

beforeAll(async () => {
  server = await startApp();
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Optional Survey Borough' })).body.id;
  lead = await inviteAndAccept(server, facilitator, siteId, 'lead@optional.example', { role: 'lead' });
  stakeholder = await inviteAndAccept(server, lead, siteId, 'member@optional.example');
  // A year whose survey should have opened a week ago.
  expect((await facilitator.request('PUT', `/api/sites/${siteId}/programme-plan`, { ...defaultPlan(dayIn(56), 'Wave 4') })).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const timeline = async (who: ApiClient) => (await who.get(`/api/sites/${siteId}/timeline`)).body as { surveyRunning: boolean; entries: { id: string; status: string }[]; todos: { id: string; status: string }[] };
const statusOf = (items: { id: string; status: string }[], id: string) => items.find((i) => i.id === id)?.status;
const choose = (who: ApiClient, running: unknown) => who.request('PUT', `/api/sites/${siteId}/school-survey-choice`, { running });

describe('a site that chooses not to run the school survey', () => {
  it('has the survey’s deadlines and the facilitator’s to-do as not needed, until it changes its mind', async () => {
    const before = await timeline(facilitator);
    expect(before.surveyRunning).toBe(true);
    expect(statusOf(before.todos, 'open-survey')).toBe('overdue');

    expect((await choose(lead, 'no')).body.fields).toEqual({ running: 'Choose whether this site is running the school and FE college survey' });
    expect(await choose(stakeholder, false)).toMatchObject({ status: 403, body: { error: refusalFor('open-survey') } });
    expect((await timeline(facilitator)).surveyRunning).toBe(true);

    expect((await choose(lead, false)).status).toBe(200);
    const after = await timeline(facilitator);
    expect(after.surveyRunning).toBe(false);
    expect(statusOf(after.entries, 'survey-opens')).toBe('not-needed');
    expect(statusOf(after.entries, 'survey-closes')).toBe('not-needed');
    expect(statusOf(after.todos, 'open-survey')).toBe('not-needed');

    expect((await choose(facilitator, true)).status).toBe(200);
    expect(statusOf((await timeline(lead)).entries, 'survey-opens')).toBe('overdue');
  });
});
