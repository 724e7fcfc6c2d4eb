import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addCalendarDays, addCalendarMonths, ukDay, ukTime } from '@shared/dates';
import { askDays } from '@shared/goals/check-in-reminders';
import { eventually } from '../helpers/collab';
import { checkIn } from '../helpers/check-in';
import { asTyped } from '../helpers/dates';
import { expectAccessible, fillDate, launchBrowser, screenshot, signedInAt, signedInPage } from '../helpers/browser';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept, outbox, testPassword } from '../helpers/outbox';
import { disconnectCrew, holdConsultation, meetingCrew, stakeholderProfiles, type MeetingCrew } from '../helpers/programme';
import { docxText, odtText } from '../helpers/office-text';
import { pdfText } from '../helpers/pdf';
import { connectedSocket, request, type ClientSocket } from '../helpers/realtime';
import { startApp, type InProcessServer } from '../helpers/app';
import { moveClockTo, restoreClock } from '../helpers/clock';
import { demoPassword } from '../helpers/server';

/**
 * Goals between meetings, in a browser over the months between the consultation and the 3-month
 * review, with the clock moved (tests/helpers/clock.ts: the test process's, so the app's in it, and
 * the browsers opened then), the reminder sweeps run at each step, and every date worked
 * out from today: owners named at the consultation, monthly reminders, two check-ins (one at risk
 * with a blocker), a reminder skipped after a recent check-in, the lead told after two ignored,
 * an action ticked off from the owner's to-do list, a review that opens on all of it, and the
 * record as PDF, ODT and DOCX read back by parsers.
 */
const screenshotsDir = path.resolve(import.meta.dirname, '../../docs/screenshots');
let server: InProcessServer;
let browser: Browser;
let crew: MeetingCrew;
let facilitator: ApiClient;
let siteId: string;
let consultationId: string;
let reviewId: string;
let asks: string[];
let review3m: string;
const emails = { lead: 'lead@between.example', owner: 's0@between.example', silent: 's1@between.example' };
const blocker = 'Two academies still have no CYPMHS contact';
const domainDecision = 'Referrals go through one shared inbox';
const movedDecision = 'Schools name one contact for the shared inbox';
const domainAction = 'Map the referral routes into CYPMHS';
let socket: ClientSocket;

const now = () => new Date();
/**
 * Weeks pass: the clock moves on, and the reminder sweeps run then, twice, as the five-minute job
 * would in the day's first minutes (a lead is told on a run after the one that asked).
 */
async function travelTo(iso: string) {
  moveClockTo(iso);
  await server.runPeriodicJobs();
  await server.runPeriodicJobs();
  // The facilitator's session has ended, as anyone's would.
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
}
const arrive = (email: string, viewport?: { width: number; height: number }) => signedInPage(browser, server.url, email, testPassword, viewport);

/** Mails to `email` whose subject says `about`, as the outbox holds them. */
const mailsTo = (email: string, about: string) => outbox(server.dataDir).filter((m) => m.includes(`To: ${email}`) && m.replace(/=\r?\n/g, '').includes(about));
const askSubject = 'time to check in on your goal';
const leadSubject = 'no check-in on a goal after two reminders';

async function openGoals(page: Page) {
  await page.goto(`${server.url}/sites/${siteId}/goals`);
  await page.getByRole('heading', { name: 'Goals and progress' }).waitFor();
}

/** The way into a check-in from the goals page, as the owner finds it. */
async function openCheckIn(page: Page) {
  await openGoals(page);
  await page.getByRole('link', { name: 'Check in on goal 1' }).click();
}

beforeAll(async () => {
  const start = new Date().toISOString();
  moveClockTo(start);
  [server, browser] = await Promise.all([startApp(), launchBrowser()]);
  facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Between Borough' })).body.id;
  await inviteAndAccept(server, facilitator, siteId, emails.lead, { role: 'lead', name: 'Lee Lead' });
  const stakeholders = await Promise.all(stakeholderProfiles.map((p, i) => inviteAndAccept(server, facilitator, siteId, `s${i}@between.example`, { name: p.name, organisation: p.organisation, sector: p.sector })));
  crew = await meetingCrew(server, siteId, facilitator, stakeholders);
  consultationId = (await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: new Date(Date.now() + 3_600_000).toISOString(), durationMinutes: 120, attendeeIds: crew.stakeholders.map((s) => s.id) })).body.id;
  await holdConsultation(crew, consultationId, addCalendarDays(ukDay(now()), 100));
  disconnectCrew(crew);
  // The 3-month review is booked three months on; the asks are counted back from it.
  review3m = addCalendarMonths(ukDay(now()), 3);
  const review = await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'review-3m', startsAt: ukTime(review3m, 10), durationMinutes: 90, attendeeIds: crew.stakeholders.map((s) => s.id), baseMeetingId: consultationId });
  expect(review.status, JSON.stringify(review.body)).toBe(201);
  reviewId = review.body.id;
  asks = askDays(ukDay(now()), [review3m]);
}, 240_000);

