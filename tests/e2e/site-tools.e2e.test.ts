import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, screenshot, signedInPage, fillDate } from '../helpers/browser';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';
import { dayIn } from '../helpers/dates';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startApp(), launchBrowser()]);
  page = await signedInPage(browser, server.url, 'stakeholder1@demo.example', demoPassword);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('moving between pages by keyboard', () => {
  it('takes focus to the new page\'s heading, as a page load would, whether the link was in the page or the header', async () => {
    await page.goto(`${server.url}/`);
    const focused = () => page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent?.trim()}`);
    await page.getByRole('link', { name: 'Demo Borough' }).focus();
    await page.keyboard.press('Enter');
    // The site page shows "Loading…" first: focus waits for its heading.
    await expect.poll(focused).toMatch(/^H1 .*Demo Borough$/);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);
    await page.getByRole('link', { name: 'Your account' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('H1 Your account');
    // Back is a move to another page too.
    await page.goBack();
    await expect.poll(focused).toMatch(/^H1 .*Demo Borough$/);
  });
});

describe('the local services directory in the browser', () => {
  it('a stakeholder adds an entry (after fixing a missing field), finds it and confirms an old one', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Demo Borough' }).click();
    await page.getByRole('link', { name: 'Local services directory' }).click();
    await page.getByRole('button', { name: 'Add an entry' }).click();
    await page.getByLabel('Organisation', { exact: true }).fill('North CYPMHS');
    await page.getByLabel('Service', { exact: true }).fill('Getting Help team');
    await page.getByLabel('Who the service is for').fill('Children 5 to 18 with mild to moderate needs');
    await page.getByLabel('How to refer, and any thresholds').fill('School referral form');
    await page.getByLabel('How to contact them').fill('priya@example.org');
    await fillDate(page, 'Date these details were last confirmed', dayIn(-330));
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await page.getByRole('link', { name: 'Enter a named point of contact' }).waitFor();
    await expectAccessible(page, 'directory entry form with an error');
    await page.getByLabel('Named point of contact').fill('Priya Shah');
    await page.getByRole('button', { name: 'Save entry' }).click();

    await page.getByRole('heading', { name: 'Local services directory' }).waitFor();
    await page.getByText('Not confirmed for 6 months', { exact: true }).waitFor();
    await page.getByLabel('Search the directory').fill('getting help');
    await expect.poll(() => page.getByText('1 entry matching').count()).toBe(1);
    await page.getByLabel('Search the directory').fill('dentist');
    await expect.poll(() => page.getByText('0 entries matching').count()).toBe(1);
    await page.getByLabel('Search the directory').fill('');
    await page.getByRole('button', { name: /Confirm it is still correct/ }).click();
    await expect.poll(() => page.getByText('Not confirmed for 6 months', { exact: true }).count()).toBe(0);
    await screenshot(page, 'directory');
    await expectAccessible(page, 'local services directory');
  });
});

describe('evaluation surveys in the browser', () => {
  it('a stakeholder answers the baseline survey, fixing a missed statement; the facilitator sees the count', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Demo Borough' }).click();
    await page.getByRole('link', { name: /Baseline survey/ }).click();
    await page.getByRole('heading', { name: 'How joined-up is the work here now?' }).waitFor();
    const statements = page.locator('fieldset');
    const count = await statements.count();
    for (let i = 0; i < count - 1; i++) await statements.nth(i).getByLabel('Agree', { exact: true }).check();
    await page.getByRole('button', { name: 'Send answers' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'evaluation survey with an error');
    await statements.nth(count - 1).getByLabel('Strongly agree').check();
    await page.getByRole('button', { name: 'Send answers' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor();

    const facilitator = await signedInPage(browser, server.url, 'facilitator@demo.example', demoPassword);
    await facilitator.getByRole('link', { name: 'Demo Borough' }).click();
    await facilitator.getByRole('link', { name: 'Evaluation results' }).click();
    await facilitator.getByText(/answered the baseline survey/).waitFor();
    expect(await facilitator.getByText(/: 1 answered the baseline survey/).count()).toBe(1);
    await screenshot(facilitator, 'evaluation-results');
    await expectAccessible(facilitator, 'evaluation results');
  });
});
