import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, inViewport, launchBrowser, openLiveConsultation, screenshot } from '../helpers/browser';
import { demoPassword, startServer, type RunningServer } from '../helpers/server';

/**
 * What someone types on the live board is theirs until the server has it: a server killed in the
 * middle of a note (kill -9, as a crash would) or a reload does not take it away, and a note
 * sent while the server was down arrives once it is back, once.
 */
let server: RunningServer;
let browser: Browser;
let facilitator: Page;
let sam: Page;
let sasha: Page;
let meetingId: string;
let siteId: string;

const strengthBox = (p: Page) => p.locator('#new-strength-2');
const notesWith = (p: Page, text: string) => p.locator('.app-note__text', { hasText: text });
const banner = (p: Page) => p.getByText('Connection lost – reconnecting…');

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  ({ facilitator, sam, sasha, meetingId, siteId } = await openLiveConsultation(browser, server.url, demoPassword));
  // Sam is on a phone, writing far down the page.
  await sam.setViewportSize({ width: 390, height: 844 });
  await facilitator.getByRole('button', { name: 'Next: Domain review' }).click();
  await facilitator.getByLabel('Bring everyone to').selectOption('2');
  for (const p of [sam, sasha]) await strengthBox(p).waitFor({ timeout: 10_000 });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('drafts on the live board', () => {
  it('a note half typed when the server dies stays in its box, in view of a banner that stays in view', async () => {
    // Sam is connected first: the meeting's channel (the domain the facilitator brought everyone
    // to is on screen) and the board (its changes say they are saved).
    await sam.getByText('All changes saved').waitFor({ timeout: 15_000 });
    await strengthBox(sam).fill('Termly steering group');
    await server.kill('SIGKILL');
    await banner(sam).waitFor({ timeout: 15_000 });
    await strengthBox(sam).scrollIntoViewIfNeeded();
    expect(await sam.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    // Scrolled down to the box, Sam still sees the banner, and it covers neither the box nor its button.
    expect(await inViewport(sam.locator('.app-connection .app-banner').first())).toBe(true);
    const bannerBox = (await sam.locator('.app-connection .app-banner').boundingBox())!;
    for (const control of [strengthBox(sam), sam.getByRole('button', { name: 'Add strength' })]) {
      const box = (await control.boundingBox())!;
      expect(box.y >= bannerBox.y + bannerBox.height || box.y + box.height <= bannerBox.y).toBe(true);
    }
    expect(await strengthBox(sam).inputValue()).toBe('Termly steering group');
    // Still the box Sam was typing in: focus and caret where they were, so typing just goes on.
    expect(await strengthBox(sam).evaluate((el) => el === document.activeElement && (el as HTMLTextAreaElement).selectionStart === 'Termly steering group'.length)).toBe(true);
    await sam.keyboard.type(' with every school');
    expect(await strengthBox(sam).inputValue()).toBe('Termly steering group with every school');
    await screenshot(sam, 'drafts-connection-lost-phone');
    await expectAccessible(sam, 'board with the connection lost (phone)');
  });

  it('a note sent while the server is down arrives once it is back, once, and the box is emptied', async () => {
    await sam.getByRole('button', { name: 'Add strength' }).click();
    await server.start();
    await expect.poll(() => notesWith(sasha, 'Termly steering group with every school').count(), { timeout: 45_000 }).toBe(1);
    await expect.poll(() => strengthBox(sam).inputValue(), { timeout: 15_000 }).toBe('');
    await expect.poll(() => banner(sam).count(), { timeout: 30_000 }).toBe(0);
    // Once for everyone, and still once after a reload (what the server stored).
    await sasha.reload();
    await strengthBox(sasha).waitFor({ timeout: 15_000 });
    await expect.poll(() => notesWith(sasha, 'Termly steering group with every school').count(), { timeout: 15_000 }).toBe(1);
    expect(await notesWith(sam, 'Termly steering group with every school').count()).toBe(1);
  });

  it('keeps the board on screen when the meeting cannot be read again after a reconnection', async () => {
    // Each reconnection reads the meeting again; here that reading fails, as it does when the
    // connection drops again at that moment. The page once swapped the board for "You do not
    // have access to this meeting", and nothing brought it back.
    let failedReadings = 0;
    const detailPath = `/api/meetings/${meetingId}`;
    const isDetail = (url: URL) => url.pathname === detailPath;
    await sam.route(isDetail, async (route) => {
      failedReadings += 1;
      await route.abort('connectionfailed');
    });
    try {
      await server.kill('SIGKILL');
      await banner(sam).waitFor({ timeout: 15_000 });
      await server.start();
      await expect.poll(() => failedReadings, { timeout: 30_000 }).toBeGreaterThan(0);
      await expect.poll(() => banner(sam).count(), { timeout: 30_000 }).toBe(0);
      // The facilitator moves everyone on and back: once Sam's board has followed both (a round
      // trip through the server, after the failed reading was handled), it is still the live board.
      for (const domain of ['3', '2']) {
        await facilitator.getByLabel('Bring everyone to').selectOption(domain);
        await sam.locator(`#new-strength-${domain}`).waitFor({ timeout: 15_000 });
      }
      expect(await sam.getByRole('heading', { name: /access|could not be loaded/ }).count()).toBe(0);
    } finally {
      await sam.unroute(isDetail);
    }
  });

  it('a reload keeps a note being written and a change being made to one', async () => {
    await strengthBox(sam).fill('Half a thought about governors');
    const mine = sam.locator('.app-note', { hasText: 'Termly steering group' });
    await mine.getByRole('button', { name: /^Edit/ }).click();
    await sam.getByLabel('Change the note').fill('Termly steering group with every school and college');
    await sam.reload();
    await sam.locator('.app-board:not([disabled])').waitFor({ timeout: 15_000 });
    await expect.poll(() => strengthBox(sam).inputValue(), { timeout: 15_000 }).toBe('Half a thought about governors');
    expect(await sam.getByLabel('Change the note').inputValue()).toBe('Termly steering group with every school and college');
    const keptChange = await sam.evaluate(() => Object.keys(sessionStorage).find((key) => key.includes(':edit-'))!);
    await sam.getByRole('button', { name: 'Save note' }).click();
    await notesWith(sasha, 'Termly steering group with every school and college').waitFor({ timeout: 10_000 });
    // Saved, the change is forgotten: a reload shows the note, not an editor. So too when the
    // reload came before the answer did (the change still kept, as here): the note says it already.
    await sam.evaluate((key) => sessionStorage.setItem(key, JSON.stringify({ text: 'Termly steering group with every school and college' })), keptChange);
    await sam.reload();
    await sam.locator('.app-board:not([disabled])').waitFor({ timeout: 15_000 });
    await notesWith(sam, 'every school and college').waitFor({ timeout: 15_000 });
    expect(await sam.getByLabel('Change the note').count()).toBe(0);
    expect(await sam.evaluate((key) => sessionStorage.getItem(key), keptChange)).toBeNull();
    expect(await strengthBox(sam).inputValue()).toBe('Half a thought about governors');
    // The facilitator's reasons for an agreed rating, typed as the group talks, are kept too.
    await facilitator.getByLabel('Why, in one line').fill('Named contacts in most schools');
    await facilitator.reload();
    await facilitator.locator('.app-board:not([disabled])').waitFor({ timeout: 15_000 });
    await expect.poll(() => facilitator.getByLabel('Why, in one line').inputValue(), { timeout: 15_000 }).toBe('Named contacts in most schools');
  });

  it('a goal drafted while cut off from the server survives a reload, and reaches everyone once back', async () => {
    for (const [next, phase] of [
      ['Areas of greatest need', 'areas of greatest need'],
      ['Goals', 'goals'],
    ]) {
      await facilitator.getByRole('button', { name: `Next: ${next}` }).click();
      await facilitator.getByRole('button', { name: `Yes, move on to ${phase}` }).click();
    }
    const wording = (p: Page) => p.getByLabel('The goal', { exact: true }).first();
    await sam.getByRole('button', { name: 'Propose a goal' }).click({ timeout: 10_000 });
    await wording(sam).fill('Every school has a named link worker');
    await expect.poll(() => wording(sasha).inputValue(), { timeout: 10_000 }).toBe('Every school has a named link worker');
    // The server dies; when it is back, Sam's connection to the co-edited goals stays down.
    let cutOff = true;
    await sam.routeWebSocket(/\/collab\//, (ws) => (cutOff ? ws.close() : ws.connectToServer()));
    await server.kill('SIGKILL');
    await server.start();
    await wording(sam).press('End');
    await wording(sam).pressSequentially(' by June');
    await sam.reload();
    await sam.locator('.app-board:not([disabled])').waitFor({ timeout: 15_000 });
    cutOff = false;
    for (const p of [sam, sasha]) await expect.poll(() => wording(p).inputValue(), { timeout: 30_000 }).toBe('Every school has a named link worker by June');
    await sam.getByText('All changes saved').waitFor({ timeout: 15_000 });
    expect(await sam.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('unsaved-edits:')))).toEqual([]);
  });

  it('a phase whose code cannot be fetched says so on the board, which stays, and draws once asked again', async () => {
    // Sam's connection drops for the close's code (loaded in the background once the board
    // works, and asked for again as the facilitator moves on), and for the goals. The whole page
    // once went blank.
    const isCloseCode = (url: URL) => /\/assets\/ClosePhase-[^/]+\.js$/.test(url.pathname);
    const isGoalsRead = (url: URL) => url.pathname === `/api/sites/${siteId}/goals`;
    await sam.route(isCloseCode, (route) => route.abort('connectionfailed'));
    await sam.route(isGoalsRead, (route) => route.abort('connectionfailed'));
    try {
      await sam.reload();
      await sam.locator('.app-board:not([disabled])').waitFor({ timeout: 15_000 });
      await facilitator.getByRole('button', { name: 'Next: Close' }).click();
      await facilitator.getByRole('button', { name: 'Yes, move on to close' }).click();
      const problem = sam.getByRole('alert').filter({ hasText: 'This part of the page could not be shown' });
      await problem.waitFor({ timeout: 15_000 });
      // The rest of the board is still there: the phase, who is here, whether it is saved.
      await sam.getByRole('heading', { name: 'Close', level: 1 }).waitFor();
      await sam.getByText('All changes saved').waitFor();
      await screenshot(sam, 'drafts-phase-code-not-fetched-phone');
      await expectAccessible(sam, 'board whose phase code could not be fetched (phone)');
      // Asked again once the code can be fetched, the close is drawn; while the goals cannot be
      // read it claims nothing about them.
      await sam.unroute(isCloseCode);
      await sam.getByRole('button', { name: 'Try again' }).click();
      await sam.getByRole('heading', { name: 'What we agreed' }).waitFor({ timeout: 15_000 });
      await sam.getByText('Reading the goals…').waitFor();
      expect(await sam.getByText('No goals have been locked yet.').count()).toBe(0);
    } finally {
      await sam.unroute(isCloseCode);
      await sam.unroute(isGoalsRead);
    }
    // Read once they can be (asked again, backing off), they are what they are.
    await sam.getByText('No goals have been locked yet.').waitFor({ timeout: 30_000 });
    expect(await sam.getByText('This part of the page could not be shown').count()).toBe(0);
  });
});
