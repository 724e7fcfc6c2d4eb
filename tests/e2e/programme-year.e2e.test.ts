import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { cascadeDomains } from '@shared/cascade/framework';
import { feedbackQuestions, joinedUpWorkingQuestions } from '@shared/evaluation/questions';
import { planDateFields, planDateLabels } from '@shared/programme/plan';
import { expectAccessible, fillDate, launchBrowser, screenshot, signedInAt, signedInPage } from '../helpers/browser';
import { ApiClient } from '../helpers/http';
import { calendarAttachment, invitationToken, inviteAndAccept, outbox, testPassword } from '../helpers/outbox';
import { pdfText } from '../helpers/pdf';
import { disconnectCrew, holdConsultation, holdReview, meetingCrew } from '../helpers/programme';
import { startApp } from '../helpers/app';
import { moveClockTo, restoreClock } from '../helpers/clock';
import { demoPassword, type RunningServer } from '../helpers/server';
import { nextDeadline, openTodos, timelineRow, todoStatus, todoTexts } from '../helpers/site-page';

/**
 * One site's whole programme year, walked in the browser by its facilitators and strategic lead.
 * The server's clock (and each browser's) is moved to each step's day, so deadlines are judged
 * on the day a person would meet them; the year straddles the clock change of 28 March 2027.
 * Board work already covered by the meeting tests is done through the API and socket.io.
 */
let server: RunningServer;
let browser: Browser;
let siteId: string;
let consultationId: string;

const leadEmail = 'lena@northgate.example';
const coFacilitatorEmail = 'cara@annafreud.example';
const stakeholders = ['Priya Shah', 'Tom Okafor', 'Ada Brook', 'Sam Jones', 'Kit Lowe'].map((name, i) => ({ name, email: `${name.split(' ')[0]!.toLowerCase()}@northgate.example`, organisation: `Northgate partner ${i + 1}` }));

const plan = {
  wave: 'Wave 3 (spring 2027)', surveyOpensOn: '2027-01-04', confirmConsultationBy: '2027-01-15', surveyClosesOn: '2027-01-29',
  consultationFrom: '2027-03-01', consultationTo: '2027-03-26', confirmReviewsBy: '2027-03-15', tailoredFrom: '2027-03-15', tailoredTo: '2027-04-30',
  review3mBy: '2027-06-30', review6mBy: '2027-09-30',
};
const reviewNotes = { progress: 'Link workers named in 9 of 12 schools', barriers: 'Two academies still have no CYPMHS contact', overcome: 'Trust leads name contacts by July' };

/** A person comes back to the tool on the current day: a fresh browser, signed in. */
const arrive = (email: string, password = testPassword) => signedInPage(browser, server.url, email, password);

async function openSite(page: Page) {
  await page.goto(`${server.url}/sites/${siteId}`);
  await page.getByRole('heading', { name: /Programme timeline/ }).waitFor();
}
beforeAll(async () => {
  moveClockTo('2026-12-01T10:00:00Z');
  [server, browser] = await Promise.all([startApp(), launchBrowser()]);
  const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Northgate' })).body.id;
  await inviteAndAccept(server, facilitator, siteId, leadEmail, { role: 'lead', name: 'Lena Lead', organisation: 'Northgate Council', sector: 'local-authority' });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  restoreClock();
});

