import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, signedInAt } from '../helpers/browser';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept, testPassword } from '../helpers/outbox';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';
import { dayIn } from '../helpers/dates';
import { timelineStatus } from '../helpers/site-page';
import { defaultPlan } from '@shared/programme/plan';

/** "Completion of the survey is not compulsory" (guide section 3): the lead says the site is not running it, then changes their mind. */
let server: RunningServer;
let browser: Browser;
let siteId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startApp(), launchBrowser()]);
  const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Brookside' })).body.id;
  await inviteAndAccept(server, facilitator, siteId, 'lead@brookside.example', { role: 'lead' });
  // The survey should have opened a week ago.
  await facilitator.request('PUT', `/api/sites/${siteId}/programme-plan`, defaultPlan(dayIn(56), 'Wave 4'));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a site not running the school survey, in the browser', () => {
  it('the lead answers one question, and the survey’s deadlines show as not needed until they change it back', async () => {
    const lead = await signedInAt(browser, `${server.url}/sites/${siteId}`, 'lead@brookside.example', testPassword);
    await lead.getByRole('heading', { name: /Programme timeline/ }).waitFor();
    expect(await timelineStatus(lead, 'School and FE college survey opens')).toBe('Overdue');

    await lead.getByRole('link', { name: 'This site is not running the survey' }).click();
    await lead.getByRole('heading', { name: 'Is this site running the school and FE college survey?' }).waitFor();
    expect(await lead.title()).toContain('Is this site running the school and FE college survey?');
    await expectAccessible(lead, 'whether the site runs the school survey');
    // Nobody has answered yet, so nothing is chosen for them.
    expect(await lead.getByRole('radio', { checked: true }).count()).toBe(0);
    await lead.getByLabel('No, this site is not running the survey').check();
    await lead.getByRole('button', { name: 'Save and continue' }).click();
    await lead.getByRole('heading', { name: /Programme timeline/ }).waitFor();
    await expect.poll(() => timelineStatus(lead, 'School and FE college survey opens')).toBe('Not needed');
    expect(await timelineStatus(lead, 'Deadline for schools and FE colleges to complete the survey')).toBe('Not needed');
    await lead.getByText('This site is not running the survey.').waitFor();
    expect(await lead.getByRole('button', { name: 'Open a survey' }).count()).toBe(0);

    await lead.getByRole('link', { name: 'Run the survey after all' }).click();
    expect(await lead.getByLabel('No, this site is not running the survey').isChecked()).toBe(true);
    await lead.getByLabel('Yes', { exact: true }).check();
    await lead.getByRole('button', { name: 'Save and continue' }).click();
    await expect.poll(() => timelineStatus(lead, 'School and FE college survey opens')).toBe('Overdue');
    await lead.getByRole('button', { name: 'Open a survey' }).waitFor();
    await lead.context().close();
  }, 90_000);
});
