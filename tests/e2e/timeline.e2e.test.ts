import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, screenshot, signedInAt, signedInPage, fillDate } from '../helpers/browser';
import { ApiClient } from '../helpers/http';
import { invitationToken, inviteAndAccept, outbox, testPassword } from '../helpers/outbox';
import { startApp } from '../helpers/app';
import { moveClockTo, restoreClock } from '../helpers/clock';
import { demoPassword, type RunningServer } from '../helpers/server';
import { addCalendarDays, addCalendarMonths, addUkDays, ukDay, ukTime } from '@shared/dates';
import { formatDateTime } from '@shared/format';
import { asTyped, dayIn } from '../helpers/dates';

let server: RunningServer;
let browser: Browser;
let siteId: string;
let meetingId: string;

const stakeholders = [
  { email: 'priya@riverside.example', name: 'Priya Shah', organisation: 'Riverside CYPMHS', sector: 'Children and young people’s mental health services (CYPMHS)' },
  { email: 'tom@riverside.example', name: 'Tom Okafor', organisation: 'Hillside Academy', sector: 'Education (school, college, trust or local authority education team)' },
];

/** The link to the event's registration page from the newest "Please register" mail to `email`. */
function registrationLink(email: string): string {
  const mail = outbox(server.dataDir)
    .filter((m) => m.includes(`To: ${email}`) && m.includes('Please register'))
    .at(-1);
  if (!mail) throw new Error(`no invitation to register was sent to ${email}`);
  const match = /(http:\/\/\S+\/meetings\/[\w-]+\/register)/.exec(mail.replace(/=\r?\n/g, ''));
  return match![1]!;
}

/** The status shown beside a to-do on the site page. */
const todoStatus = (page: Page, text: string) => page.locator('.govuk-task-list__item', { hasText: text }).locator('.govuk-task-list__status').textContent();

