import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoInstrument } from '@shared/survey/demo-instrument';
import { storedResponses } from '../helpers/db';
import { ApiClient } from '../helpers/http';
import { outbox } from '../helpers/outbox';
import { expectAccessible, fillDate, launchBrowser, screenshot, signedInAt } from '../helpers/browser';
import { addCalendarDays, ukDay } from '@shared/dates';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

let server: RunningServer;
let browser: Browser;
let siteId: string;
let publicUrl: string;
let lead: Page;
let campaignToken: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startApp(), launchBrowser()]);
  const api = await ApiClient.signIn(server.url, 'lead@demo.example', demoPassword);
  siteId = (await api.get('/api/sites')).body[0].id;
  const created = await api.post(`/api/sites/${siteId}/surveys`, {
    accessMode: 'open',
    opensAt: new Date(Date.now() - 3600_000).toISOString(),
    closesAt: new Date(Date.now() + 3 * 86400_000).toISOString(),
  });
  publicUrl = created.body.publicUrl;
  campaignToken = publicUrl.split('/s/')[1]!;
  lead = await signedInAt(browser, `${server.url}/sites/${siteId}`, 'lead@demo.example', demoPassword);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a school answers the survey on a phone', () => {
  it('goes page by page with a progress bar, and the lead’s counter moves', async () => {
    await expect.poll(() => lead.locator('.app-survey-counter').first().textContent(), { timeout: 10_000 }).toContain('fewer than 5 completed of 10 needed');
    // Four schools have answered already: the phone's answer is the fifth, which moves the count a step.
    const answers = Object.fromEntries(demoInstrument.sections.flatMap((s) => s.items).map((i) => [i.id, 3]));
    for (let n = 0; n < 4; n++) expect((await new ApiClient(server.url).post(`/api/public/surveys/${campaignToken}/responses`, { answers, context: { setting: 'primary' } })).status).toBe(201);

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
    // The check page shows each answer as the school chose it, with a way to change each section.
    const firstItem = demoInstrument.sections[0]!.items[0]!;
    const chosen = await phone.getByRole('term').filter({ hasText: firstItem.text }).locator('xpath=following-sibling::dd[1]').textContent();
    expect(chosen).not.toBe('Not answered');
    expect((chosen ?? '').length).toBeGreaterThan(0);
    expect(await phone.getByRole('link', { name: /^Change/ }).count()).toBe(demoInstrument.sections.length + 1);
    await expectAccessible(phone, 'check your answers');
    await screenshot(phone, 'survey-phone-check-answers');
    await phone.getByRole('button', { name: 'Send survey' }).click();
    await phone.getByRole('heading', { name: 'Survey sent' }).waitFor();
    await screenshot(phone, 'survey-phone-sent');
    expect(pageErrors).toEqual([]);
    expect(await phone.evaluate(() => document.cookie)).toBe('');

    await expect.poll(() => lead.locator('.app-survey-counter').first().textContent(), { timeout: 10_000 }).toContain('5 or more completed of 10 needed');
    await screenshot(lead, 'survey-lead-counter');
    await expectAccessible(lead, 'site page with survey counter');
    await context.close();
  });
});