afterAll(async () => {
  socket?.close();
  await browser?.close();
  await server?.stop();
  restoreClock();
});

describe('goals between the meetings, over three months', () => {
  it('at the consultation, the lead names the goals’ owners', async () => {
    const lead = await arrive(emails.lead);
    await openGoals(lead);
    const goal = (n: number) => lead.locator('section.app-goal-progress').nth(n - 1);
    for (const [n, name] of [[1, stakeholderProfiles[0].name], [2, stakeholderProfiles[1].name]] as const) {
      await goal(n).getByText('Name the owner').click();
      await goal(n).getByLabel(`Who owns goal ${n}`).selectOption({ label: `${name}, ${stakeholderProfiles[n - 1]!.organisation}` });
      await goal(n).getByRole('button', { name: 'Save owner' }).click();
      await goal(n).getByText(`Owner: ${name}`).waitFor();
    }
    // A decision about a domain rather than a goal, recorded between meetings by the lead.
    const decisions = lead.getByRole('region', { name: 'Other decisions' });
    await decisions.getByText('Record a decision').click();
    await decisions.getByLabel('What it is about').selectOption({ label: '6. Integrated working and access' });
    await decisions.getByLabel('What was decided').fill(domainDecision);
    await decisions.getByRole('button', { name: 'Record decision' }).click();
    await decisions.getByText(`6. Integrated working and access: ${domainDecision}`, { exact: false }).waitFor();
    await expectAccessible(lead, 'goals page with owners');
    // An action for goal 1, put on its owner's to-do list; first with a day already past, which
    // is refused by the server's clock and named in the error summary and on the date itself.
    await goal(1).getByText('Add an action').click();
    await goal(1).getByLabel('What will be done').fill('Introduce the trust leads to CYPMHS');
    await goal(1).getByLabel('Who will do it, from the site’s members').selectOption({ label: stakeholderProfiles[0].name });
    // The hint's example is three months ahead by this clock (moved to 2029 in one run of the
    // suite): a fixed example would one day be a date this very form refuses as past.
    const dueHint = goal(1).getByRole('group', { name: 'Date it is due' }).locator('.govuk-hint');
    expect(await dueHint.textContent()).toBe(`For example, ${asTyped(addCalendarMonths(ukDay(now()), 3))}`);
    await fillDate(goal(1), 'Date it is due', addCalendarDays(ukDay(now()), -1));
    await goal(1).getByRole('button', { name: 'Add action' }).click();
    const late = 'Date it is due must be today or in the future';
    await goal(1).locator('.govuk-error-summary').getByRole('link', { name: late }).waitFor();
    expect(await goal(1).getByRole('group', { name: 'Date it is due' }).locator('.govuk-error-message').textContent()).toContain(late);
    await fillDate(goal(1), 'Date it is due', addCalendarDays(ukDay(now()), 40));
    await goal(1).getByRole('button', { name: 'Add action' }).click();
    await goal(1).getByLabel(/Introduce the trust leads to CYPMHS/).waitFor();
    await lead.context().close();
  });

  it('a month on, both owners are asked; the owner checks in at risk with a blocker and ticks off the action from the to-do list', async () => {
    await travelTo(ukTime(asks[0]!, 9));
    expect(mailsTo(emails.owner, askSubject)).toHaveLength(1);
    expect(mailsTo(emails.silent, askSubject)).toHaveLength(1);
    const owner = await arrive(emails.owner);
    // The ask is on the owner's to-do list too, until they answer it.
    const askTodo = owner.getByRole('link', { name: /Check in on goal 1: how is it going\?/ });
    await owner.goto(`${server.url}/sites/${siteId}`);
    await checkIn(owner, { rating: '3', confidence: /At risk/, happened: 'Six schools named a link worker', inTheWay: blocker, helpNeeded: 'An introduction to the trust leads' }, () => askTodo.click());
    await owner.goto(`${server.url}/sites/${siteId}`);
    await owner.getByRole('link', { name: /Goal 1: Introduce the trust leads to CYPMHS/ }).waitFor();
    expect(await askTodo.count()).toBe(0);
    await owner.getByRole('link', { name: /Goal 1: Introduce the trust leads to CYPMHS/ }).click();
    await owner.getByRole('heading', { name: 'Goals and progress' }).waitFor();
    const action = owner.getByLabel(/Introduce the trust leads to CYPMHS/);
    await action.focus();
    await owner.keyboard.press('Space');
    await eventually(async () => expect(await action.isChecked()).toBe(true));
    await eventually(async () => expect((await facilitator.get(`/api/sites/${siteId}/goals`)).body.goals[0].doneActions).toHaveLength(1));
    await owner.context().close();
  });

  it('a week before the next ask, the owner checks in again; that ask is skipped, the silent owner is asked again and the lead is told once', async () => {
    await travelTo(ukTime(addCalendarDays(asks[1]!, -7), 11));
    const owner = await arrive(emails.owner);
    await checkIn(owner, { rating: '5', confidence: /^Likely/, happened: 'Nine schools named a link worker', helpFrom: 'Trust leads' }, () => openCheckIn(owner));
    await owner.context().close();
    await travelTo(ukTime(asks[1]!, 9));
    expect(mailsTo(emails.silent, askSubject)).toHaveLength(2);
    expect(mailsTo(emails.lead, leadSubject)).toHaveLength(1);
    // The lead's mail comes from a run after this day's asks were decided: the owner's was skipped.
    expect(mailsTo(emails.owner, askSubject)).toHaveLength(1);
    expect(mailsTo(emails.lead, leadSubject)[0]).toContain('goal 2');
  });

  it('shows the goal page with its check-ins on a phone and a laptop', async () => {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    for (const [name, viewport] of [['phone', { width: 390, height: 844 }], ['laptop', { width: 1366, height: 900 }]] as const) {
      const page = await arrive(emails.owner, viewport);
      await openGoals(page);
      const goal = page.locator('section.app-goal-progress').first();
      await goal.locator('.app-check-in').nth(1).waitFor();
      // Only the baseline is agreed so far: no change to speak of, said as such.
      expect(await goal.locator('p').first().textContent()).toBe('Baseline 2 out of 10; not yet re-rated.');
      await page.locator('.app-goal-chart svg').first().waitFor();
      await expectAccessible(page, `goal page on a ${name}`);
      await goal.screenshot({ path: path.join(screenshotsDir, `goal-check-ins-${name}.png`) });
      await page.context().close();
    }
  });

  it('in the 3-month review’s domain review, the facilitator records an action for the domain in focus, by keyboard; it is on the owner’s to-do list', async () => {
    await travelTo(ukTime(review3m, 9, 55));
    expect((await facilitator.post(`/api/meetings/${reviewId}/start`)).status).toBe(200);
    socket = await connectedSocket(server.url, facilitator.cookie);
    expect((await request(socket, 'meeting:join', { meetingId: reviewId })).ok).toBe(true);
    for (const action of [{ type: 'set-phase', phase: 'domain-review' }, { type: 'focus', domain: 6 }]) expect((await request(socket, 'meeting:action', { meetingId: reviewId, action })).ok).toBe(true);
    const page = await signedInAt(browser, `${server.url}/meetings/${reviewId}`, 'facilitator@demo.example', demoPassword);
    const records = page.getByRole('region', { name: 'Actions and decisions for integrated working and access' });
    // The decision the lead recorded for this domain between meetings is there already.
    await records.getByText(`Decided: ${domainDecision}`).waitFor();
    // Opened and filled from the keyboard: the summary, then each field in turn.
    await records.locator('summary', { hasText: 'Add an action' }).focus();
    await page.keyboard.press('Enter');
    await records.getByLabel('What will be done').focus();
    await page.keyboard.type(domainAction);
    await page.keyboard.press('Tab');
    await records.getByLabel('Who will do it').selectOption({ label: `${stakeholderProfiles[0].name}, ${stakeholderProfiles[0].organisation}` });
    // Sent without a date first: the error summary names it, linked to the day box.
    await records.getByRole('button', { name: 'Add action' }).press('Enter');
    await records.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await records.locator('.govuk-error-summary').textContent()).toContain('Enter the date it is due');
    // Then with a two-digit year, which would be the year 27: named before anything is sent.
    const due = addCalendarDays(review3m, 10);
    await fillDate(records, 'Date it is due', due.slice(2));
    await records.getByRole('button', { name: 'Add action' }).press('Enter');
    await records.locator('.govuk-error-summary').getByRole('link', { name: 'Year must include 4 numbers' }).waitFor();
    expect(await records.getByRole('group', { name: 'Date it is due' }).locator('.govuk-error-message').textContent()).toContain('Year must include 4 numbers');
    await fillDate(records, 'Date it is due', due);
    await records.getByRole('button', { name: 'Add action' }).press('Enter');
    await records.getByText(`${domainAction} – ${stakeholderProfiles[0].name}`).waitFor();
    // The form stays open, emptied, for the next action; the outcome is said beside its button.
    await records.getByText('Action recorded; it is on its owner’s to-do list').waitFor();
    await expectAccessible(page, 'domain review with the action form');
    await screenshot(page, 'meeting-domain-review-action-form');
    await records.screenshot({ path: path.join(screenshotsDir, 'meeting-domain-action.png') });
    await page.context().close();

    const owner = await signedInAt(browser, `${server.url}/sites/${siteId}`, emails.owner, testPassword);
    await owner.getByRole('link', { name: new RegExp(`6. Integrated working and access: ${domainAction}`) }).click();
    await owner.getByRole('heading', { name: 'Other actions' }).waitFor();
    await owner.getByLabel(new RegExp(domainAction)).waitFor();
    await owner.context().close();
  });

  it('a decision half typed when the facilitator moves to another domain stays with its own domain, through a look at the overview, and is recorded there', async () => {
    const page = await signedInAt(browser, `${server.url}/meetings/${reviewId}`, 'facilitator@demo.example', demoPassword);
    const recordsOf = (title: string) => page.getByRole('region', { name: `Actions and decisions for ${title}` });
    const integrated = recordsOf('integrated working and access');
    await integrated.getByText('Record a decision').click();
    await integrated.getByLabel('What was decided').fill(movedDecision);
    // Moved on from elsewhere (the other facilitator's screen): this board follows to domain 7.
    expect((await request(socket, 'meeting:action', { meetingId: reviewId, action: { type: 'focus', domain: 7 } })).ok).toBe(true);
    const evidenceBased = recordsOf('evidence-based intervention');
    await evidenceBased.getByText('Record a decision').click();
    expect(await evidenceBased.getByLabel('What was decided').inputValue()).toBe('');
    // A look at every domain at once, then back to where it was typed.
    await page.getByRole('button', { name: 'All domains' }).click();
    await page.getByRole('button', { name: '6. Integrated working and access' }).click();
    expect(await integrated.getByLabel('What was decided').inputValue()).toBe(movedDecision);
    await integrated.getByRole('button', { name: 'Record decision' }).click();
    await integrated.getByText(`Decided: ${movedDecision}`).waitFor();
    const book = (await facilitator.get(`/api/sites/${siteId}/goals`)).body as { otherDecisions: { text: string; domainId: number | null }[] };
    expect(book.otherDecisions.filter((d) => d.text === movedDecision).map((d) => d.domainId)).toEqual([6]);
    await page.context().close();
  });

  it('the 3-month review opens on the thread beside each goal, then re-rates, and the record exports as PDF, ODT and DOCX', async () => {
    expect((await request(socket, 'meeting:action', { meetingId: reviewId, action: { type: 'set-phase', phase: 'goals' } })).ok).toBe(true);
    const page = await signedInAt(browser, `${server.url}/meetings/${reviewId}`, 'facilitator@demo.example', demoPassword);
    const first = page.getByRole('article').filter({ has: page.getByRole('heading', { name: /^Goal 1:/ }) });
    const thread = first.getByRole('region', { name: 'Since the goal was last rated' });
    await thread.waitFor();
    const said = await thread.textContent();
    expect(said).toContain('Last agreed rating: 2 out of 10');
    expect(said).toContain('2 check-ins since');
    expect(said).toContain('Actions: 0 open, 1 done');
    expect(said).toContain(blocker);
    await expectAccessible(page, 'review goals phase with the thread');
    await page.context().close();

    for (const [n, rating] of [[0, 5], [1, 3], [2, 4]] as const) {
      expect((await request(socket, 'meeting:action', { meetingId: reviewId, action: { type: 'record-goal-rating', goalId: `goal-00${n}`, rating } })).ok).toBe(true);
    }
    socket.close();
    expect((await facilitator.post(`/api/meetings/${reviewId}/close`)).status).toBe(200);
    const download = async (format: string) => new Uint8Array(await (await fetch(`${server.url}/api/meetings/${reviewId}/report.${format}`, { headers: { Cookie: facilitator.cookie } })).arrayBuffer());
    const texts = { pdf: await pdfText(await download('pdf')), odt: odtText(await download('odt')).text, docx: docxText(await download('docx')) };
    for (const [format, text] of Object.entries(texts)) {
      for (const expected of ['Goal 1: Every secondary school has a named link worker', `Owner: ${stakeholderProfiles[0].name}`, `Owner: ${stakeholderProfiles[1].name}`, 'Introduce the trust leads to CYPMHS', '3-month review meeting 5', domainDecision, `6. Integrated working and access: ${domainAction}`]) {
        expect(text, `${format} holds “${expected}”`).toContain(expected);
      }
    }
  });
});
