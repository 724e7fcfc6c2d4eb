import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, screenshot, signIn } from '../helpers/browser';
import { invitationToken } from '../helpers/outbox';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('in the browser', () => {
  it('the demo facilitator signs in and sees Demo Borough', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForURL('**/sign-in');
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
    await expectAccessible(page, 'sign-in page');

    // An empty form shows the GOV.UK error summary, focused, linking to the field.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('govuk-error-summary');
    expect(await page.locator('.govuk-error-summary a[href="#email"]').textContent()).toBe('Enter an email address');
    await screenshot(page, 'sign-in-errors');
    await expectAccessible(page, 'sign-in page with errors');

    await page.getByLabel('Email address').fill('facilitator@demo.example');
    await page.getByLabel('Password').fill(demoPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Demo Borough' }).waitFor();
    await expect.poll(() => page.getByRole('heading', { name: 'Your sites' }).isVisible()).toBe(true);
    await screenshot(page, 'sites');
    await expectAccessible(page, 'sites page');

    // Opened afresh, your sites arrive drawn by the server: the list is in the page itself, and
    // the app takes it over without asking who is signed in again.
    const events: string[] = [];
    page.on('request', (request) => request.url().includes('/api/') && events.push(new URL(request.url()).pathname));
    page.on('requestfinished', (request) => /\/assets\/app-[^/]+\.js$/.test(request.url()) && events.push('app code arrived'));
    const drawn = await page.reload();
    expect(await drawn!.text()).toMatch(/<a [^>]*href="\/sites\/[^"]+"[^>]*>Demo Borough<\/a>/);
    await page.getByRole('link', { name: 'Demo Borough' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(events).not.toContain('/api/me');
    await expectAccessible(page, 'sites page drawn by the server');

    // A site's page opened afresh: its first data is fetched once, alongside the app's code (the
    // server's preload hints), not a second time when the app asks for it.
    const siteHref = (await page.getByRole('link', { name: 'Demo Borough' }).getAttribute('href'))!;
    events.length = 0;
    await page.goto(`${server.url}${siteHref}`);
    await page.getByRole('heading', { name: 'Demo Borough', exact: true }).waitFor();
    expect(events.filter((e) => e === '/api/me')).toHaveLength(1);
    expect(events.filter((e) => e === `/api${siteHref}`)).toHaveLength(1);
    expect(events.indexOf('/api/me')).toBeLessThan(events.indexOf('app code arrived'));
    expect(events.indexOf(`/api${siteHref}`)).toBeLessThan(events.indexOf('app code arrived'));
    await page.getByRole('cell', { name: 'stakeholder2@demo.example' }).waitFor();
    // socket.io presence: the facilitator sees themself online.
    await expect.poll(() => page.locator('.app-presence').textContent()).toContain('Farah Facilitator');
    await screenshot(page, 'site');
    await expectAccessible(page, 'site page');
    await context.close();
  });

  it('with JavaScript turned off, a lead signs in, sees their sites and signs out', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, server.url, 'lead@demo.example', demoPassword);
    await page.getByRole('link', { name: 'Demo Borough' }).waitFor();
    expect(await page.title()).toBe('Your sites – Link Programme');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    // Signed out for real: their sites send them back to sign in.
    await page.goto(server.url);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });

  it('a facilitator invites a lead, who accepts in another browser and lands on the site', async () => {
    const facilitatorContext = await browser.newContext();
    const page = await facilitatorContext.newPage();
    await signIn(page, server.url, 'facilitator@demo.example', demoPassword);
    await page.getByRole('link', { name: 'Demo Borough' }).click();
    await page.getByRole('button', { name: 'Invite someone' }).click();
    await page.getByLabel('Their email addresses').fill('new.lead@demo.example');
    await page.getByLabel('Strategic lead').check();
    await expectAccessible(page, 'invite page');
    await page.getByRole('button', { name: 'Send invitations' }).click();
    await page.getByRole('cell', { name: 'new.lead@demo.example', exact: true }).waitFor();

    const token = invitationToken(server.dataDir, 'new.lead@demo.example');
    const inviteeContext = await browser.newContext();
    const invitee = await inviteeContext.newPage();
    await invitee.goto(`${server.url}/invitation#${token}`);
    await invitee.getByRole('heading', { name: 'Join Demo Borough on the Link Programme' }).waitFor();
    await expectAccessible(invitee, 'invitation page');
    await invitee.getByLabel('Full name').fill('Nadia New-Lead');
    await invitee.getByLabel('Organisation').fill('Demo Borough Council');
    await invitee.getByLabel('Local authority', { exact: true }).check();
    await invitee.getByLabel('Create a password').fill('short');
    await invitee.getByRole('button', { name: 'Accept invitation' }).click();
    await invitee.locator('.govuk-error-summary').waitFor();
    expect(await invitee.locator('.govuk-error-summary').textContent()).toContain('10 characters or more');
    await invitee.getByLabel('Create a password').fill('a long enough password');
    await invitee.getByRole('button', { name: 'Accept invitation' }).click();
    await invitee.getByRole('heading', { name: 'Demo Borough', exact: true }).waitFor();
    expect(await invitee.locator('.govuk-caption-l').textContent()).toBe('You are strategic lead');
    await screenshot(invitee, 'invitation-accepted');
    await facilitatorContext.close();
    await inviteeContext.close();
  });
});