describe('with JavaScript turned off', () => {
  it('a school with an access code completes the survey in plain HTML pages, fixing mistakes and changing an answer', async () => {
    const api = await ApiClient.signIn(server.url, 'lead@demo.example', demoPassword);
    const created = await api.post(`/api/sites/${siteId}/surveys`, { accessMode: 'codes', opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 3 * 86400_000).toISOString() });
    const [code] = (await api.post(`/api/surveys/${created.body.id}/codes`, { count: 1 })).body.codes as string[];
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, isMobile: true });
    const phone = await context.newPage();
    const scripts: string[] = [];
    phone.on('request', (request) => request.resourceType() === 'script' && scripts.push(request.url()));
    await phone.goto(created.body.publicUrl);

    await phone.getByLabel('Access code').fill('WRNG-CODE');
    await phone.getByRole('button', { name: 'Start now' }).click();
    await phone.locator('.govuk-error-summary').getByText('This access code is not right').waitFor();
    expect(await phone.title()).toMatch(/^Error: /);
    await phone.getByLabel('Access code').fill(code!.toLowerCase());
    await phone.getByRole('button', { name: 'Start now' }).click();

    await phone.getByRole('heading', { name: 'About you' }).waitFor();
    await phone.getByRole('button', { name: 'Continue' }).click();
    // The error names its question, in the summary and beside the question, as each page's errors do.
    const settingMissed = 'Choose an answer for “What type of setting do you work in?”';
    await phone.locator('.govuk-error-summary').getByRole('link', { name: settingMissed, exact: true }).waitFor();
    expect(await phone.locator('.govuk-error-message').textContent()).toBe(`Error: ${settingMissed}`);
    await phone.getByLabel('Secondary school').check();
    await phone.getByRole('button', { name: 'Continue' }).click();

    for (const [index, section] of demoInstrument.sections.entries()) {
      await phone.getByRole('heading', { name: section.title, exact: true }).waitFor();
      expect(await phone.locator('progress#survey-progress').getAttribute('value')).toBe(String(index + 2));
      // On the second page the last statement is missed at first: the page comes back with what was chosen.
      const missed = index === 1 ? section.items.at(-1)! : null;
      for (const item of section.items) if (item !== missed) await phone.getByRole('group', { name: item.text }).getByRole('radio').nth(1).check();
      await phone.getByRole('button', { name: 'Continue' }).click();
      if (missed) {
        await phone.locator('.govuk-error-summary').waitFor();
        expect(await phone.getByRole('group', { name: section.items[0]!.text }).getByRole('radio').nth(1).isChecked()).toBe(true);
        await phone.getByRole('group', { name: missed.text }).getByRole('radio').nth(1).check();
        await phone.getByRole('button', { name: 'Continue' }).click();
      }
    }

    await phone.getByRole('heading', { name: 'Check your answers before sending' }).waitFor();
    const firstItem = demoInstrument.sections[0]!.items[0]!;
    const answerTo = (text: string) => phone.getByRole('term').filter({ hasText: text }).locator('xpath=following-sibling::dd[1]').textContent();
    const before = await answerTo(firstItem.text);
    await phone.getByRole('link', { name: `Change your answers in “${demoInstrument.sections[0]!.title}”` }).click();
    await phone.getByRole('group', { name: firstItem.text }).getByRole('radio').nth(3).check();
    await phone.getByRole('button', { name: 'Continue' }).click();
    // Back to the check page at once, showing the new answer.
    await phone.getByRole('heading', { name: 'Check your answers before sending' }).waitFor();
    expect(await answerTo(firstItem.text)).not.toBe(before);
    await screenshot(phone, 'survey-no-javascript-check-answers');
    const completedBefore = storedResponses(server.dataDir, created.body.id);
    await phone.getByRole('button', { name: 'Send survey' }).click();
    await phone.getByRole('heading', { name: 'Survey sent' }).waitFor();
    expect(storedResponses(server.dataDir, created.body.id)).toBe(completedBefore + 1);
    expect((await context.cookies()).filter((c) => c.name === 'survey-draft')).toEqual([]);

    // Going back after sending does not offer the answers again. The first page does not say the
    // code is used up (the lead holds every code, so that would tell them who has answered); the
    // code is refused when answers are sent with it again (survey.test.ts).
    await phone.goBack();
    await phone.getByRole('heading', { name: demoInstrument.title }).waitFor();
    await phone.getByLabel('Access code').fill(code!);
    await phone.getByRole('button', { name: 'Start now' }).click();
    await phone.getByRole('heading', { name: 'About you' }).waitFor();
    expect(await phone.getByRole('radio', { name: 'Secondary school' }).isChecked()).toBe(false);
    expect(scripts).toEqual([]);
    await context.close();
  });
});

