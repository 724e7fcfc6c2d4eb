import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoInstrument } from '@shared/survey/demo-instrument';
import { ApiClient } from '../helpers/http';
import { expectAccessible, launchBrowser, screenshot, signedInPage } from '../helpers/browser';
import { demoPassword, startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let browser: Browser;
let siteId: string;
let publicUrl: string;
let lead: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const api = await ApiClient.signIn(server.url, 'lead@demo.example', demoPassword);
  siteId = (await api.get('/api/sites')).body[0].id;
  const created = await api.post(`/api/sites/${siteId}/surveys`, {
    accessMode: 'open',
    opensAt: new Date(Date.now() - 3600_000).toISOString(),
    closesAt: new Date(Date.now() + 3 * 86400_000).toISOString(),
  });
  publicUrl = created.body.publicUrl;
  lead = await signedInPage(browser, server.url, 'lead@demo.example', demoPassword);
  await lead.goto(`${server.url}/sites/${siteId}`);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a school answers the survey on a phone', () => {
  it('goes page by page with a progress bar, and the lead’s counter moves', async () => {
    await expect.poll(() => lead.locator('.app-survey-counter').first().textContent(), { timeout: 10_000 }).toContain('0 completed of 10 needed');

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const phone = await context.newPage();
    const pageErrors: string[] = [];
    phone.on('pageerror', (e) => pageErrors.push(e.message));
    await phone.goto(publicUrl);
    await phone.getByRole('heading', { name: demoInstrument.title }).waitFor();
    expect(await phone.locator('.govuk-warning-text').textContent()).toContain('demonstration');
    await expectAccessible(phone, 'survey start page');
    await screenshot(phone, 'survey-phone-start');
    await phone.getByRole('button', { name: 'Start now' }).click();

    // About you: the setting is required; skipping it shows the error summary.
    await phone.getByRole('button', { name: 'Continue' }).click();
    await phone.locator('.govuk-error-summary').waitFor();
    await phone.getByLabel('Primary school').check();
    await phone.getByRole('button', { name: 'Continue' }).click();

    for (const [index, section] of demoInstrument.sections.entries()) {
      await phone.getByRole('heading', { name: section.title, exact: true }).waitFor();
      expect(await phone.locator('progress#survey-progress').getAttribute('value')).toBe(String(index + 2));
      if (index === 0) {
        await expectAccessible(phone, 'survey section page');
        await screenshot(phone, 'survey-phone-section');
      }
      for (const item of section.items) {
        await phone.getByRole('group', { name: item.text }).getByRole('radio').nth(3).check();
      }
      if (index === 1) {
        // A refresh keeps everything answered so far.
        await phone.reload();
        await phone.getByRole('heading', { name: section.title, exact: true }).waitFor();
        for (const item of section.items) await phone.getByRole('group', { name: item.text }).getByRole('radio').nth(3).check();
      }
      await phone.getByRole('button', { name: 'Continue' }).click();
    }
    await phone.getByRole('heading', { name: 'Check your answers before sending' }).waitFor();
    await phone.getByRole('button', { name: 'Send survey' }).click();
    await phone.getByRole('heading', { name: 'Survey sent' }).waitFor();
    await screenshot(phone, 'survey-phone-sent');
    expect(pageErrors).toEqual([]);
    expect(await phone.evaluate(() => document.cookie)).toBe('');

    await expect.poll(() => lead.locator('.app-survey-counter').first().textContent(), { timeout: 10_000 }).toContain('1 completed of 10 needed');
    await screenshot(lead, 'survey-lead-counter');
    await expectAccessible(lead, 'site page with survey counter');
    await context.close();
  });
});
