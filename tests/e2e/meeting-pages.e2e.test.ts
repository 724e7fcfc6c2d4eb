import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { cascadeDomains, ratingLabels } from '@shared/cascade/framework';
import { addCalendarMonths } from '@shared/dates';
import { expectAccessible, fillDate, inViewport, launchBrowser, screenshot, signedInAt } from '../helpers/browser';
import { ApiClient } from '../helpers/http';
import { inviteAndAccept, testPassword } from '../helpers/outbox';
import { act, agreeDomains, disconnectCrew, draftScriptedGoals, lockScriptedGoals, meetingCrew, script, settleAreasOfNeed, stakeholderProfiles, type MeetingCrew } from '../helpers/programme';
import { request } from '../helpers/realtime';
import { asTyped, bookingIn, dayIn } from '../helpers/dates';
import { startApp, type InProcessServer } from '../helpers/app';
import { demoPassword } from '../helpers/server';

/**
 * The meeting pages as a newcomer walked them: the presenter view's close shared on a laptop's
 * screen in a video call, the one-question pages walked by keyboard, and the GOV.UK date inputs
 * of scheduling and moving a meeting.
 */
let server: InProcessServer;
let browser: Browser;
let crew: MeetingCrew;
let siteId: string;

/** What a consultation typically agrees by its close: six actions and three decisions, some about a goal, some about a domain. */
const actions = [
  { what: 'Publish the list of named link workers on the council website', goalId: 'goal-000' },
  { what: 'Book the first joint training day for school and CYPMHS staff', goalId: 'goal-001' },
  { what: 'Draft one referral form and share it with every head teacher', goalId: 'goal-002' },
  { what: 'Set up a termly steering group with the trust leads', domainId: 1 },
  { what: 'Map the routes into CYPMHS for each secondary school', domainId: 6 },
  { what: 'Ask the educational psychology service to join the next meeting', domainId: 2 },
];
const decisions = [
  { text: 'Referrals go through one shared inbox from September', domainId: 6 },
  { text: 'The steering group meets in the first week of every term', domainId: 1 },
  { text: 'Goal 1 is owned by North CYPMHS and reported at each review', goalId: 'goal-000' },
];

beforeAll(async () => {
  [server, browser] = await Promise.all([startApp(), launchBrowser()]);
  const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Meeting Pages Borough' })).body.id;
  const stakeholders = await Promise.all(stakeholderProfiles.map((p, i) => inviteAndAccept(server, facilitator, siteId, `s${i}@pages.example`, { name: p.name, organisation: p.organisation, sector: p.sector })));
  crew = await meetingCrew(server, siteId, facilitator, stakeholders);
}, 90_000);

afterAll(async () => {
  if (crew) disconnectCrew(crew);
  await browser?.close();
  await server?.stop();
});

/** A consultation held up to its close as the room holds one: ratings agreed, areas of need, three locked goals, and the actions and decisions above. */
async function consultationAtItsClose(): Promise<string> {
  const { facilitator, facilitatorApi, stakeholders } = crew;
  const created = await facilitatorApi.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: bookingIn(30), durationMinutes: 180, attendeeIds: stakeholders.map((s) => s.id) });
  const meetingId = created.body.id as string;
  expect((await facilitatorApi.post(`/api/meetings/${meetingId}/start`)).status).toBe(200);
  for (const p of [facilitator, ...stakeholders]) expect((await request(p.socket, 'meeting:join', { meetingId })).ok).toBe(true);
  await act(facilitator.socket, meetingId, { type: 'set-phase', phase: 'domain-review' });
  await draftScriptedGoals(crew, meetingId, dayIn(200));
  await agreeDomains(crew, meetingId, script.consultationAgreed, 'The room’s view');
  await settleAreasOfNeed(crew, meetingId);
  await lockScriptedGoals(crew, meetingId);
  for (const [n, action] of actions.entries()) await act(stakeholders[n % 3]!.socket, meetingId, { type: 'record-action', ownerId: stakeholders[n % 3]!.id, due: dayIn(60 + n * 14), ...action });
  for (const decision of decisions) await act(facilitator.socket, meetingId, { type: 'record-decision', ...decision });
  await act(facilitator.socket, meetingId, { type: 'set-phase', phase: 'close' });
  // The close is timed, as the facilitator times each phase: the timer is on the shared screen too.
  await act(facilitator.socket, meetingId, { type: 'start-timer', seconds: 600 });
  return meetingId;
}