describe('each school its own link', () => {
  it('the lead pastes the schools’ addresses; a school answers from the link in its email, without a code to type', async () => {
    await lead.goto(`${server.url}/sites/${siteId}/surveys/new`);
    await lead.getByText('We email each school or college its own single-use link').waitFor();
    await expectAccessible(lead, 'open the survey: how schools get in');

    const api = await ApiClient.signIn(server.url, 'lead@demo.example', demoPassword);
    const created = await api.post(`/api/sites/${siteId}/surveys`, { accessMode: 'personal', opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 3 * 86400_000).toISOString() });
    await lead.goto(`${server.url}/surveys/${created.body.id}`);
    await lead.getByText('Who the answers are protected against.').waitFor();
    const send = lead.getByRole('button', { name: 'Send the list for approval' });
    await send.click();
    await lead.locator('.govuk-error-summary').getByText('Enter the email addresses of the schools and colleges').waitFor();
    await lead.getByLabel('Email addresses of schools and colleges').fill('office@oak.sch.uk\nhead@elm.sch.uk\nnot an address');
    await send.click();
    await lead.locator('.govuk-error-summary').getByText('These are not email addresses').waitFor();
    await lead.getByLabel('Email addresses of schools and colleges').fill('office@oak.sch.uk\nhead@elm.sch.uk\noak.head@gmail.com');
    await send.click();
    await lead.getByText('3 addresses waiting for approval, 1 flagged.').waitFor();
    await lead.getByText('Waiting for a facilitator to check and approve it.').waitFor();
    expect(outbox(server.dataDir).filter((m) => m.includes('To: office@oak.sch.uk'))).toEqual([]);

    // The facilitator sees the list with its flag, withdraws it, and approves the schools alone.
    const facilitator = await signedInAt(browser, `${server.url}/surveys/${created.body.id}`, 'facilitator@demo.example', demoPassword);
    await facilitator.getByText('A free email provider: anyone, including someone on the site, can open an address there').waitFor();
    await expectAccessible(facilitator, 'a list of schools waiting for approval');
    await screenshot(facilitator, 'survey-personal-links-approval');
    await facilitator.getByRole('button', { name: 'Withdraw the list' }).click();
    await facilitator.getByText('Lists waiting for approval').waitFor({ state: 'detached' });
    await lead.getByLabel('Email addresses of schools and colleges').fill('office@oak.sch.uk\nhead@elm.sch.uk');
    await send.click();
    await lead.getByText('2 addresses waiting for approval.').waitFor();
    await facilitator.reload();
    await facilitator.getByRole('button', { name: 'Approve and send the links' }).click();
    await facilitator.getByText('2 schools and colleges have been sent their own link').waitFor();
    await facilitator.context().close();
    await lead.reload();
    await lead.getByText('2 schools and colleges have been sent their own link; fewer than 5 answered so far').waitFor();
    await expectAccessible(lead, 'personal links sent');
    await screenshot(lead, 'survey-personal-links');

    const mail = outbox(server.dataDir).find((m) => m.includes('To: office@oak.sch.uk'))!.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const link = /(http:\/\/\S+#code=[A-Z0-9-]+)/.exec(mail)![1]!;
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await context.newPage();
    await phone.goto(link);
    await phone.getByText('This link is for your school or college only').waitFor();
    expect(await phone.getByLabel('Access code').count()).toBe(0);
    await phone.getByRole('button', { name: 'Start now' }).click();
    await phone.getByLabel('Secondary school').check();
    await phone.getByRole('button', { name: 'Continue' }).click();
    for (const section of demoInstrument.sections) {
      await phone.getByRole('heading', { name: section.title, exact: true }).waitFor();
      for (const item of section.items) await phone.getByRole('group', { name: item.text }).getByRole('radio').nth(2).check();
      await phone.getByRole('button', { name: 'Continue' }).click();
    }
    await phone.getByRole('button', { name: 'Send survey' }).click();
    await phone.getByRole('heading', { name: 'Survey sent' }).waitFor();
    // The link works once: opened again, it is refused on the first page, not after ten minutes of answers.
    const again = await context.newPage();
    await again.goto(link);
    await again.getByRole('button', { name: 'Start now' }).click();
    await again.getByText('This access code is not right, or has already been used').first().waitFor();
    expect(await again.getByRole('heading', { name: 'About you' }).count()).toBe(0);
    await context.close();
    await lead.reload();
    // One answer is told as "fewer than 5" while the survey is open: the count moves in fives.
    await lead.getByText('2 schools and colleges have been sent their own link; fewer than 5 answered so far').waitFor();
    // A stakeholder sees the survey and its count, but not the controls for sending it, which would refuse them.
    const stakeholder = await signedInAt(browser, lead.url(), 'stakeholder1@demo.example', demoPassword);
    await stakeholder.locator('.app-survey-counter').getByText('fewer than 5').waitFor();
    expect(await stakeholder.getByRole('heading', { name: 'Send it to schools and colleges' }).count()).toBe(0);
    await stakeholder.context().close();

    // The lead extends it, then closes it early, for good; each change is on the record.
    await fillDate(lead, 'When does it close?', addCalendarDays(ukDay(new Date()), 10));
    await lead.getByRole('button', { name: 'Save the new dates' }).click();
    // The counter follows the survey's dates, not those it was loaded with.
    await lead.locator('.app-survey-counter').getByText('10 days left').waitFor();
    await lead.getByRole('button', { name: 'Close the survey now' }).click();
    await lead.getByRole('button', { name: 'Yes, close it now' }).click();
    await lead.getByRole('heading', { name: 'The survey has closed' }).waitFor();
    // Closed, the count is exact; and no form offers to open it again.
    await lead.locator('.app-survey-counter').getByText('The survey has closed').waitFor();
    await lead.locator('.app-survey-counter').getByText('1 completed').waitFor();
    expect(await lead.getByRole('button', { name: 'Save the new dates' }).count()).toBe(0);
    await expect.poll(() => lead.locator('#survey-dates-heading ~ ul li').count()).toBe(2);
    expect(await lead.locator('#survey-dates-heading ~ ul li').last().textContent()).toContain('Leo Lead');
    await expectAccessible(lead, 'survey dates');
  }, 120_000);
});

