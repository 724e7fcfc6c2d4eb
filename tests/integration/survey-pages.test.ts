import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoInstrument } from '@shared/survey/demo-instrument';
import { encodeDraft } from '@shared/survey/draft';
import { allItems } from '@shared/survey/instrument';
import { storedResponses } from '../helpers/db';
import { ApiClient } from '../helpers/http';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

/**
 * The plain HTML survey pages, driven as a hostile script would: forms posted from elsewhere,
 * drafts forged or cut short, pages that do not exist, answers off the scale. Each is refused
 * with a clear page, and nothing is counted.
 */
let server: RunningServer;
let lead: ApiClient;
let campaignId: string;
let surveyUrl: string;

const items = allItems(demoInstrument);
const everyAnswer = Object.fromEntries(items.map((item) => [item.id, 1]));
const completed = async () => storedResponses(server.dataDir, campaignId);

/** A form post as a browser on our pages sends it, with the draft cookie it was given. */
async function post(path: string, fields: Record<string, string>, options: { draft?: string; origin?: string } = {}) {
  return fetch(`${surveyUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: options.origin ?? new URL(surveyUrl).origin,
      ...(options.draft ? { Cookie: `survey-draft=${encodeURIComponent(options.draft)}` } : {}),
    },
    body: new URLSearchParams(fields),
  });
}
const draftOf = (answers: Record<string, number | 'n/a'>) => encodeDraft(demoInstrument, { submissionId: 'forged-submission-0001', accessCode: '', context: { setting: 'primary' }, answers });

beforeAll(async () => {
  server = await startApp();
  lead = await ApiClient.signIn(server.url, 'lead@demo.example', demoPassword);
  const siteId = (await lead.get('/api/sites')).body[0].id;
  const created = await lead.post(`/api/sites/${siteId}/surveys`, { accessMode: 'open', opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 86400_000).toISOString() });
  campaignId = created.body.id;
  surveyUrl = created.body.publicUrl;
});
afterAll(async () => {
  await server?.stop();
});

describe('the plain survey pages under attack', () => {
  it('starts a draft only for this survey’s pages, out of reach of scripts, gone when the survey closes', async () => {
    const reply = await post('', {});
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe(`${new URL(surveyUrl).pathname}/about-you`);
    const cookie = reply.headers.get('set-cookie')!;
    expect(cookie).toContain(`Path=${new URL(surveyUrl).pathname}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Expires=/);
  });

  it('refuses a form posted from another website', async () => {
    const before = await completed();
    const reply = await post('/check', {}, { draft: draftOf(everyAnswer), origin: 'https://evil.example' });
    expect(reply.status).toBe(403);
    expect(await reply.text()).toContain('The survey can only be sent from its own pages.');
    expect(await completed()).toBe(before);
  });

  it('starts again when the draft is missing, forged or cut short, and counts nothing', async () => {
    const before = await completed();
    for (const draft of [undefined, 'd1.nonsense', draftOf(everyAnswer).slice(0, 40), draftOf(everyAnswer).replace('d1.', 'd0.')]) {
      const reply = await post('/check', {}, { draft });
      expect(reply.status).toBe(303);
      expect(reply.headers.get('location')).toBe(new URL(surveyUrl).pathname);
    }
    expect(await completed()).toBe(before);
  });

  it('refuses answers off the scale in a forged draft, and a send with questions unanswered', async () => {
    const before = await completed();
    const offScale = await post('/check', {}, { draft: draftOf({ ...everyAnswer, [items[0]!.id]: 20 }) });
    expect(offScale.status).toBe(400);
    expect(await offScale.text()).toContain('Choose one of the answers given');
    const unanswered = await post('/check', {}, { draft: draftOf({ [items[0]!.id]: 1 }) });
    expect(unanswered.status).toBe(400);
    expect(await unanswered.text()).toContain(`Answer every question in “${demoInstrument.sections[0]!.title}”`);
    expect(await completed()).toBe(before);
  });

  it('answers pages that do not exist and bodies too large with a clear page', async () => {
    const missing = await fetch(`${surveyUrl}/section-99`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('There is no such page in this survey.');
    const noSurvey = await fetch(`${server.url}/s/no-survey-here-0000000`);
    expect(noSurvey.status).toBe(404);
    expect(await noSurvey.text()).toContain('There is no survey at this link');
    const huge = await post('/section-1', { [items[0]!.id]: 'x'.repeat(100_000) }, { draft: draftOf({}) });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toMatch(/html/);
  });

  it('stores a survey sent twice (the first answer lost on the way) once', async () => {
    const before = await completed();
    const draft = encodeDraft(demoInstrument, { submissionId: 'resent-submission-0001', accessCode: '', context: { setting: 'secondary' }, answers: everyAnswer });
    for (let attempt = 0; attempt < 2; attempt++) {
      const reply = await post('/check', {}, { draft });
      expect(reply.status).toBe(303);
      expect(reply.headers.get('location')).toBe(`${new URL(surveyUrl).pathname}/sent`);
      expect(reply.headers.get('set-cookie')).toMatch(/survey-draft=;/);
    }
    expect(await completed()).toBe(before + 1);
  });
});