describe('the presenter view at the close, shared on a laptop screen in a video call', () => {
  it('shows every action and decision the meeting recorded within 1280×720, without anyone scrolling', async () => {
    const meetingId = await consultationAtItsClose();
    const presenter = await signedInAt(browser, `${server.url}/meetings/${meetingId}/present`, 'facilitator@demo.example', demoPassword, { width: 1280, height: 720 });
    await presenter.getByRole('heading', { name: 'Close', level: 1 }).waitFor({ timeout: 15_000 });
    const lastAction = presenter.getByText(actions.at(-1)!.what);
    const lastDecision = presenter.getByText(decisions.at(-1)!.text);
    await lastAction.waitFor({ timeout: 15_000 });
    await screenshot(presenter, 'presenter-close-1280x720');
    expect(await inViewport(lastAction)).toBe(true);
    expect(await inViewport(lastDecision)).toBe(true);
    expect(await inViewport(presenter.getByText('One referral form used by every school'))).toBe(true);
    expect(await inViewport(presenter.getByTestId('timer'))).toBe(true);
    // Nothing of the close is below the fold: the page is no taller than the screen.
    expect(await presenter.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    await expectAccessible(presenter, 'presenter view (close)');
    await presenter.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(presenter, 'presenter-close-1920x1080');
    expect(await inViewport(lastAction)).toBe(true);
    await presenter.context().close();
  });
});

/** What has focus, as a screen reader would start reading there. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    if (element?.classList.contains('govuk-error-summary')) return 'the error summary';
    return `${element?.tagName.toLowerCase()}: ${element?.textContent?.trim()}`;
  });

describe('the ratings before a meeting, walked by keyboard', () => {
  it('takes each new domain as a new page: its heading has focus after “Save and continue”, and so has the check page’s after the last', async () => {
    const created = await crew.facilitatorApi.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: bookingIn(40), durationMinutes: 180, attendeeIds: crew.stakeholders.map((s) => s.id) });
    const page = await signedInAt(browser, `${server.url}/meetings/${created.body.id}/ratings/1`, 's1@pages.example', testPassword);
    for (const [n, domain] of cascadeDomains.entries()) {
      await page.getByRole('heading', { level: 1, name: domain.title }).waitFor();
      await expect.poll(() => focused(page)).toBe(`h1: ${domain.title}`);
      if (n === 0) {
        // Sent with no rating: the error summary takes focus, as on any GOV.UK form.
        await page.getByRole('button', { name: 'Save and continue' }).press('Enter');
        await expect.poll(() => focused(page)).toBe('the error summary');
        await page.getByRole('heading', { level: 1, name: domain.title }).focus();
      }
      // From the heading: Tab to the ratings, Space to choose the first, Tab past the comment to the button, Enter.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      expect(await page.getByRole('radio').first().isChecked()).toBe(true);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('button: Save and continue');
      await page.keyboard.press('Enter');
    }
    await page.getByRole('heading', { level: 1, name: 'Check your ratings' }).waitFor();
    await expect.poll(() => focused(page)).toBe('h1: Check your ratings');
    // Going back a domain is a new page too, and shows none of the errors found earlier on another.
    await page.getByRole('link', { name: /^Change/ }).first().click();
    await expect.poll(() => focused(page)).toBe(`h1: ${cascadeDomains[0]!.title}`);
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);
    await expectAccessible(page, 'a domain rated before the meeting');
    await page.context().close();
  });

  it('returns to “Check your ratings” after a change from it, as GOV.UK’s check answers pattern does, not on to the next domain', async () => {
    const created = await crew.facilitatorApi.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: bookingIn(41), durationMinutes: 180, attendeeIds: crew.stakeholders.map((s) => s.id) });
    const meetingId = created.body.id as string;
    for (const domain of cascadeDomains) expect((await crew.stakeholderApis[2]!.put(`/api/meetings/${meetingId}/pre-ratings/${domain.id}`, { rating: 2 })).status).toBe(204);
    const page = await signedInAt(browser, `${server.url}/meetings/${meetingId}/ratings/check`, 's2@pages.example', testPassword);
    const changed = cascadeDomains[2]!;
    const row = page.locator('.govuk-summary-list__row', { has: page.getByText(changed.shortTitle, { exact: true }) });
    await row.getByText(`2 – ${ratingLabels[2]}`).waitFor();
    await page.getByRole('link', { name: `Change ${changed.shortTitle}` }).click();
    await expect.poll(() => focused(page)).toBe(`h1: ${changed.title}`);
    // Back from a change returns to the check page too, not to the domain before.
    expect(await page.getByRole('link', { name: 'Back', exact: true }).getAttribute('href')).toBe(`/meetings/${meetingId}/ratings/check`);
    await page.getByRole('radio', { name: `4 – ${ratingLabels[4]}` }).check();
    await page.getByRole('button', { name: 'Save and continue' }).press('Enter');
    await expect.poll(() => focused(page)).toBe('h1: Check your ratings');
    await row.getByText(`4 – ${ratingLabels[4]}`).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/meetings/${meetingId}/ratings/check`);
    await page.context().close();
  });
});

describe('the dates of a meeting, typed into GOV.UK date inputs', () => {
  const nextYear = Number(dayIn(0).slice(0, 4)) + 1;
  // The example said with a problem is a month ahead by the test's own clock (moved to 2029 in one run), never a fixed day gone by.
  const example = asTyped(addCalendarMonths(dayIn(0), 1));
  const problemShown = async (page: Page, group: string, message: string) => {
    await page.locator('.govuk-error-summary').getByRole('link', { name: message }).waitFor();
    expect(await page.getByRole('group', { name: group }).locator('.govuk-error-message').textContent()).toContain(message);
  };

  it('say what is wrong as the action due dates do: 31 February is not a real date, “27” is not a year, a missing month is named', async () => {
    const page = await signedInAt(browser, `${server.url}/sites/${siteId}/meetings/new`, 'facilitator@demo.example', demoPassword);
    await page.getByRole('heading', { name: 'Schedule a meeting' }).waitFor();
    await page.getByRole('radio', { name: 'Strategic consultation meeting', exact: true }).check();
    const when = page.getByRole('group', { name: 'When does it start?' });
    const schedule = () => page.getByRole('button', { name: 'Schedule meeting' }).click();
    await fillDate(page, 'When does it start?', `${nextYear}-02-28`);
    await when.getByLabel('Day').fill('31');
    await schedule();
    await problemShown(page, 'When does it start?', `Date of the meeting must be a real date, for example ${example}`);
    await when.getByLabel('Day').fill('12');
    await when.getByLabel('Year').fill(String(nextYear).slice(2));
    await schedule();
    await problemShown(page, 'When does it start?', `Year must include 4 numbers, for example ${example}`);
    // A year of 2 numbers with a nought in front is the same two numbers, not the year 27.
    await when.getByLabel('Year').fill(`00${String(nextYear).slice(2)}`);
    await schedule();
    await problemShown(page, 'When does it start?', `Year must include 4 numbers, for example ${example}`);
    await when.getByLabel('Year').fill(String(nextYear));
    await when.getByLabel('Month').fill('');
    await schedule();
    await problemShown(page, 'When does it start?', `Date of the meeting must include a month, for example ${example}`);
    await expectAccessible(page, 'scheduling a meeting, a date refused');
    await when.getByLabel('Month').fill('1');
    await schedule();
    await page.getByRole('link', { name: 'Move this meeting to another date or time' }).click();

    // Moving it: the same rule, the same words.
    await page.getByRole('heading', { name: 'Move the meeting' }).waitFor();
    const moved = page.getByRole('group', { name: 'When does it start now?' });
    await moved.getByLabel('Year').fill(String(nextYear).slice(2));
    await page.getByRole('button', { name: 'Move the meeting' }).click();
    await problemShown(page, 'When does it start now?', `Year must include 4 numbers, for example ${example}`);
    await fillDate(page, 'When does it start now?', `${nextYear}-02-28`);
    await moved.getByLabel('Day').fill('31');
    await page.getByRole('button', { name: 'Move the meeting' }).click();
    await problemShown(page, 'When does it start now?', `Date of the meeting must be a real date, for example ${example}`);
    await page.context().close();
  });
});
