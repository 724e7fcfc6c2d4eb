import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { defaultPlan } from '@shared/programme/plan';
import { expectAccessible, launchBrowser, screenshot, signedInAt } from '../helpers/browser';
import { startApp } from '../helpers/app';
import { dayIn, bookingIn } from '../helpers/dates';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept, testPassword } from '../helpers/outbox';
import { disconnectCrew, holdConsultation, meetingCrew, script, stakeholderProfiles } from '../helpers/programme';
import { demoPassword, type RunningServer } from '../helpers/server';

/**
 * The site page the day a consultation closed with three goals agreed and the 3-month review
 * booked: the goals are there, with who owns them, and those who name owners are told to.
 */
let server: RunningServer;
let browser: Browser;
let siteId: string;
const phone = { width: 390, height: 844 };

beforeAll(async () => {
  [server, browser] = await Promise.all([startApp(), launchBrowser()]);
  const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Eastbrook' })).body.id as string;
  // The consultation window opened a week ago; the meeting is held today.
  await facilitator.request('PUT', `/api/sites/${siteId}/programme-plan`, defaultPlan(dayIn(-7)));
  await inviteAndAccept(server, facilitator, siteId, 'lee@eastbrook.example', { role: 'lead', name: 'Lee Lead', organisation: 'Borough Council', sector: 'local-authority' });
  const stakeholders = await Promise.all(
    stakeholderProfiles.map((p, i) => inviteAndAccept(server, facilitator, siteId, `s${i}@eastbrook.example`, { name: p.name, organisation: p.organisation, sector: p.sector })),
  );
  const crew = await meetingCrew(server, siteId, facilitator, stakeholders);
  const consultation = await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: new Date(Date.now() + 60_000).toISOString(), durationMinutes: 180, attendeeIds: crew.stakeholders.map((s) => s.id) });
  await holdConsultation(crew, consultation.body.id as string, dayIn(160));
  disconnectCrew(crew);
  const review = await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'review-3m', startsAt: bookingIn(91), durationMinutes: 120, attendeeIds: [], baseMeetingId: consultation.body.id });
  expect(review.status).toBe(201);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the site page after the consultation', () => {
  it('shows the lead on a phone the three goals, that none has an owner yet, and the way to name them', async () => {
    const lead = await signedInAt(browser, `${server.url}/sites/${siteId}`, 'lee@eastbrook.example', testPassword, phone);
    const goals = lead.locator('.app-site-goals');
    await goals.getByRole('link', { name: `Goal 1: ${script.goals[0]}` }).waitFor();
    for (const [n, wording] of script.goals.entries()) expect(await goals.getByRole('listitem').nth(n).textContent()).toBe(`Goal ${n + 1}: ${wording}No owner named yet`);
    expect(await goals.locator('.govuk-inset-text').textContent()).toBe(
      'None of the 3 goals has an owner yet. Name one for each goal on the goals page: the owner is asked to check in on it every month between meetings.',
    );
    await expectAccessible(lead, 'site page after the consultation (lead)');
    await screenshot(lead, 'site-page-after-consultation-phone');

    await goals.getByRole('link', { name: `Goal 1: ${script.goals[0]}` }).click();
    const goal = lead.locator('section.app-goal-progress').first();
    await goal.getByText('Name the owner').click();
    await goal.getByLabel('Who owns goal 1').selectOption({ label: `${stakeholderProfiles[0].name}, ${stakeholderProfiles[0].organisation}` });
    await goal.getByRole('button', { name: 'Save owner' }).click();
    await goal.getByText(`Owner: ${stakeholderProfiles[0].name}`).waitFor();
    await lead.getByRole('link', { name: 'Back to Eastbrook' }).click();
    await goals.getByText(`Owner: ${stakeholderProfiles[0].name}`).waitFor();
    expect(await goals.locator('.govuk-inset-text').textContent()).toMatch(/^2 of the 3 goals have no owner yet\./);
  });

  it('shows the lead on a phone each member’s Remove button on the screen, with the email address under the name', async () => {
    const lead = await signedInAt(browser, `${server.url}/sites/${siteId}`, 'lee@eastbrook.example', testPassword, phone);
    const members = lead.getByRole('region', { name: 'Members of Eastbrook' });
    const remove = members.getByRole('button', { name: /^Remove / });
    await remove.first().waitFor();
    // Nothing of the table lies past the screen's edge, to be found by scrolling it sideways.
    expect(await members.evaluate((region) => region.scrollWidth - region.clientWidth)).toBe(0);
    expect(await remove.count()).toBe(3);
    for (const button of await remove.all()) expect(await button.evaluate((el) => el.getBoundingClientRect().right <= document.documentElement.clientWidth)).toBe(true);
    expect(await members.getByRole('row', { name: /Tom School/ }).getByRole('cell').first().innerText()).toBe('Tom School\ns1@eastbrook.example');
    // On a laptop the address keeps its own column, said once.
    await lead.setViewportSize({ width: 1280, height: 720 });
    expect(await members.getByRole('columnheader', { name: 'Email address' }).isVisible()).toBe(true);
    expect(await members.getByRole('row', { name: /Tom School/ }).getByRole('cell').first().innerText()).toBe('Tom School');
  });

  it('shows the lead on a phone the invitations waiting, with their Send again and Withdraw buttons on the screen', async () => {
    const leadApi = await ApiClient.signIn(server.url, 'lee@eastbrook.example', testPassword);
    expect((await leadApi.post(`/api/sites/${siteId}/invitations`, { email: 'priya.public-health@eastbrook-borough.example', role: 'stakeholder' })).status).toBe(201);
    const lead = await signedInAt(browser, `${server.url}/sites/${siteId}`, 'lee@eastbrook.example', testPassword, phone);
    const waiting = lead.getByRole('region', { name: 'Invitations waiting to be accepted' });
    const buttons = waiting.getByRole('button', { name: /^(Send again|Withdraw) / });
    await buttons.first().waitFor();
    expect(await waiting.evaluate((region) => region.scrollWidth - region.clientWidth)).toBe(0);
    expect(await buttons.count()).toBe(2);
    for (const button of await buttons.all()) expect(await button.evaluate((el) => el.getBoundingClientRect().right <= document.documentElement.clientWidth)).toBe(true);
    await screenshot(lead, 'site-page-invitations-phone');
  });

  it('shows a stakeholder the goals and their owners, without telling them to name owners they cannot', async () => {
    const stakeholder = await signedInAt(browser, `${server.url}/sites/${siteId}`, 's1@eastbrook.example', testPassword);
    const goals = stakeholder.locator('.app-site-goals');
    await goals.getByRole('link', { name: `Goal 3: ${script.goals[2]}` }).waitFor();
    expect(await goals.locator('.govuk-inset-text').count()).toBe(0);
  });
});
