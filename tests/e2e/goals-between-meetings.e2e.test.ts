import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { formatDate } from '@shared/format';
import { expectAccessible, inViewport, launchBrowser, screenshot, signedInAt } from '../helpers/browser';
import { ApiClient } from '../helpers/http';
import { testPassword } from '../helpers/outbox';
import { runConsultationAndReview, stakeholderProfiles } from '../helpers/programme';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

/**
 * What the lead and a facilitator see between the 3-month review and the next: the goals page
 * read at a glance on a laptop shared in a call and on a phone, the site page pointing at the
 * check-ins that ask for help or say a goal is slipping, the check-in's long answers counted as
 * they are typed, and the owner's choice refused in words beside it.
 */
let server: RunningServer;
let browser: Browser;
let siteId: string;
let lead: ApiClient;
let owners: ApiClient[];
const leadEmail = () => `lead@${siteId}.example`;
const ownerEmail = (n: number) => `s${n}@${siteId}.example`;
const today = () => formatDate(new Date().toISOString());

beforeAll(async () => {
  [server, browser] = await Promise.all([startApp(), launchBrowser()]);
  const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  // Baselines 2, 3 and 1; the 3-month review agreed 5, 3 and 4.
  ({ siteId, lead, stakeholderApis: owners } = await runConsultationAndReview(server, facilitator, 'Between Borough'));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const goalsPage = (email: string, password: string, viewport?: { width: number; height: number }) => signedInAt(browser, `${server.url}/sites/${siteId}/goals`, email, password, viewport);
const goalSection = (page: Page, n: number) => page.locator('section.app-goal-progress').nth(n - 1);

async function checkInOn(owner: ApiClient, goal: number, said: Record<string, unknown>) {
  const sent = await owner.post(`/api/sites/${siteId}/goals/goal-00${goal - 1}/check-ins`, { happened: 'Steering group met', ...said });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
}

describe('the goals between meetings, as the lead and a facilitator see them', () => {
  it('the ratings table fits beside the chart on a laptop and on a phone; the change is said in words', async () => {
    for (const [name, viewport] of [['laptop', { width: 1280, height: 720 }], ['phone', { width: 390, height: 844 }]] as const) {
      const page = await goalsPage(leadEmail(), testPassword, viewport);
      await page.getByRole('heading', { name: 'Goals and progress' }).waitFor();
      await page.locator('.app-goal-chart svg').first().waitFor();
      const table = page.getByRole('region', { name: 'Ratings of goal 1 at each meeting' });
      // Every column whole: nothing hidden past the region's edge or the window's.
      expect(await table.evaluate((region) => region.scrollWidth - region.clientWidth), `${name}: hidden width of the ratings table`).toBe(0);
      const change = table.getByRole('columnheader', { name: 'Change from baseline' });
      expect(await change.evaluate((cell) => cell.getBoundingClientRect().right <= window.innerWidth), `${name}: the change column in the window`).toBe(true);
      expect(await table.getByRole('row').nth(1).textContent()).toContain(formatDate(new Date().toISOString()));
      expect(await goalSection(page, 1).locator('p').first().textContent()).toContain('Now 5 out of 10, up 3 from the baseline of 2.');
      expect(await goalSection(page, 2).locator('p').first().textContent()).toContain('Now 3 out of 10, no change from the baseline of 3.');
      await expectAccessible(page, `goals page on a ${name}`);
      await screenshot(page, `goals-page-${name}`);
      await page.context().close();
    }
  });

  it('the site page names the goals whose latest check-in asks for help or says the goal is slipping, for the lead and a facilitator, and links to each', async () => {
    const members = (await lead.get(`/api/sites/${siteId}`)).body.members as { userId: string; name: string }[];
    const idOf = (name: string) => members.find((m) => m.name === name)!.userId;
    for (const [goal, owner] of [[1, stakeholderProfiles[0].name], [2, stakeholderProfiles[1].name]] as const) {
      expect((await lead.request('PUT', `/api/sites/${siteId}/goals/goal-00${goal - 1}/owner`, { ownerId: idOf(owner) })).status).toBe(200);
    }
    await checkInOn(owners[0]!, 1, { rating: 6, confidence: 'likely' });
    await checkInOn(owners[1]!, 2, { rating: 3, confidence: 'likely', helpNeeded: 'Time with the CYPMHS training lead' });
    // The lead checks in for goal 3, which has no owner yet: lower than the review agreed, and at risk.
    await checkInOn(lead, 3, { rating: 2, confidence: 'at-risk' });

    const expected = [`Goal 2: help asked for in a check-in on ${today()}`, `Goal 3: rating down from 4 to 2 and said to be at risk in a check-in on ${today()}`];
    const notice = (page: Page) => page.getByRole('region', { name: 'Goals' });
    for (const [email, password] of [['facilitator@demo.example', demoPassword], [leadEmail(), testPassword]] as const) {
      const page = await signedInAt(browser, `${server.url}/sites/${siteId}`, email, password);
      await notice(page).waitFor();
      expect(await notice(page).getByRole('link').allTextContents(), email).toEqual(expected);
      await expectAccessible(page, `site page with check-ins needing attention, for ${email}`);
      if (email === leadEmail()) {
        await screenshot(page, 'site-page-goals-attention');
        // The goal's owner checks in again with no call for help: the notice follows, unasked.
        await checkInOn(owners[1]!, 2, { rating: 4, confidence: 'likely' });
        await expect.poll(() => notice(page).getByRole('link').allTextContents()).toEqual(expected.slice(1));
        await notice(page).getByRole('link', { name: expected[1] }).click();
        // The link lands on the goal, in view and read first.
        const heading = page.getByRole('heading', { name: /^Goal 3:/ });
        await expect.poll(() => heading.evaluate((h) => h === document.activeElement)).toBe(true);
        expect(await inViewport(heading)).toBe(true);
      }
      await page.context().close();
    }
    // The notice is drawn from the site's goals, which the server shows to its members alone.
    const outsider = await ApiClient.signIn(server.url, 'stakeholder1@demo.example', demoPassword);
    expect((await outsider.get(`/api/sites/${siteId}/goals`)).status).toBe(403);
  });
  it('the check-in’s long answers are counted as they are typed, never cut short; over the limit is an error on sending, and the server refuses it too', async () => {
    const owner = await signedInAt(browser, `${server.url}/sites/${siteId}/goals/goal-000/check-in/rating`, ownerEmail(0), testPassword);
    await owner.getByLabel('6', { exact: true }).check();
    await owner.getByRole('button', { name: 'Continue' }).click();
    await owner.getByLabel(/^Likely/).check();
    await owner.getByRole('button', { name: 'Continue' }).click();
    await owner.getByRole('heading', { name: 'What has happened since the last check-in?' }).waitFor();
    const happened = owner.getByLabel('What has happened');
    const group = owner.locator('.govuk-character-count');
    // No maxlength: a browser enforcing it drops what goes past the limit without a word.
    expect(await happened.getAttribute('maxlength')).toBeNull();
    expect(await group.locator('.govuk-character-count__status').textContent()).toBe('You have 1000 characters remaining');
    const said = `${'Nine schools named a link worker. '.repeat(29)}Two more next month, and the rest by spring!`;
    expect(said.length).toBe(1030);
    await happened.fill(said);
    await expect.poll(() => group.locator('.govuk-character-count__status').textContent()).toBe('You have 30 characters too many');
    // The count a screen reader hears, politely, once typing pauses.
    const announced = group.locator('[aria-live="polite"]');
    await expect.poll(() => announced.textContent(), { timeout: 5_000 }).toBe('You have 30 characters too many');
    await owner.getByRole('button', { name: 'Continue' }).click();
    const tooLong = 'What has happened must be 1000 characters or fewer';
    await owner.locator('.govuk-error-summary').getByRole('link', { name: tooLong }).waitFor();
    expect(await owner.locator('#happened-error').textContent()).toContain(tooLong);
    expect(await happened.inputValue()).toBe(said);
    await expectAccessible(owner, 'check-in: what has happened, too long');
    await screenshot(owner, 'check-in-too-long');
    await happened.fill(said.slice(0, 1000));
    await expect.poll(() => group.locator('.govuk-character-count__status').textContent()).toBe('You have 0 characters remaining');
    await owner.getByRole('button', { name: 'Continue' }).click();
    await owner.getByRole('heading', { name: 'Is anything in the way?' }).waitFor();
    const helpFrom = owner.getByLabel('Who could help (optional)');
    await helpFrom.fill('The trust’s named lead for schools, '.repeat(4));
    await owner.getByRole('button', { name: 'Continue' }).click();
    await owner.locator('.govuk-error-summary').getByRole('link', { name: 'Who could help must be 120 characters or fewer' }).waitFor();
    await helpFrom.fill('The trust’s named lead for schools');
    await owner.getByRole('button', { name: 'Continue' }).click();
    await owner.getByRole('button', { name: 'Send check-in' }).click();
    await owner.getByText('Check-in sent for goal 1').waitFor();
    await owner.locator('.app-check-in', { hasText: said.slice(0, 1000) }).waitFor();
    await owner.context().close();
    // Sent past the form, it is refused in the same words, and nothing is recorded.
    const refused = await owners[0]!.post(`/api/sites/${siteId}/goals/goal-000/check-ins`, { rating: 6, confidence: 'likely', happened: said });
    expect([refused.status, refused.body.fields]).toEqual([400, { happened: tooLong }]);
  });
  it('a decision recorded between meetings is counted as it is typed, never cut short, and refused in words over the limit', async () => {
    const page = await goalsPage(leadEmail(), testPassword);
    const goal = goalSection(page, 1);
    await goal.getByText('Record a decision').click();
    const field = goal.getByLabel('What was decided');
    expect(await field.getAttribute('maxlength')).toBeNull();
    const decision = 'The steering group will ask each academy trust for a named CYPMHS contact. ';
    await field.fill(decision.repeat(14));
    const status = goal.locator('.govuk-character-count__status');
    await expect.poll(() => status.textContent()).toBe(`You have ${decision.length * 14 - 1000} characters too many`);
    await goal.getByRole('button', { name: 'Record decision' }).click();
    await goal.locator('.govuk-error-summary').getByRole('link', { name: 'The decision must be 1000 characters or fewer' }).waitFor();
    expect(await field.inputValue()).toBe(decision.repeat(14));
    await field.fill(decision.trim());
    await goal.getByRole('button', { name: 'Record decision' }).click();
    await goal.getByText(decision.trim()).first().waitFor();
    expect(await goal.locator('.govuk-error-summary').count()).toBe(0);
    await page.context().close();
  });

  it('a goal changed in two tabs at once: the later save is refused in words, and the earlier change stands', async () => {
    const editPage = `${server.url}/sites/${siteId}/goals/goal-001/edit`;
    const [byLead, byFacilitator] = await Promise.all([signedInAt(browser, editPage, leadEmail(), testPassword), signedInAt(browser, editPage, 'facilitator@demo.example', demoPassword)]);
    const change = async (page: Page, wording: string, reason: string) => {
      await page.getByLabel('The goal', { exact: true }).fill(wording);
      await page.getByLabel('Why is the goal changing?').fill(reason);
      await page.getByRole('button', { name: 'Save the change' }).click();
    };
    await byFacilitator.getByLabel('The goal', { exact: true }).waitFor();
    await change(byLead, 'Termly joint training for every school and CYPMHS team', 'Every school asked to come');
    await byLead.getByRole('heading', { name: 'Goals and progress' }).waitFor();
    await change(byFacilitator, 'Half-termly training for school staff', 'Staff asked for more');
    await byFacilitator.locator('.govuk-error-summary').getByText('Someone changed this goal since you opened it').waitFor();
    expect(await byFacilitator.getByLabel('The goal', { exact: true }).inputValue()).toBe('Half-termly training for school staff');
    const goals = (await lead.get(`/api/sites/${siteId}/goals`)).body.goals as { goal: { draft: { wording: string } }; revisions: unknown[] }[];
    expect(goals[1]!.goal.draft.wording).toBe('Termly joint training for every school and CYPMHS team');
    expect(goals[1]!.revisions).toHaveLength(1);
    for (const page of [byLead, byFacilitator]) await page.context().close();
  });

  it('naming a goal’s owner with nobody chosen is refused beside the select and in the summary', async () => {
    const page = await goalsPage(leadEmail(), testPassword);
    const goal = goalSection(page, 3);
    await goal.getByText('Name the owner').click();
    await goal.getByRole('button', { name: 'Save owner' }).click();
    const refusal = 'Choose who owns the goal';
    await goal.locator('.govuk-error-summary').getByRole('link', { name: refusal }).waitFor();
    const select = goal.getByLabel('Who owns goal 3');
    expect(await goal.locator('#owner-goal-002-error').textContent()).toContain(refusal);
    expect(await select.getAttribute('aria-describedby')).toContain('owner-goal-002-error');
    expect(await select.getAttribute('class')).toContain('govuk-select--error');
    await expectAccessible(page, 'goals page, no owner chosen');
    await screenshot(page, 'goal-owner-not-chosen');
    await select.selectOption({ label: `${stakeholderProfiles[2].name}, ${stakeholderProfiles[2].organisation}` });
    await goal.getByRole('button', { name: 'Save owner' }).click();
    await goal.getByText(`Owner: ${stakeholderProfiles[2].name}`).waitFor();
    expect(await goal.locator('.govuk-error-message').count()).toBe(0);
    await page.context().close();
  });
});
