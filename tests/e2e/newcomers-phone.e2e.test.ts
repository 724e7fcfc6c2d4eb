import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, openLiveConsultation, screenshot, signedInAt } from '../helpers/browser';
import { startApp } from '../helpers/app';
import { ApiClient } from '../helpers/http';
import { invitationToken, inviteAndAccept, testPassword } from '../helpers/outbox';
import { demoPassword, type RunningServer } from '../helpers/server';
import { moveClockTo, restoreClock } from '../helpers/clock';
import { bookingIn } from '../helpers/dates';
import { addUkDays } from '@shared/dates';

/**
 * People new to the tool, on a phone (390×844): what they see the first time they use each part
 * of it must fit the screen, with nothing to find by scrolling sideways.
 */
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const phone = { width: 390, height: 844 };
/** How far the page reaches past the screen's right edge, in CSS pixels (0: it fits). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
/** Whether the element's right edge is on the screen, where a thumb can reach it without scrolling sideways. */
const withinWidth = (element: Locator) => element.evaluate((el) => el.getBoundingClientRect().right <= document.documentElement.clientWidth);

describe('a stakeholder votes on the areas of greatest need on a phone', () => {
  it('sees every domain’s vote buttons and agreed rating on the screen, and sends three votes', async () => {
    const { facilitator, sam } = await openLiveConsultation(browser, server.url, demoPassword);
    await sam.setViewportSize(phone);
    await facilitator.getByRole('button', { name: 'Next: Domain review' }).click();
    // The facilitator on a phone: the last notes column's button stands apart from the section below it.
    await facilitator.getByLabel('Bring everyone to').selectOption('3');
    await facilitator.setViewportSize(phone);
    const recordsHeading = facilitator.getByRole('heading', { name: /^Actions and decisions for / });
    await recordsHeading.waitFor();
    const addChallenge = (await facilitator.getByRole('button', { name: 'Add challenge' }).boundingBox())!;
    expect((await recordsHeading.boundingBox())!.y - (addChallenge.y + addChallenge.height)).toBeGreaterThanOrEqual(20);
    await facilitator.setViewportSize({ width: 1280, height: 900 });
    await facilitator.getByRole('button', { name: 'Next: Areas of greatest need' }).click();
    await facilitator.getByRole('button', { name: 'Yes, move on to areas of greatest need' }).click();
    await facilitator.getByRole('button', { name: 'Open voting' }).click();

    const addVote = (domain: string) => sam.getByRole('button', { name: new RegExp(`add a vote to ${domain}`) });
    await addVote('Shared planning structures').waitFor({ timeout: 10_000 });
    expect(await sideways(sam)).toBe(0);
    for (const button of await sam.getByRole('button', { name: /(add a vote to|remove a vote from)/ }).all()) expect(await withinWidth(button)).toBe(true);
    // The agreed rating is still there, under each domain's name rather than in a column of its own.
    expect(await sam.getByRole('rowheader', { name: /Shared planning structures/ }).textContent()).toContain('Agreed rating: Not rated');
    await screenshot(sam, 'voting-phone');
    await expectAccessible(sam, 'voting on a phone (stakeholder)');

    for (const domain of ['Shared planning structures', 'Shared planning structures', 'Integrated working and access']) await addVote(domain).click();
    await sam.getByRole('button', { name: 'Send my votes' }).click();
    await sam.getByText('Your 3 votes are in.').waitFor();
    // On a laptop the rating keeps its own column, said once.
    await sam.setViewportSize({ width: 1280, height: 720 });
    expect(await sam.getByRole('columnheader', { name: 'Agreed rating' }).isVisible()).toBe(true);
    expect(await sam.getByText('Agreed rating: Not rated').first().isVisible()).toBe(false);
  });
});

