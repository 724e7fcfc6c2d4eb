import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, screenshot, signedInPage } from '../helpers/browser';
import { ApiClient } from '../helpers/http';
import { runConsultationAndReview } from '../helpers/programme';
import { defaultPlan } from '@shared/programme/plan';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';
import { bookingIn, dayIn } from '../helpers/dates';

let server: RunningServer;
let browser: Browser;
let page: Page;
let reviewId: string;
let demoSiteId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startApp(), launchBrowser()]);
  const api = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  // Three sites: the demo site with a consultation in February, a new site whose consultation is
  // in March, and a site a year further on (consultation and 3-month review held).
  demoSiteId = (await api.get('/api/sites')).body[0].id;
  await api.post(`/api/sites/${demoSiteId}/meetings`, { kind: 'consultation', startsAt: bookingIn(66), durationMinutes: 180 });
  const waveTwo = (await api.post('/api/sites', { name: 'Wave Two Borough' })).body.id;
  await api.post(`/api/sites/${waveTwo}/meetings`, { kind: 'consultation', startsAt: bookingIn(87), durationMinutes: 180 });
  const report = await runConsultationAndReview(server, api, 'Report Borough');
  reviewId = report.reviewId;
  // Each wave's first deadline (confirming the consultation date) falls in a different month.
  for (const [siteId, consultationsFrom] of [[demoSiteId, dayIn(57)], [waveTwo, dayIn(85)], [report.siteId, dayIn(177)]] as const) {
    expect((await api.request('PUT', `/api/sites/${siteId}/programme-plan`, defaultPlan(consultationsFrom))).status).toBe(200);
  }
  page = await signedInPage(browser, server.url, 'facilitator@demo.example', demoPassword);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const siteColumn = () => page.locator('table.app-dashboard tbody tr td:first-child').allTextContents();

describe('the programme dashboard and a meeting report in the browser', () => {
  it('lists the three sites, sorts by next deadline and filters by stage', async () => {
    await page.getByRole('link', { name: 'Programme dashboard' }).click();
    await page.getByRole('heading', { name: 'Programme dashboard' }).waitFor();
    await expect.poll(siteColumn).toHaveLength(3);
    await page.getByRole('button', { name: 'Next deadline' }).click();
    expect(await siteColumn()).toEqual(['Demo Borough', 'Wave Two Borough', 'Report Borough']);
    expect(await page.getByRole('columnheader', { name: 'Next deadline' }).getAttribute('aria-sort')).toBe('ascending');
    await page.getByRole('button', { name: 'Next deadline' }).click();
    expect(await siteColumn()).toEqual(['Report Borough', 'Wave Two Borough', 'Demo Borough']);
    await page.getByRole('button', { name: 'Next deadline' }).click();
    await page.getByRole('button', { name: 'Next deadline' }).click();
    await screenshot(page, 'dashboard');
    await expectAccessible(page, 'programme dashboard');

    await page.getByLabel('Show sites at stage').selectOption('3-month review held');
    expect(await siteColumn()).toEqual(['Report Borough']);
    expect(await page.locator('table.app-dashboard tbody tr').first().textContent()).toContain('+');
  });

  it('shows a closed review’s report with its chart, and passes an accessibility check', async () => {
    await page.goto(`${server.url}/meetings/${reviewId}/report`);
    await page.getByRole('heading', { name: 'Report: 3-month review meeting' }).waitFor();
    await page.locator('.recharts-surface').first().waitFor({ timeout: 10_000 });
    expect(await page.getByRole('heading', { name: /^Goal 1:/ }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Download as PDF' }).getAttribute('href')).toBe(`/api/meetings/${reviewId}/report.pdf`);
    await screenshot(page, 'meeting-report');
    await expectAccessible(page, 'meeting report');
  });

  it('the closed record, its report and a site’s page fit a phone’s width: nothing scrolls sideways', async () => {
    const phone = await signedInPage(browser, server.url, 'facilitator@demo.example', demoPassword, { width: 375, height: 740 });
    const sideways = () => phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await phone.goto(`${server.url}/meetings/${reviewId}`);
    await phone.getByRole('heading', { name: 'Who attended' }).waitFor();
    expect(await sideways(), 'the closed record on a phone').toBe(0);
    await screenshot(phone, 'closed-record-phone');
    await phone.goto(`${server.url}/meetings/${reviewId}/report`);
    await phone.getByRole('heading', { name: 'Who attended' }).waitFor();
    // The ratings table cannot reflow: it scrolls inside its own region, which the keyboard reaches.
    expect(await sideways(), 'the report on a phone').toBe(0);
    expect(await phone.getByRole('region', { name: 'Ratings by domain' }).getAttribute('tabindex')).toBe('0');
    await expectAccessible(phone, 'meeting report on a phone');
    // The site's page: its members' email addresses break to fit, and its timeline scrolls in its own region.
    await phone.goto(`${server.url}/sites/${demoSiteId}`);
    await phone.getByRole('heading', { name: 'Members' }).waitFor();
    expect(await sideways(), 'the site page on a phone').toBe(0);
    await screenshot(phone, 'site-phone');
    await phone.context().close();
  });
});
