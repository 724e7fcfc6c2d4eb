import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMinutes } from 'date-fns';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchBrowser, screenshot, signedInAt, signedInPage } from '../helpers/browser';
import { ApiClient } from '../helpers/http';
import { connectedSocket, request } from '../helpers/realtime';
import { startApp } from '../helpers/app';
import { moveClockTo, restoreClock } from '../helpers/clock';
import { demoPassword, type RunningServer } from '../helpers/server';

/**
 * A consultation running late, as the facilitators see it: the clock (of the test process and so
 * of the app in it, and of the browsers opened then) is moved two and a half hours on, so the domain review has
 * outrun its 90 minutes by an hour. Each facilitator sees how far behind they are, when the meeting
 * will end at this pace, and what to cut.
 */
const screenshotsDir = path.resolve(import.meta.dirname, '../../docs/screenshots');
let server: RunningServer;
let browser: Browser;
let meetingId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startApp(), launchBrowser()]);
  const api = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  const siteId = (await api.get('/api/sites')).body[0].id;
  meetingId = (await api.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: addDays(new Date(), 7).toISOString(), durationMinutes: 180 })).body.id;
  expect((await api.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
  const socket = await connectedSocket(server.url, api.cookie);
  expect((await request(socket, 'meeting:join', { meetingId })).ok).toBe(true);
  expect((await request(socket, 'meeting:action', { meetingId, action: { type: 'set-phase', phase: 'domain-review' } })).ok).toBe(true);
  socket.close();
  // Two and a half hours later: the welcome was short (20 minutes saved), the domain review has run 150 of its 90.
  moveClockTo(addMinutes(new Date(), 150));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  restoreClock();
});

describe('a consultation running late', () => {
  it('tells the facilitators how far behind they are, when they will finish, and what to cut', async () => {
    const facilitator = await signedInAt(browser, `${server.url}/meetings/${meetingId}`, 'facilitator@demo.example', demoPassword, { width: 1280, height: 720 });
    await facilitator.getByRole('heading', { name: 'Domain review', level: 1 }).waitFor();
    await facilitator.getByTestId('drift-summary').getByText(/^4\d min behind$/).waitFor();
    await facilitator.getByTestId('cut-hint').getByText('Take fewer domains in depth', { exact: false }).waitFor();
    await facilitator.getByRole('row', { name: /Domain review 90 min 2 h 30 min/ }).waitFor();
    await expectAccessible(facilitator, 'the run of show when behind');
    // The summary's link takes keyboard users to the table and the hint.
    await facilitator.getByRole('link', { name: 'What to cut' }).press('Enter');
    await expect.poll(() => facilitator.evaluate(() => location.hash)).toBe('#run-of-show-heading');
    fs.mkdirSync(screenshotsDir, { recursive: true });
    await facilitator.screenshot({ path: path.join(screenshotsDir, 'run-of-show-behind-1280x720.png') });
    await facilitator.setViewportSize({ width: 1600, height: 900 });
    await facilitator.getByRole('heading', { name: 'Run of show' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await facilitator.screenshot({ path: path.join(screenshotsDir, 'run-of-show-behind-1600x900.png') });
  });

  it('puts joining the live meeting at the top of the site page, on a phone', async () => {
    const lead = await signedInPage(browser, server.url, 'lead@demo.example', demoPassword, { width: 390, height: 844 });
    await lead.getByRole('link', { name: /Demo Borough/ }).first().click();
    const banner = lead.getByRole('region', { name: 'Live now' });
    const join = banner.getByRole('link', { name: 'Join the strategic consultation meeting' });
    await join.waitFor();
    expect(await join.evaluate((el) => el.getBoundingClientRect().bottom <= window.innerHeight)).toBe(true);
    await expectAccessible(lead, 'the site page with a live meeting');
    await screenshot(lead, 'site-live-meeting-phone');
    await join.click();
    await lead.getByRole('heading', { name: 'Domain review', level: 1 }).waitFor();
    await lead.context().close();
  });
});