beforeAll(async () => {
  [server, browser] = await Promise.all([startApp(), launchBrowser()]);
  // The facilitator sets the site up and suggests a consultation date, as the guide has them do.
  const facilitator = await ApiClient.signIn(server.url, 'facilitator@demo.example', demoPassword);
  siteId = (await facilitator.post('/api/sites', { name: 'Riverside' })).body.id;
  await inviteAndAccept(server, facilitator, siteId, 'lead@riverside.example', { role: 'lead', name: 'Lena Lead', organisation: 'Riverside Council', sector: 'local-authority' });
  meetingId = (await facilitator.post(`/api/sites/${siteId}/meetings`, { kind: 'consultation', startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), durationMinutes: 180, attendeeIds: [] })).body.id;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a strategic lead walks through the timeline in the browser', () => {
  it('confirms the consultation date, invites two stakeholders who register, sees them, and chooses two tailored sessions', async () => {
    const lead = await signedInPage(browser, server.url, 'lead@riverside.example', testPassword);
    await lead.getByRole('link', { name: 'Riverside' }).click();
    await lead.getByRole('heading', { name: /Programme timeline/ }).waitFor();
    expect(await todoStatus(lead, 'Confirm the date and time of your consultation meeting')).toBe('Due soon');
    await expectAccessible(lead, 'site page with the timeline');
    await screenshot(lead, 'timeline-before');

    // 1. Confirm the consultation date.
    await lead.getByRole('link', { name: 'Confirm the date and time of your consultation meeting' }).click();
    await lead.getByRole('heading', { name: 'Confirm the date and time of the meeting' }).waitFor();
    await expectAccessible(lead, 'confirm the meeting date');
    await lead.getByRole('button', { name: 'Confirm this date' }).click();
    await lead.getByRole('heading', { name: /Programme timeline/ }).waitFor();
    await expect.poll(() => todoStatus(lead, 'Confirm the date and time of your consultation meeting')).toBe('Done');

    // 2. Invite two stakeholders to the site at once, pasting rows from a spreadsheet; each gets an email.
    await lead.getByRole('button', { name: 'Invite someone' }).click();
    await lead.getByLabel('Their email addresses').fill(stakeholders.map((person, i) => `Person ${i + 1}\t${person.email}\tOrganisation ${i + 1}`).join('\n'));
    await lead.getByRole('button', { name: 'Send invitations' }).click();
    for (const person of stakeholders) await lead.getByRole('cell', { name: person.email, exact: true }).waitFor();
    const pages: Page[] = [];
    for (const person of stakeholders) {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${server.url}/invitation#${invitationToken(server.dataDir, person.email)}`);
      await page.getByLabel('Full name').fill(person.name);
      await page.getByLabel('Organisation').fill(person.organisation);
      await page.getByLabel(person.sector, { exact: true }).check();
      await page.getByLabel('Create a password').fill(testPassword);
      await page.getByRole('button', { name: 'Accept invitation' }).click();
      await page.getByRole('heading', { name: 'Riverside', exact: true }).waitFor();
      pages.push(page);
    }

    // ...then to the meeting, from the registrations page the to-do leads to.
    await lead.reload();
    await lead.getByRole('link', { name: 'Invite local stakeholders to the consultation meeting and ask them to register' }).click();
    await lead.getByRole('heading', { name: 'Registrations: Strategic consultation meeting' }).waitFor();
    await lead.getByRole('button', { name: 'Send invitations to register' }).click();
    await lead.getByText('Invitations sent to 2 people').waitFor();
    for (const person of stakeholders) expect(outbox(server.dataDir).some((m) => m.includes(`To: ${person.email}`) && m.includes('Subject: Please register: Strategic consultation meeting'))).toBe(true);

    // 3. They register from the link in their email.
    for (const [index, page] of pages.entries()) {
      await page.goto(registrationLink(stakeholders[index]!.email));
      await page.getByRole('heading', { name: 'Strategic consultation meeting' }).waitFor();
      if (index === 0) await expectAccessible(page, 'registration page');
      await page.getByRole('button', { name: 'Register' }).click();
      await page.getByRole('heading', { name: 'You are registered' }).waitFor();
    }
    await screenshot(pages[0]!, 'registered');

    // 4. The lead sees them, by organisation and sector.
    await lead.reload();
    await lead.getByRole('heading', { name: '2 people have registered' }).waitFor();
    for (const person of stakeholders) {
      const row = lead.getByRole('row', { name: new RegExp(person.name) });
      expect(await row.textContent()).toContain(person.organisation);
    }
    expect(await lead.getByText(/^By sector:/).textContent()).toContain('Education (school, college, trust or local authority education team) 1');
    await expectAccessible(lead, 'registrations page');
    await screenshot(lead, 'registrations');

    // 4b. The lead moves the consultation a week later; both registered people are emailed a
    // calendar file that replaces the old entry.
    const mailsBefore = outbox(server.dataDir).length;
    await lead.goto(`${server.url}/meetings/${meetingId}`);
    await lead.getByRole('link', { name: 'Move this meeting to another date or time' }).click();
    await lead.getByRole('heading', { name: 'Move the meeting' }).waitFor();
    await expectAccessible(lead, 'move the meeting');
    const oldDay = await lead.getByRole('group', { name: 'When does it start now?' }).getByLabel('Day').inputValue();
    expect(Number(oldDay)).toBeGreaterThan(0);
    // A day or a time that does not exist is refused, never rolled over into another day.
    const when = lead.getByRole('group', { name: 'When does it start now?' });
    await when.getByLabel('Day').fill('31');
    await when.getByLabel('Month').fill('2');
    await lead.getByRole('button', { name: 'Move the meeting' }).click();
    await lead.getByRole('alert').getByText(`Date of the meeting must be a real date, for example ${asTyped(addCalendarMonths(dayIn(0), 1))}`).waitFor();
    const newDay = addCalendarDays(ukDay(new Date(Date.now() + 30 * 86_400_000)), 7);
    await fillDate(lead, 'When does it start now?', newDay);
    await lead.getByLabel('Start time').fill('25:99');
    await lead.getByRole('button', { name: 'Move the meeting' }).click();
    await lead.getByRole('alert').getByText('Enter the start time as hours and minutes on a 24-hour clock, for example 10:00 or 14:30').waitFor();
    await lead.getByLabel('Start time').fill('13:30');
    await lead.getByRole('button', { name: 'Move the meeting' }).click();
    await lead.getByText(formatDateTime(ukTime(newDay, 13, 30))).first().waitFor();
    const moved = outbox(server.dataDir).slice(mailsBefore);
    for (const person of stakeholders) expect(moved.some((m) => m.includes(`To: ${person.email}`) && /Subject: Moved: Strategic consultation meeting is now on/.test(m))).toBe(true);
    expect(moved.every((m) => /Content-Type: text\/calendar/.test(m))).toBe(true);

    // 5. Choose two tailored support sessions.
    await lead.goto(`${server.url}/sites/${siteId}`);
    await lead.getByRole('link', { name: 'Tailored support sessions' }).first().click();
    const sessions = [
      { title: 'Referral pathways and thresholds', format: 'Facilitated discussion', domain: '2. Agreed point of contact', date: dayIn(65) },
      { title: 'Joint working across the borough', format: 'Large workshop', domain: '1. Roles, remit and responsibilities', date: dayIn(86) },
    ];
    for (const [index, session] of sessions.entries()) {
      await lead.getByRole('button', { name: /Choose a session/ }).click();
      await lead.getByRole('heading', { name: 'Choose a tailored support session' }).waitFor();
      if (index === 0) {
        // Nothing filled in: the error summary lists what is missing.
        await lead.getByRole('button', { name: 'Choose this session' }).click();
        await lead.getByRole('link', { name: 'Enter a title for the session' }).waitFor();
        await expect.poll(() => lead.title()).toMatch(/^Error: .+ – Link Programme$/);
        await expectAccessible(lead, 'choose a session, with errors');
      }
      await lead.getByLabel('Give the session a title').fill(session.title);
      await lead.getByLabel(session.format, { exact: true }).check();
      await lead.getByLabel(session.domain).check();
      await fillDate(lead, 'When does it start?', session.date);
      await lead.getByRole('button', { name: 'Choose this session' }).click();
      await lead.getByRole('heading', { name: 'Tailored support sessions', exact: true }).waitFor();
      await lead.getByRole('term').filter({ hasText: session.title }).waitFor();
    }
    await lead.getByRole('button', { name: 'Choose a session (1 of 3 left)' }).waitFor();
    await expectAccessible(lead, 'tailored support sessions');
    await screenshot(lead, 'tailored-sessions');

    // The workshop's registrations page says how many places are left in each category.
    await lead.getByRole('link', { name: `Registrations for ${sessions[1]!.title}` }).click();
    await lead.getByText('Places left: 50 of 50 for schools and colleges; 20 of 20 for mental health professionals.').waitFor();
    await lead.goBack();

    // 6. One session is cancelled after all: it asks first, and its place is free again.
    await lead.getByRole('link', { name: `Board for ${sessions[1]!.title}` }).click();
    await lead.getByRole('button', { name: 'Cancel this meeting' }).click();
    await lead.getByRole('button', { name: 'Yes, cancel the meeting' }).click();
    await lead.getByRole('heading', { name: 'Tailored support session: cancelled' }).waitFor();
    await lead.goto(`${server.url}/sites/${siteId}/tailored-sessions`);
    await lead.getByRole('button', { name: 'Choose a session (2 of 3 left)' }).waitFor();
    expect(await lead.getByRole('term').filter({ hasText: sessions[1]!.title }).count()).toBe(0);

    // The timeline now counts the sessions chosen and the invitations sent.
    await lead.goto(`${server.url}/sites/${siteId}`);
    await expect.poll(() => todoStatus(lead, 'Choose your tailored support sessions')).toBe('Done');
    expect(await todoStatus(lead, 'Invite local stakeholders to the consultation meeting')).toBe('Done');
    const api = await ApiClient.signIn(server.url, 'lead@riverside.example', testPassword);
    expect((await api.get(`/api/meetings/${meetingId}/registrations`)).body.map((r: { name: string }) => r.name).sort()).toEqual(['Priya Shah', 'Tom Okafor']);
  }, 120_000);

  it('an online learning module is listed as open once its day has come, with no link to register', async () => {
    const lead = await ApiClient.signIn(server.url, 'lead@riverside.example', testPassword);
    const title = 'Understanding referral thresholds';
    const startsAt = ukTime(dayIn(70), 10);
    const chosen = await lead.post(`/api/sites/${siteId}/tailored-sessions`, { title, format: 'online-module', domains: [2], startsAt, durationMinutes: 60 });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(201);
    const listing = async () => {
      const facilitator = await signedInAt(browser, `${server.url}/sites/${siteId}`, 'facilitator@demo.example', demoPassword);
      const item = facilitator.locator('.app-meeting-list li', { hasText: title });
      await item.waitFor();
      return { facilitator, item };
    };
    const before = await listing();
    expect(await before.item.textContent()).toContain(`Tailored support session: ${title} Scheduled`);
    await before.item.getByRole('link', { name: `Register for “${title}”` }).waitFor();
    await before.facilitator.context().close();
    try {
      // A day after it opened: nobody starts or closes a module, and it is not "Scheduled – Register" months on.
      moveClockTo(addUkDays(startsAt, 1));
      const after = await listing();
      expect(await after.item.textContent()).toContain(`Tailored support session: ${title} Open`);
      expect(await after.item.textContent()).toContain(`Opened ${formatDateTime(startsAt)}; people work through it in their own time`);
      expect(await after.item.getByRole('link', { name: /^Register/ }).count()).toBe(0);
      await expectAccessible(after.facilitator, 'site page with an online module open');
      await after.facilitator.context().close();
    } finally {
      restoreClock();
    }
  }, 60_000);
});