describe('results under the anonymity rules', () => {
  it('shows each group with the release it comes from when it cannot move on yet', async () => {
    const api = await ApiClient.signIn(server.url, 'lead@demo.example', demoPassword);
    const created = await api.post(`/api/sites/${siteId}/surveys`, { accessMode: 'open', opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 3 * 86400_000).toISOString() });
    const token = created.body.publicUrl.split('/s/')[1];
    const items = demoInstrument.sections.flatMap((s) => s.items);
    const submit = (setting: string, value: number) =>
      new ApiClient(server.url).post(`/api/public/surveys/${token}/responses`, { answers: Object.fromEntries(items.map((i) => [i.id, value])), context: { setting } });
    for (let n = 0; n < 25; n++) await submit(n < 15 ? 'primary' : 'secondary', (n % 5) + 1);
    const facilitatorApi = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    expect((await facilitatorApi.get(`/api/surveys/${created.body.id}/results?breakdown=setting`)).body.released).toBe(25);
    for (let n = 0; n < 10; n++) await submit(n < 6 ? 'primary' : 'secondary', (n % 4) + 2);
    // An open-link survey's results are for facilitators; the lead, who sends the link, sees the count.
    await lead.goto(`${server.url}/surveys/${created.body.id}`);
    await lead.getByText('the results of this survey are shown only to facilitators').waitFor();
    const facilitator = await signedInAt(browser, `${server.url}/surveys/${created.body.id}`, 'facilitator@demo.example', demoPassword);
    await facilitator.getByText('Based on the first 35 completed surveys').waitFor();
    await facilitator.getByText('(from the first 25 surveys)').first().waitFor();
    await expectAccessible(facilitator, 'survey results with a held-back group');
    await screenshot(facilitator, 'survey-results-releases');
    await facilitator.context().close();
  });
});