describe('a programme year, from setting the dates to the 6-month review', () => {
  it('1 December 2026: the facilitator sets the dates and brings in a co-facilitator, who suggests the consultation date', async () => {
    const facilitator = await arrive('facilitator@demo.example', demoPassword);
    await openSite(facilitator);
    expect(await todoStatus(facilitator, 'Set the programme dates')).toBe('Due soon');
    await facilitator.getByRole('link', { name: /Set the programme dates/ }).click();
    await facilitator.getByRole('heading', { name: 'Programme dates' }).waitFor();
    await facilitator.getByRole('textbox', { name: 'Wave' }).fill(plan.wave);
    for (const field of planDateFields) await fillDate(facilitator, planDateLabels[field], plan[field]);
    await facilitator.getByRole('button', { name: 'Save dates' }).click();
    await facilitator.getByRole('heading', { name: /Programme timeline/ }).waitFor();
    // A date in British Summer Time is shown on its own day.
    expect(await timelineRow(facilitator, '3-month review meeting')).toContain('30 June 2027');
    expect(await nextDeadline(facilitator)).toContain('School and FE college survey opens, by 4 January 2027');

    // A fellow trainer joins as the site's second facilitator.
    await facilitator.getByRole('button', { name: 'Invite someone' }).click();
    await facilitator.getByLabel('Their email addresses').fill(coFacilitatorEmail);
    await facilitator.getByLabel('Facilitator', { exact: true }).check();
    await facilitator.getByRole('button', { name: 'Send invitations' }).click();
    await facilitator.getByRole('cell', { name: coFacilitatorEmail, exact: true }).waitFor();
    const cara = await (await browser.newContext()).newPage();
    await cara.goto(`${server.url}/invitation#${invitationToken(server.dataDir, coFacilitatorEmail)}`);
    await cara.getByLabel('Full name').fill('Cara Cole');
    await cara.getByLabel('Organisation').fill('Anna Freud');
    await cara.getByLabel('Other', { exact: true }).check();
    await cara.getByLabel('Create a password').fill(testPassword);
    await cara.getByRole('button', { name: 'Accept invitation' }).click();
    await cara.getByRole('heading', { name: 'Northgate', exact: true }).waitFor();

    // The co-facilitator suggests the consultation date, from their own to-do list.
    await cara.getByRole('link', { name: /Suggest a date and time for the consultation meeting/ }).click();
    await fillDate(cara, 'When does it start?', '2027-03-10');
    await cara.getByLabel('Start time').fill('14:00');
    await cara.getByRole('button', { name: /Schedule|Suggest/ }).click();
    await cara.getByRole('heading', { name: /Strategic consultation meeting/ }).first().waitFor();
    consultationId = new URL(cara.url()).pathname.split('/').at(-1)!;
    await cara.context().close();
    await facilitator.context().close();
  }, 90_000);

  it('the lead confirms the date, invites five people at once, and moves the consultation; the registered get a new calendar file', async () => {
    const lead = await arrive(leadEmail);
    await openSite(lead);
    expect(await todoStatus(lead, 'Confirm the date and time of your consultation meeting')).toBe('Coming up');
    await lead.getByRole('link', { name: 'Confirm the date and time of your consultation meeting' }).click();
    await lead.getByRole('button', { name: 'Confirm this date' }).click();
    await expect.poll(() => todoStatus(lead, 'Confirm the date and time of your consultation meeting')).toBe('Done');

    await lead.getByRole('button', { name: 'Invite someone' }).click();
    await lead.getByLabel('Their email addresses').fill(stakeholders.map((p) => `${p.name}\t${p.email}\t${p.organisation}`).join('\n'));
    await lead.getByRole('button', { name: 'Send invitations' }).click();
    for (const p of stakeholders) await lead.getByRole('cell', { name: p.email, exact: true }).waitFor();
    for (const p of stakeholders) {
      const person = new ApiClient(server.url);
      const accepted = await person.post('/api/invitations/accept', { token: invitationToken(server.dataDir, p.email), name: p.name, password: testPassword, organisation: p.organisation, sector: 'education' });
      expect(accepted.status).toBe(200);
    }
    await lead.goto(`${server.url}/meetings/${consultationId}/registrations`);
    await lead.getByRole('button', { name: 'Send invitations to register' }).click();
    await lead.getByText(/Invitations sent to 5 people/).waitFor();
    // Three of them register from their email.
    for (const p of stakeholders.slice(0, 3)) {
      const person = await ApiClient.signIn(server.url, p.email, testPassword);
      expect((await person.post(`/api/meetings/${consultationId}/registration`)).status).toBe(201);
    }

    const mailsBefore = outbox(server.dataDir).length;
    await lead.goto(`${server.url}/meetings/${consultationId}`);
    await lead.getByRole('link', { name: 'Move this meeting to another date or time' }).click();
    await fillDate(lead, 'When does it start now?', '2027-03-11');
    await lead.getByLabel('Start time').fill('10:00');
    await lead.getByRole('button', { name: 'Move the meeting' }).click();
    await lead.getByText('Thursday 11 March 2027 at 10:00am').first().waitFor();
    const moved = outbox(server.dataDir).slice(mailsBefore).map((m) => m.replace(/=\r?\n/g, ''));
    for (const p of stakeholders.slice(0, 3)) {
      const mail = moved.find((m) => m.includes(`To: ${p.email}`));
      expect(mail, `a new calendar file for ${p.email}`).toMatch(/Subject: Moved: Strategic consultation meeting/);
      expect(calendarAttachment(mail!)).toMatch(/DTSTART:20270311T100000Z[\s\S]*SEQUENCE:1/);
    }
    expect(moved.some((m) => m.includes(`To: ${stakeholders[4]!.email}`))).toBe(false);

    await openSite(lead);
    expect(await timelineRow(lead, 'Strategic consultation meeting')).toContain('Booked for Thursday 11 March 2027 at 10:00am');
    expect(await nextDeadline(lead)).toContain('School and FE college survey opens, by 4 January 2027');
    await expectAccessible(lead, 'site page with the next deadline');
    await lead.context().close();
  }, 90_000);

  it('4 January 2027: the survey opens on the site’s dates', async () => {
    moveClockTo('2027-01-04T10:00:00Z');
    const facilitator = await arrive('facilitator@demo.example', demoPassword);
    await openSite(facilitator);
    expect(await todoStatus(facilitator, 'Open the school and FE college survey')).toBe('Due soon');
    await facilitator.getByRole('link', { name: 'Open the school and FE college survey' }).click();
    const dateOf = async (legend: string) =>
      Promise.all(['Day', 'Month', 'Year'].map((box) => facilitator.getByRole('group', { name: legend }).getByLabel(box).inputValue()));
    expect(await dateOf('When does the survey open?')).toEqual(['4', '1', '2027']);
    expect(await dateOf('When does it close?')).toEqual(['29', '1', '2027']);
    await facilitator.getByLabel('Anyone with the link can answer').check();
    await facilitator.getByRole('button', { name: 'Open survey' }).click();
    await facilitator.getByText(/29 January 2027/).first().waitFor();
    await facilitator.context().close();

    const lead = await arrive(leadEmail);
    await openSite(lead);
    expect(await timelineRow(lead, 'School and FE college survey opens')).toContain('Done');
    expect(await nextDeadline(lead)).toContain('Deadline for schools and FE colleges to complete the survey, by 29 January 2027');
    await lead.context().close();
  }, 90_000);

  it('11 March 2027: after the consultation the lead chooses sessions either side of the clock change and cancels one', async () => {
    moveClockTo('2027-03-11T09:30:00Z');
    const facilitatorApi = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    const registered = await Promise.all(stakeholders.slice(0, 3).map((p) => ApiClient.signIn(server.url, p.email, testPassword)));
    const crew = await meetingCrew(server, siteId, facilitatorApi, registered);
    await holdConsultation(crew, consultationId);
    disconnectCrew(crew);

    const lead = await arrive(leadEmail);
    await openSite(lead);
    expect(await timelineRow(lead, 'Strategic consultation meeting')).toContain('Done');
    // Registering and the baseline survey were for before the meeting: they are gone, not overdue.
    expect((await todoTexts(lead)).filter((t) => /Register|baseline/.test(t))).toEqual([]);
    expect(await todoStatus(lead, 'Choose your tailored support sessions')).toBe('Due soon');
    expect(await nextDeadline(lead)).toContain('Choose your tailored support sessions (up to 3) after the consultation, by 15 March 2027');

    await lead.getByRole('link', { name: /Choose your tailored support sessions/ }).click();
    const sessions = [
      { title: 'Referral pathways and thresholds', date: '2027-03-24', shown: 'Wednesday 24 March 2027 at 10:00am' },
      { title: 'Joint training for pastoral staff', date: '2027-04-07', shown: 'Wednesday 7 April 2027 at 10:00am' },
    ];
    for (const session of sessions) {
      await lead.getByRole('button', { name: /Choose a session/ }).click();
      await lead.getByLabel('Give the session a title').fill(session.title);
      await lead.getByLabel('Facilitated discussion', { exact: true }).check();
      await lead.getByLabel('2. Agreed point of contact').check();
      await fillDate(lead, 'When does it start?', session.date);
      await lead.getByRole('button', { name: 'Choose this session' }).click();
      await lead.getByRole('heading', { name: 'Tailored support sessions', exact: true }).waitFor();
      // Either side of the clock change, 10am is 10am.
      await lead.getByText(session.shown).first().waitFor();
    }
    await lead.getByRole('link', { name: `Board for ${sessions[1]!.title}` }).click();
    await lead.getByRole('button', { name: 'Cancel this meeting' }).click();
    await lead.getByRole('button', { name: 'Yes, cancel the meeting' }).click();
    await lead.getByRole('heading', { name: 'Tailored support session: cancelled' }).waitFor();
    await lead.goto(`${server.url}/sites/${siteId}/tailored-sessions`);
    await lead.getByRole('button', { name: 'Choose a session (2 of 3 left)' }).waitFor();

    await openSite(lead);
    expect(await todoStatus(lead, 'Choose your tailored support sessions')).toBe('Done');
    expect((await todoTexts(lead)).some((t) => t.includes(sessions[1]!.title))).toBe(false);
    expect(await todoStatus(lead, `Invite education and mental health professionals to “${sessions[0]!.title}”`)).toBe('Due soon');
    await lead.context().close();

    // The co-facilitator suggests both reviews early in the consultation window (guide section 6):
    // the 3-month review in summer time, and the 6-month review in September, which reviews it.
    const cara = await signedInAt(browser, `${server.url}/sites/${siteId}/meetings/new?kind=review-3m`, coFacilitatorEmail, testPassword);
    await fillDate(cara, 'When does it start?', '2027-06-09');
    await cara.getByLabel('Start time').fill('10:00');
    expect(await cara.getByLabel('How long is it, in minutes?').inputValue()).toBe('90');
    await cara.getByRole('radio', { name: /^Strategic consultation meeting, Thursday 11 March 2027/ }).check();
    await cara.getByRole('button', { name: /Schedule|Suggest/ }).click();
    await cara.getByRole('heading', { name: /3-month review meeting/ }).first().waitFor();
    await cara.goto(`${server.url}/sites/${siteId}/meetings/new?kind=review-6m`);
    await fillDate(cara, 'When does it start?', '2027-09-15');
    await cara.getByLabel('Start time').fill('10:00');
    await cara.getByRole('radio', { name: /^3-month review meeting, Wednesday 9 June 2027/ }).check();
    await cara.getByRole('button', { name: /Schedule|Suggest/ }).click();
    await cara.getByRole('heading', { name: /6-month review meeting/ }).first().waitFor();
    await cara.context().close();

    // The lead confirms both; the facilitators who suggested them cannot.
    const leadAgain = await arrive(leadEmail);
    await openSite(leadAgain);
    for (const review of ['3-month', '6-month']) {
      await leadAgain.getByRole('link', { name: `Confirm the date and time of your ${review} review meeting` }).click();
      await leadAgain.getByRole('button', { name: 'Confirm this date' }).click();
      await leadAgain.getByRole('heading', { name: /Programme timeline/ }).waitFor();
      expect(await todoStatus(leadAgain, `Confirm the date and time of your ${review} review meeting`)).toBe('Done');
    }
    expect(await timelineRow(leadAgain, '3-month review meeting')).toContain('Booked for Wednesday 9 June 2027 at 10:00am');
    await leadAgain.context().close();
  }, 120_000);

  it('24 March 2027: the session is held; the lead records its action for a member, who ticks it off from her to-do list, and answers the follow-up survey', async () => {
    moveClockTo('2027-03-24T10:00:00Z');
    const facilitatorApi = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    const meetings = (await facilitatorApi.get(`/api/sites/${siteId}/meetings`)).body as { id: string; kind: string; status: string }[];
    const session = meetings.find((m) => m.kind === 'tailored-support' && m.status === 'scheduled')!;
    expect((await facilitatorApi.post(`/api/meetings/${session.id}/start`)).status).toBe(200);
    expect((await facilitatorApi.post(`/api/meetings/${session.id}/close`)).status).toBe(200);

    const lead = await arrive(leadEmail);
    await openSite(lead);
    await lead.getByRole('link', { name: /Record the actions agreed at/ }).click();
    // The action is for a member, about the third goal: it goes on her to-do list and into the goal's thread.
    await lead.getByLabel('What will be done').fill('Share the referral thresholds with every school');
    expect(await lead.getByLabel('What it is about').locator('option').allTextContents()).toContain('Goal 3: One referral form used by every school');
    await lead.getByLabel('What it is about').selectOption({ label: 'Goal 3: One referral form used by every school' });
    await lead.getByLabel('Who will do it, from the site’s members').selectOption({ label: stakeholders[0]!.name });
    await fillDate(lead, 'Date it is due', '2027-04-30');
    await expectAccessible(lead, 'a session’s action form, filled in');
    await lead.getByRole('button', { name: 'Add action' }).click();
    await lead.getByText(`Goal 3: Share the referral thresholds with every school – ${stakeholders[0]!.name}`).waitFor();
    await screenshot(lead, 'year-session-actions');

    // Priya finds it on her to-do list and ticks it off where it leads.
    const priya = await arrive(stakeholders[0]!.email);
    await openSite(priya);
    expect(await todoStatus(priya, 'Goal 3: Share the referral thresholds with every school')).toBe('Coming up');
    await priya.getByRole('link', { name: 'Goal 3: Share the referral thresholds with every school' }).click();
    await priya.getByRole('heading', { name: 'Goals and progress' }).waitFor();
    const action = priya.getByLabel(/Share the referral thresholds with every school/);
    // The box shows what the server holds, so it is ticked once the server has taken it.
    await action.click();
    await expect.poll(() => action.isChecked()).toBe(true);
    await openSite(priya);
    expect(await todoStatus(priya, 'Goal 3: Share the referral thresholds with every school')).toBe('Done');
    await priya.context().close();

    await openSite(lead);
    await lead.getByRole('link', { name: /Complete the follow-up survey/ }).click();
    for (const question of joinedUpWorkingQuestions) await lead.getByRole('group', { name: question.text }).getByLabel('Agree', { exact: true }).check();
    await lead.getByRole('button', { name: 'Send answers' }).click();
    await openSite(lead);
    expect(await todoStatus(lead, /Record the actions agreed at/)).toBe('Done');
    expect(await todoStatus(lead, 'Complete the follow-up survey')).toBe('Done');
    // What is left: registering for the confirmed reviews, and rating the seven domains before each.
    const toDoBefore = (review: string) => [`Register for the ${review} review meeting: Coming up`, `Rate the seven domains privately before the ${review} review meeting: Coming up`];
    expect(await openTodos(lead)).toEqual([...toDoBefore('3-month'), ...toDoBefore('6-month')]);
    expect(await nextDeadline(lead)).toContain('Register for the 3-month review meeting, by 7 June 2027');
    await lead.getByRole('link', { name: 'Register for the 3-month review meeting', exact: true }).first().click();
    await lead.getByRole('button', { name: 'Register' }).click();
    await lead.getByRole('heading', { name: 'You are registered' }).waitFor();
    await openSite(lead);
    await lead.getByRole('link', { name: 'Rate the seven domains privately before the 3-month review meeting', exact: true }).first().click();
    // One domain per page: each is answered once its own page is there.
    for (const domain of cascadeDomains) {
      await lead.getByRole('heading', { level: 1, name: domain.title }).waitFor();
      await lead.getByRole('group', { name: 'How far is your area from the gold standard?' }).getByRole('radio').nth(2).check();
      await lead.getByRole('button', { name: 'Save and continue' }).click();
    }
    await lead.getByRole('heading', { name: 'Check your ratings' }).waitFor();
    await openSite(lead);
    // Left for September: the 6-month review, booked and confirmed in March.
    expect(await openTodos(lead)).toEqual(['Register for the 6-month review meeting: Coming up', 'Rate the seven domains privately before the 6-month review meeting: Coming up']);
    expect(await nextDeadline(lead)).toContain('3-month review meeting, by 30 June 2027');
    await lead.context().close();
  }, 90_000);

  it('9 June 2027: the 3-month review in the browser; its report and PDF hold what it recorded', async () => {
    moveClockTo('2027-06-09T08:45:00Z');
    const reviewId = ((await (await ApiClient.signIn(server.url, leadEmail, testPassword)).get(`/api/sites/${siteId}/meetings`)).body as { id: string; kind: string }[]).find((m) => m.kind === 'review-3m')!.id;
    const review = `${server.url}/meetings/${reviewId}`;
    const [facilitator, lead] = await Promise.all([signedInAt(browser, review, 'facilitator@demo.example', demoPassword), signedInAt(browser, review, leadEmail, testPassword)]);
    await facilitator.getByRole('button', { name: 'Start the meeting' }).click();
    await facilitator.getByRole('button', { name: 'Yes, start the meeting' }).click();
    await facilitator.getByRole('button', { name: 'Next: Domain review' }).click();
    await facilitator.getByLabel('Bring everyone to').selectOption('6');
    await facilitator.getByRole('group', { name: 'Agreed rating for domain 6' }).getByLabel(/^4 – /).check();
    await facilitator.getByLabel('Why, in one line').fill('Waiting times are shorter since the single point of access');
    await facilitator.getByRole('button', { name: 'Record agreed rating' }).click();
    await facilitator.getByText('Agreed rating recorded').waitFor();
    await facilitator.getByRole('button', { name: 'Next: Goals' }).click();
    // Only domain 6 was agreed: moving on asks first.
    await facilitator.getByRole('button', { name: 'Yes, move on to goals' }).click();

    await lead.getByRole('heading', { name: 'Goals', level: 1 }).waitFor({ timeout: 30_000 });
    const goalOne = lead.getByRole('article', { name: /^Goal 1:/ });
    await goalOne.getByRole('button', { name: 'Record progress and barriers' }).click({ timeout: 30_000 });
    await goalOne.getByLabel('Progress made').fill(reviewNotes.progress);
    await goalOne.getByLabel('Barriers').fill(reviewNotes.barriers);
    await goalOne.getByLabel('How to overcome them').fill(reviewNotes.overcome);
    await lead.getByText('All changes saved').waitFor({ timeout: 10_000 });
    const facilitatorGoalOne = facilitator.getByRole('article', { name: /^Goal 1:/ });
    await facilitatorGoalOne.getByRole('group', { name: 'Agreed rating now' }).getByLabel('5', { exact: true }).check();
    await facilitatorGoalOne.getByRole('button', { name: 'Record agreed rating' }).click();
    await facilitatorGoalOne.getByText('Agreed rating recorded').waitFor();
    await screenshot(lead, 'year-3m-review-goals');
    await facilitator.getByRole('button', { name: 'Next: Close' }).click();
    // Goals 2 and 3 have no agreed rating yet: moving on asks first.
    await facilitator.getByRole('button', { name: 'Yes, move on to close' }).click();
    await facilitator.getByRole('button', { name: 'Close the meeting' }).click();
    await facilitator.getByRole('button', { name: 'Yes, close the meeting' }).click();
    await facilitator.getByRole('heading', { name: 'Record of the meeting' }).waitFor({ timeout: 10_000 });

    await openSite(lead);
    expect(await timelineRow(lead, '3-month review meeting')).toContain('Done');
    // The guide seeks brief feedback from those at a review, as after the consultation and sessions.
    const sixMonthToDos = ['Register for the 6-month review meeting: Coming up', 'Rate the seven domains privately before the 6-month review meeting: Coming up'];
    expect(await openTodos(lead)).toEqual(['Complete the short feedback survey about the 3-month review meeting: Due soon', ...sixMonthToDos]);
    await lead.getByRole('link', { name: 'Complete the short feedback survey about the 3-month review meeting' }).click();
    for (const question of feedbackQuestions) await lead.getByRole('group', { name: question.text }).getByLabel('Agree', { exact: true }).check();
    await lead.getByRole('button', { name: 'Send answers' }).click();
    await openSite(lead);
    expect(await openTodos(lead)).toEqual(sixMonthToDos);
    expect(await nextDeadline(lead)).toContain('Register for the 6-month review meeting, by 13 September 2027');

    await lead.goto(`${server.url}/meetings/${reviewId}/report`);
    await lead.getByRole('heading', { name: 'Report: 3-month review meeting' }).waitFor();
    for (const text of Object.values(reviewNotes)) await lead.getByText(text).waitFor();
    await expectAccessible(lead, 'report of the 3-month review');
    const pdf = await lead.context().request.get(`${server.url}/api/meetings/${reviewId}/report.pdf`);
    expect(pdf.status()).toBe(200);
    const text = await pdfText(new Uint8Array(await pdf.body()));
    expect(text).toContain(reviewNotes.progress);
    expect(text).toContain(reviewNotes.barriers);

    await Promise.all([facilitator, lead].map((p) => p.context().close()));
  }, 120_000);

  it('15 September 2027: after the 6-month review the report compares with the 3-month review, and nothing is left to do', async () => {
    moveClockTo('2027-09-15T09:00:00Z');
    const facilitatorApi = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
    const meetings = (await facilitatorApi.get(`/api/sites/${siteId}/meetings`)).body as { id: string; kind: string }[];
    const sixMonthId = meetings.find((m) => m.kind === 'review-6m')!.id;
    const registered = await Promise.all(stakeholders.slice(0, 3).map((p) => ApiClient.signIn(server.url, p.email, testPassword)));
    const crew = await meetingCrew(server, siteId, facilitatorApi, registered);
    await holdReview(crew, sixMonthId);
    disconnectCrew(crew);

    const lead = await arrive(leadEmail);
    await openSite(lead);
    expect(await timelineRow(lead, '6-month review meeting')).toContain('Done');
    expect(await openTodos(lead)).toEqual([]);
    expect(await nextDeadline(lead)).toContain('Nothing left to do');
    await screenshot(lead, 'year-end-timeline');
    await lead.goto(`${server.url}/meetings/${sixMonthId}/report`);
    await lead.getByRole('columnheader', { name: 'Change since the 3-month review meeting' }).waitFor();
    await lead.context().close();

    // The programme dashboard agrees: no stale deadline is left for the site.
    const facilitator = await signedInAt(browser, `${server.url}/dashboard`, 'facilitator@demo.example', demoPassword);
    expect(await facilitator.getByRole('row', { name: /Northgate/ }).textContent()).toContain('Nothing left to do');
    await facilitator.context().close();
  }, 120_000);
});