describe('a strategic lead opens their invitation on a phone', () => {
  it('reads the invited address whole, wrapped at the screen’s edge, with nothing to scroll sideways for', async () => {
    const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    const site = await facilitator.post('/api/sites', { name: 'Northfield' });
    // Council addresses are long: longer than a phone is wide in 19px type, with nowhere to break.
    const email = 'firstname.longsurname@northfield-metropolitan-borough.gov.uk';
    expect((await facilitator.post(`/api/sites/${site.body.id}/invitations`, { email, role: 'lead' })).status).toBe(201);
    const context = await browser.newContext({ viewport: phone, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/invitation#${invitationToken(server.dataDir, email)}`);
    await page.getByRole('heading', { name: 'Join Northfield on the Link Programme' }).waitFor();
    expect(await page.getByText(email).textContent()).toBe(email);
    expect(await sideways(page)).toBe(0);
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await sideways(page)).toBe(0);
    await screenshot(page, 'invitation-phone-long-address');
    await context.close();
  });
});

describe('a strategic lead invites stakeholders on a phone', () => {
  it('follows their to-do list to the invite page, and is told at the top of the site page that the invitations were sent', async () => {
    const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    const siteId = (await facilitator.post('/api/sites', { name: 'Riverbank' })).body.id as string;
    await inviteAndAccept(server, facilitator, siteId, 'lena.lead@riverbank.example', { role: 'lead' });
    const lead = await signedInAt(browser, `${server.url}/sites/${siteId}`, 'lena.lead@riverbank.example', testPassword, phone);
    // The timeline's statuses are on the screen, not past its edge in a table to scroll sideways.
    const timeline = lead.getByRole('region', { name: 'Key dates and deadlines' });
    await timeline.locator('.govuk-tag').first().waitFor();
    expect(await timeline.evaluate((region) => region.scrollWidth - region.clientWidth)).toBe(0);
    await screenshot(lead, 'site-page-lead-phone');
    // No meeting is booked yet, and inviting the local stakeholders onto the site is where the lead starts.
    await lead.getByRole('link', { name: 'Invite local stakeholders to the consultation meeting and ask them to register' }).click();
    await lead.getByRole('heading', { name: 'Invite people to the site' }).waitFor();
    await lead.getByLabel('Their email addresses').fill('ann.icb@nhs.example\nbob.head@school.example');
    await lead.getByRole('button', { name: 'Send invitations' }).click();
    const banner = lead.getByRole('alert').filter({ hasText: '2 invitations sent' });
    await banner.waitFor();
    // Read first: the banner has focus and is on the screen, above the page's long timeline.
    await expect.poll(() => lead.evaluate(() => document.activeElement?.textContent ?? '')).toContain('2 invitations sent');
    expect(await banner.evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= window.innerHeight)).toBe(true);
    await expectAccessible(lead, 'site page after sending invitations');
    await screenshot(lead, 'invitations-sent-phone');
    await banner.getByRole('link', { name: 'invitations waiting to be accepted' }).click();
    // On a phone the role and expiry are read with the address, in its cell.
    await lead.getByRole('cell', { name: /^ann\.icb@nhs\.example\s*Stakeholder, expires / }).waitFor();

    // When some are left out, the page that says so is read from its heading.
    await lead.goto(`${server.url}/sites/${siteId}/invite`);
    await lead.getByLabel('Their email addresses').fill('ann.icb@nhs.example\ncara@school.example');
    await lead.getByRole('button', { name: 'Send invitations' }).click();
    await lead.getByRole('heading', { name: '1 invitation sent' }).waitFor();
    await expect.poll(() => lead.evaluate(() => document.activeElement?.textContent)).toBe('1 invitation sent');
  });
});

describe('a facilitator sets up a new site on a phone', () => {
  let siteId: string;
  beforeAll(async () => {
    const api = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    siteId = (await api.post('/api/sites', { name: 'Hillcrest' })).body.id as string;
    await api.post(`/api/sites/${siteId}/invitations`, { email: 'dee@hillcrest.example', role: 'stakeholder' });
  });

  it('is told how to set the provisional dates, not to wait for a facilitator', async () => {
    const facilitator = await signedInAt(browser, `${server.url}/sites/${siteId}`, 'facilitator@demo.example', demoPassword, phone);
    // The facilitator sets the dates: they are not told to wait for their facilitator.
    const provisional = facilitator.getByText(/^These dates are provisional until/);
    expect(await provisional.textContent()).toBe('These dates are provisional until you set the dates of this site’s wave.');
    await provisional.getByRole('link', { name: 'set the dates of this site’s wave' }).click();
    await facilitator.waitForURL(`**/sites/${siteId}/programme-plan`);
  });

  it('is told what happened, and what to do, when every address was left out', async () => {
    const facilitator = await signedInAt(browser, `${server.url}/sites/${siteId}/invite`, 'facilitator@demo.example', demoPassword, phone);
    await facilitator.getByLabel('Their email addresses').fill('dee@hillcrest.example');
    await facilitator.getByRole('button', { name: 'Send invitations' }).click();
    await facilitator.getByRole('heading', { name: 'No invitations sent' }).waitFor();
    expect(await facilitator.getByText(/^Nobody was emailed/).isVisible()).toBe(true);
    expect(await sideways(facilitator)).toBe(0);
    await expectAccessible(facilitator, 'invite page when nobody was invited');
    await screenshot(facilitator, 'no-invitations-sent-phone');
    await facilitator.getByRole('button', { name: 'Invite other people' }).click();
    await facilitator.getByRole('heading', { name: 'Invite people to the site' }).waitFor();
  });
});

describe('an invited stakeholder on the registration page', () => {
  it('finds the way to the meeting, while registration is open and after it has closed', async () => {
    const api = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    const siteId = (await api.post('/api/sites', { name: 'Brookside' })).body.id as string;
    const dee = await inviteAndAccept(server, api, siteId, 'dee@brookside.example');
    const startsAt = bookingIn(30);
    const meetingId = (await api.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt, durationMinutes: 180, attendeeIds: [(await dee.get('/api/me')).body.id] })).body.id as string;
    const early = await signedInAt(browser, `${server.url}/meetings/${meetingId}/register`, 'dee@brookside.example', testPassword, phone);
    await early.getByRole('link', { name: 'go to the meeting’s page' }).click();
    await early.getByRole('heading', { name: 'Before the meeting' }).waitFor();
    try {
      // Three days before: registration closed a week before, and the meeting is still to be found.
      moveClockTo(addUkDays(startsAt, -3));
      const page = await signedInAt(browser, `${server.url}/meetings/${meetingId}/register`, 'dee@brookside.example', testPassword, phone);
      const closed = page.locator('.govuk-inset-text', { hasText: 'Registration for this event has closed' });
      await closed.waitFor();
      await closed.getByRole('link', { name: 'the meeting’s page' }).click();
      await page.getByRole('heading', { name: 'Before the meeting' }).waitFor();
    } finally {
      restoreClock();
    }
  });
});
