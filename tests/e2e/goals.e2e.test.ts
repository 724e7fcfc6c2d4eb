import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { ApiClient } from '../helpers/http';
import { expectAccessible, launchBrowser, openLiveConsultation, screenshot, fillDate } from '../helpers/browser';
import { connectedSocket, request } from '../helpers/realtime';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';
import { bookingIn, dayIn } from '../helpers/dates';

let server: RunningServer;
let browser: Browser;
let api: ApiClient;
let siteId: string;
let meetingId: string;
let facilitator: Page;
let sam: Page;
let sasha: Page;

const draft = (page: Page, n: number) => page.getByRole('article').filter({ has: page.getByRole('heading', { name: new RegExp(`^Draft goal ${n}\\b`) }) });
const locked = (page: Page, n: number) => page.getByRole('article').filter({ has: page.getByRole('heading', { name: new RegExp(`^Goal ${n}:`) }) });

async function fillSmart(card: Locator, fields: { target: string; domain: string }) {
  await card.getByText('SMART details').click();
  await card.getByLabel('What will change, and for whom').fill('Secondary schools and the CYPMHS team');
  await card.getByLabel('How progress will be measured').fill('Schools with a named link worker in the directory');
  await card.getByLabel('Target to reach').fill(fields.target);
  await card.getByLabel('Organisation that owns the goal').fill('Demo CYPMHS');
  await card.getByLabel('Named owner').fill('Sam Stakeholder');
  await card.getByLabel('Resources needed').fill('Existing MHST time');
  await card.getByLabel(fields.domain).check();
  await fillDate(card, 'Date the goal will be met by', dayIn(200));
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startApp(), launchBrowser()]);
  ({ api, siteId, meetingId, facilitator, sam, sasha } = await openLiveConsultation(browser, server.url, demoPassword));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('agreeing three SMART goals in the meeting, then following their progress', () => {
  it('the facilitator moves everyone to the goals phase', async () => {
    await facilitator.getByRole('heading', { name: 'Facilitator controls' }).waitFor();
    // Past the domain review and the vote with nothing agreed: each step asks first, naming what is missing.
    for (const [next, missing] of [
      ['Domain review', null],
      ['Areas of greatest need', 'No domain has an agreed rating yet'],
      ['Goals', 'The areas of greatest need have not been settled'],
    ] as const) {
      await facilitator.getByRole('button', { name: `Next: ${next}` }).click();
      if (missing) {
        await facilitator.locator('.app-controls .govuk-warning-text').waitFor();
        expect(await facilitator.locator('.app-controls').getByRole('listitem').allTextContents()).toEqual([missing]);
        await facilitator.getByRole('button', { name: `Yes, move on to ${next.toLowerCase()}` }).click();
      }
      await facilitator.getByRole('heading', { name: next, level: 1 }).waitFor();
    }
    for (const page of [sam, sasha]) await page.getByRole('heading', { name: 'Agree three SMART goals' }).waitFor({ timeout: 10_000 });
  });

  it('two participants type into the same goal and both see both edits; the SMART check follows the typing', async () => {
    await sam.getByRole('button', { name: 'Propose a goal' }).click();
    const samWording = draft(sam, 1).getByLabel('The goal', { exact: true });
    const sashaWording = draft(sasha, 1).getByLabel('The goal', { exact: true });
    await sashaWording.waitFor({ timeout: 10_000 });
    // An empty draft's checklist: one line for each SMART letter, whatever it lacks under it.
    expect(await draft(sam, 1).locator('.app-smart li strong').allTextContents()).toEqual(['Specific:', 'Measurable:', 'Achievable:', 'Relevant:', 'Time-bound:']);
    await samWording.click();
    await samWording.pressSequentially('Every secondary school has a named link worker');
    await expect.poll(() => sashaWording.inputValue(), { timeout: 10_000 }).toBe('Every secondary school has a named link worker');
    await sashaWording.click();
    await sashaWording.press('End');
    await samWording.press('Home');
    // Sam's tab is in the background and runs no animation frames (as browsers throttle them):
    // Sasha's edit arriving must still leave Sam's caret where it was, ready for typing.
    await sam.evaluate(() => {
      const w = window as unknown as { savedFrame: typeof requestAnimationFrame };
      w.savedFrame = window.requestAnimationFrame;
      window.requestAnimationFrame = () => 0;
    });
    await sashaWording.pressSequentially(' by June');
    await expect.poll(() => samWording.inputValue(), { timeout: 10_000 }).toBe('Every secondary school has a named link worker by June');
    await samWording.pressSequentially('Goal A: ');
    await sam.evaluate(() => {
      window.requestAnimationFrame = (window as unknown as { savedFrame: typeof requestAnimationFrame }).savedFrame;
    });
    for (const box of [samWording, sashaWording]) {
      await expect.poll(() => box.inputValue(), { timeout: 10_000 }).toBe('Goal A: Every secondary school has a named link worker by June');
    }
    expect(await draft(sasha, 1).getByText('Not yet SMART').count()).toBe(1);
    await fillSmart(draft(sam, 1), { target: '22 of 22 schools', domain: '2. Agreed point of contact' });
    await draft(sasha, 1).getByText('Every part of SMART is covered.').waitFor({ timeout: 10_000 });
    await screenshot(sasha, 'goals-drafting');
  });

  it('more goals are proposed; one is accepted by the facilitator without a full SMART check', async () => {
    await sasha.getByRole('button', { name: 'Propose a goal' }).click();
    await draft(sasha, 2).getByLabel('The goal', { exact: true }).fill('Goal B: termly joint training for school and CYPMHS staff');
    await fillSmart(draft(sasha, 2), { target: '3 sessions a year', domain: '5. Learning from best practice' });
    await facilitator.getByRole('button', { name: 'Propose a goal' }).click();
    await draft(facilitator, 3).getByLabel('The goal', { exact: true }).fill('Goal C: improve how schools hear about referrals');
    await draft(facilitator, 3).getByText('Accept this goal as it is').click();
    await draft(facilitator, 3).getByLabel('Why the group accepts it').fill('The measure is agreed at the March steering group');
    await draft(facilitator, 3).getByRole('button', { name: 'Record the reason' }).click();
    await draft(sam, 3).getByText('Accepted by facilitator').waitFor({ timeout: 10_000 });
  });

  it('participants say whether they agree, with a comment for a concern', async () => {
    // Saving before choosing says what is missing, beside the question (the button is never disabled).
    await draft(sam, 1).getByRole('button', { name: 'Save my view' }).click();
    await draft(sam, 1).getByRole('group', { name: 'Do you agree with this goal?' }).getByText('Choose whether you agree with this goal or have concerns').waitFor();
    await draft(sam, 1).getByLabel('I agree').check();
    expect(await draft(sam, 1).getByText('Choose whether you agree with this goal or have concerns').count()).toBe(0);
    await draft(sam, 1).getByRole('button', { name: 'Save my view' }).click();
    await draft(sasha, 2).getByLabel('I have concerns').check();
    await draft(sasha, 2).getByLabel('What is your concern?').fill('Who covers the supply costs?');
    await draft(sasha, 2).getByRole('button', { name: 'Save my view' }).click();
    await draft(facilitator, 1).getByText('1 agree, 0 have concerns').waitFor({ timeout: 10_000 });
    await draft(facilitator, 2).getByText('Who covers the supply costs?').waitFor({ timeout: 10_000 });
  });

  it('on a 1280×720 screen the lock bar covers no draft, wherever the facilitator has scrolled', async () => {
    await facilitator.setViewportSize({ width: 1280, height: 720 });
    const bar = facilitator.locator('.app-lock-bar');
    const drafts = facilitator.getByRole('article');
    expect(await drafts.count()).toBe(3);
    const covered = async () => {
      const barBox = (await bar.boundingBox())!;
      const boxes = await Promise.all((await drafts.all()).map((d) => d.boundingBox()));
      return boxes.filter((box) => box && box.y < barBox.y + barBox.height && barBox.y < box.y + box.height).length;
    };
    // Half way down the drafts, where a bar stuck to the window's bottom sat over them, and at the end.
    await drafts.nth(1).evaluate((el) => el.scrollIntoView({ block: 'center' }));
    expect(await covered()).toBe(0);
    await facilitator.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await covered()).toBe(0);
    const last = (await drafts.last().boundingBox())!;
    expect(last.y + last.height).toBeLessThanOrEqual((await bar.boundingBox())!.y);
    await facilitator.screenshot({ path: 'test-artifacts/goals-lock-bar-1280x720.png' });
    await facilitator.setViewportSize({ width: 1280, height: 900 });
  });

  it('the facilitator locks exactly three goals; two are refused with a clear message', async () => {
    await draft(facilitator, 1).getByLabel('Choose as one of the three goals').check();
    await draft(facilitator, 2).getByLabel('Choose as one of the three goals').check();
    // Not yet the main step: it becomes the green button once three are chosen.
    expect(await facilitator.getByRole('button', { name: 'Lock the chosen goals' }).getAttribute('class')).toContain('govuk-button--secondary');
    await facilitator.getByRole('button', { name: 'Lock the chosen goals' }).click();
    await facilitator.getByRole('button', { name: 'Yes, lock the goals' }).click();
    // The refusal appears beside the button that caused it, where the facilitator is looking.
    await expect.poll(() => facilitator.getByText('Choose exactly 3 goals to lock; 2 are chosen').isVisible()).toBe(true);
    expect(await facilitator.getByText('Choose exactly 3 goals to lock; 2 are chosen').evaluate((el) => el.getBoundingClientRect().top < window.innerHeight)).toBe(true);
    await draft(facilitator, 3).getByLabel('Choose as one of the three goals').check();
    expect(await facilitator.getByRole('button', { name: 'Lock the chosen goals' }).getAttribute('class')).not.toContain('govuk-button--secondary');
    await facilitator.getByRole('button', { name: 'Lock the chosen goals' }).click();
    await facilitator.getByRole('button', { name: 'Yes, lock the goals' }).click();
    for (const page of [facilitator, sam, sasha]) {
      await page.getByRole('heading', { name: 'The three goals, and where we start' }).waitFor({ timeout: 10_000 });
    }
    expect(await locked(sam, 1).getByRole('heading').first().textContent()).toBe('Goal 1: Goal A: Every secondary school has a named link worker by June');
  });

  it('baselines are rated privately, revealed, then agreed', async () => {
    await locked(sam, 1).getByRole('radio', { name: '3', exact: true }).first().check();
    await locked(sam, 1).getByRole('button', { name: 'Save my rating' }).click();
    await locked(facilitator, 1).getByText('1 rated so far').waitFor({ timeout: 10_000 });
    // One rater's distribution would be Sam's own rating: refused, and the facilitator is told why.
    await locked(facilitator, 1).getByRole('button', { name: 'Reveal everyone’s ratings' }).click();
    await locked(facilitator, 1).getByText(/Only one person has rated this goal yet: the ratings are shown once at least 3 people have/).waitFor({ timeout: 10_000 });
    for (const [page, rating] of [[sasha, '4'], [facilitator, '5']] as const) {
      await locked(page, 1).getByRole('group', { name: /Your own rating/ }).getByRole('radio', { name: rating, exact: true }).check();
      await locked(page, 1).getByRole('button', { name: 'Save my rating' }).click();
    }
    await locked(facilitator, 1).getByText('3 rated so far').waitFor({ timeout: 10_000 });
    await locked(facilitator, 1).getByRole('button', { name: 'Reveal everyone’s ratings' }).click();
    const strip = locked(sasha, 1).getByRole('table', { name: /Everyone’s own ratings/ });
    await strip.waitFor({ timeout: 10_000 });
    // Looked at, not only read: each rating 0–10 sits on one line, under its own bar.
    const boxes = async (selector: string) => Promise.all((await strip.locator(selector).all()).map(async (cell) => (await cell.boundingBox())!));
    const [bars, counts, labels] = [await boxes('.app-gbo-strip__cell'), await boxes('.app-gbo-strip__count'), await boxes('.app-gbo-strip__rating')];
    expect(labels).toHaveLength(11);
    expect(new Set(labels.map((l) => Math.round(l.y))).size).toBe(1);
    for (const [rating, label] of labels.entries()) {
      const bar = bars[rating]!;
      expect(label.x + label.width / 2, `the label ${rating} is under its bar`).toBeGreaterThan(bar.x);
      expect(label.x + label.width / 2, `the label ${rating} is under its bar`).toBeLessThan(bar.x + bar.width);
      expect(label.y).toBeGreaterThanOrEqual(bar.y + bar.height - 1);
      expect(counts[rating]!.y + counts[rating]!.height, `the count over ${rating} clears its label`).toBeLessThanOrEqual(label.y + 1);
    }
    await screenshot(sasha, 'goals-gbo-strip');
    // Pressed before a rating is chosen, the button says what is missing.
    await locked(facilitator, 1).getByRole('button', { name: 'Record agreed rating' }).click();
    await locked(facilitator, 1).getByText('Choose the agreed rating, from 0 to 10').waitFor();
    for (const [n, rating] of [[1, '3'], [2, '2'], [3, '1']] as const) {
      const agreed = locked(facilitator, n).getByRole('group', { name: 'Agreed baseline rating' });
      await agreed.getByRole('radio', { name: rating, exact: true }).check();
      await locked(facilitator, n).getByRole('button', { name: 'Record agreed rating' }).click();
      await locked(sam, n).getByText(`${rating} out of 10`).waitFor({ timeout: 10_000 });
    }
    await screenshot(facilitator, 'goals-baseline-facilitator');
    await expectAccessible(sam, 'goals phase after lock (stakeholder)');
    await expectAccessible(facilitator, 'goals phase after lock (facilitator)');
  });

  it('after a 3-month review, the progress page shows each goal’s ratings as a chart', async () => {
    expect((await api.post(`/api/meetings/${meetingId}/close`)).status).toBe(200);
    const review = await api.post(`/api/sites/${siteId}/meetings`, { kind: 'review-3m', startsAt: bookingIn(127), durationMinutes: 90, baseMeetingId: meetingId });
    expect((await api.post(`/api/meetings/${review.body.id}/start`)).status).toBe(200);
    const socket = await connectedSocket(server.url, api.cookie);
    const goals = (await api.get(`/api/sites/${siteId}/goals`)).body.goals as { goal: { id: string } }[];
    // Goals are rated in the review's goals phase (shared/meeting-actions.ts).
    expect(await request(socket, 'meeting:action', { meetingId: review.body.id, action: { type: 'set-phase', phase: 'goals' } })).toMatchObject({ ok: true });
    for (const [i, rating] of [6, 3, 5].entries()) {
      const reply = await request(socket, 'meeting:action', { meetingId: review.body.id, action: { type: 'record-goal-rating', goalId: goals[i]!.goal.id, rating } });
      expect(reply.ok).toBe(true);
    }
    socket.close();

    await sam.goto(`${server.url}/sites/${siteId}/goals`);
    await sam.getByRole('heading', { name: 'Goals and progress' }).waitFor();
    await sam.locator('.recharts-surface').first().waitFor({ timeout: 10_000 });
    expect(await sam.locator('.recharts-line-dot').count()).toBe(6);
    expect(await sam.getByText('Meaningful progress', { exact: true }).count()).toBeGreaterThanOrEqual(1);
    expect(await sam.getByRole('link', { name: /Change goal/ }).count()).toBe(0);
    await screenshot(sam, 'goals-progress');
    await expectAccessible(sam, 'goals and progress page');
  });

  it('a goals page that missed a change while cut off shows it once its connection is back', async () => {
    // The server restarts, so nothing it kept of Sam's connection is left to replay, and while Sam
    // is still cut off the facilitator adds an action. Back, the page asks for the goals again
    // rather than keep showing what it had (as it must after every reconnection when the service
    // runs on several processes, whose connections are never resumed).
    let cutOff = true;
    await sam.routeWebSocket(/\/socket\.io\//, (ws) => (cutOff ? ws.close() : ws.connectToServer()));
    await server.stop();
    await server.start();
    const [first] = (await api.get(`/api/sites/${siteId}/goals`)).body.goals as { goal: { id: string } }[];
    const added = await api.post(`/api/sites/${siteId}/goals/${first!.goal.id}/actions`, { what: 'Send the link worker list to every school', owner: 'Sam Stakeholder', due: dayIn(30) });
    expect(added.status).toBeLessThan(300);
    cutOff = false;
    await sam.getByText('Send the link worker list to every school').waitFor({ timeout: 20_000 });
  });
});
