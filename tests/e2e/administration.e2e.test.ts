import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, screenshot, signIn, signedInAt, signedInPage } from '../helpers/browser';
import { eventually } from '../helpers/collab';
import { outbox, testPassword } from '../helpers/outbox';
import { startApp } from '../helpers/app';
import { demoPassword, type RunningServer } from '../helpers/server';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startApp(), launchBrowser()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The set-password link in the newest mail to `email`. */
function passwordLink(email: string): string {
  const mail = outbox(server.dataDir)
    .filter((m) => m.includes(`To: ${email}`))
    .at(-1)
    ?.replace(/=\r?\n/g, '');
  const link = /(http:\/\/\S+\/set-password#[A-Za-z0-9_-]+)/.exec(mail ?? '')?.[1];
  if (!link) throw new Error(`no set-password link was sent to ${email}`);
  return link;
}

const accounts = (page: Page) => page.getByRole('table', { name: 'Accounts' });

async function freshPage(): Promise<Page> {
  return (await browser.newContext()).newPage();
}

describe('administration and accounts in the browser', () => {
  it('an administrator invites a facilitator, who sets a password from the email and creates a site', async () => {
    const admin = await signedInPage(browser, server.url, 'facilitator@demo.example', demoPassword);
    await admin.getByRole('link', { name: 'Administration' }).click();
    await admin.getByRole('heading', { name: 'Administration' }).waitFor();
    await admin.getByRole('button', { name: 'Invite a facilitator' }).click();
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    await admin.getByRole('link', { name: 'Enter your full name' }).waitFor();
    await expectAccessible(admin, 'invite a facilitator, with errors');
    await admin.getByLabel('Their full name').fill('Omar Odell');
    await admin.getByLabel('Their email address').fill('omar@annafreud.example');
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    await accounts(admin).getByRole('cell', { name: 'omar@annafreud.example' }).waitFor();
    expect(await accounts(admin).getByRole('row', { name: /omar@annafreud\.example/ }).textContent()).toContain('Never');
    await admin.getByRole('cell', { name: 'Invited a facilitator' }).waitFor();
    await expectAccessible(admin, 'administration');
    await screenshot(admin, 'administration');

    const omar = await freshPage();
    await omar.goto(passwordLink('omar@annafreud.example'));
    await omar.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await omar.getByLabel('New password', { exact: true }).fill(testPassword);
    await omar.getByLabel('Type it again').fill(testPassword);
    await omar.getByRole('button', { name: 'Set password and sign in' }).click();
    await omar.getByRole('heading', { name: 'Your sites' }).waitFor();
    await omar.getByRole('button', { name: 'Create a site' }).click();
    await omar.getByLabel('Site name').fill('Eastfield');
    await omar.getByRole('button', { name: 'Create site' }).click();
    await omar.getByRole('heading', { name: 'Eastfield', exact: true }).waitFor();

    // The administrator sees Omar has signed in, and can deactivate the account after confirming.
    await admin.reload();
    await expect.poll(() => accounts(admin).getByRole('row', { name: /omar@annafreud\.example/ }).textContent()).not.toContain('Never');
    await admin.getByRole('button', { name: 'Deactivate Omar Odell' }).click();
    await admin.getByRole('button', { name: 'Yes, deactivate Omar Odell' }).click();
    await accounts(admin).getByRole('row', { name: /omar@annafreud\.example/ }).getByText('Deactivated').waitFor();
    await omar.reload();
    await omar.getByRole('heading', { name: 'Sign in' }).waitFor();

    // Later, Omar asks to be forgotten: the row becomes a former participant's.
    await admin.getByRole('button', { name: 'Erase Omar Odell' }).click();
    await admin.getByText('This cannot be undone').waitFor();
    await expectAccessible(admin, 'erase, asking first');
    await admin.getByRole('button', { name: 'Yes, erase Omar Odell' }).click();
    await accounts(admin).getByRole('row', { name: /Former participant/ }).waitFor();
    expect(await accounts(admin).getByText('omar@annafreud.example').count()).toBe(0);
    await admin.getByRole('cell', { name: 'Erased a person’s data' }).waitFor();
  }, 90_000);

  it('a lead who has forgotten their password sets a new one from the sign-in page', async () => {
    const lead = await freshPage();
    await lead.goto(`${server.url}/sign-in`);
    await lead.getByRole('link', { name: 'Forgotten your password?' }).click();
    await lead.getByRole('heading', { name: 'Set a new password' }).waitFor();
    await expectAccessible(lead, 'forgotten password');
    await lead.getByLabel('Email address').fill('lead@demo.example');
    const mailsBefore = outbox(server.dataDir).filter((m) => m.includes('To: lead@demo.example')).length;
    await lead.getByRole('button', { name: 'Send me a link' }).click();
    await lead.getByRole('heading', { name: 'Check your email' }).waitFor();

    // The page answers at once, whoever asks; the mail follows in the background.
    await eventually(() => expect(outbox(server.dataDir).filter((m) => m.includes('To: lead@demo.example')).length).toBeGreaterThan(mailsBefore));
    await lead.goto(passwordLink('lead@demo.example'));
    await lead.getByLabel('New password', { exact: true }).fill('a brand new password');
    await lead.getByLabel('Type it again').fill('a brand new passwort');
    await lead.getByRole('button', { name: 'Set password and sign in' }).click();
    await lead.getByRole('link', { name: 'The two passwords are not the same' }).waitFor();
    await expect.poll(() => lead.title()).toBe('Error: Choose your password – Link Programme');
    await expectAccessible(lead, 'choose your password, with errors');
    await lead.getByLabel('Type it again').fill('a brand new password');
    await lead.getByRole('button', { name: 'Set password and sign in' }).click();
    await lead.getByRole('heading', { name: 'Your sites' }).waitFor();

    // The link worked once.
    const again = await freshPage();
    await again.goto(passwordLink('lead@demo.example'));
    await again.getByLabel('New password', { exact: true }).fill('another new password');
    await again.getByLabel('Type it again').fill('another new password');
    await again.getByRole('button', { name: 'Set password and sign in' }).click();
    await again.getByRole('heading', { name: 'This link cannot be used' }).waitFor();

    // Their account page lists where they are signed in.
    await lead.getByRole('link', { name: 'Your account' }).click();
    await lead.getByRole('heading', { name: 'Your account' }).waitFor();
    await lead.getByText('This one').waitFor();
    await expectAccessible(lead, 'your account');
    await screenshot(lead, 'your-account');
    // The new password signs them in on the sign-in page.
    await signIn(await (await browser.newContext()).newPage(), server.url, 'lead@demo.example', 'a brand new password');
  }, 90_000);

  it('someone who changes their name sees it at once in the header and on their account page, without reloading', async () => {
    const page = await signedInAt(browser, `${server.url}/account/details`, 'stakeholder2@demo.example', demoPassword);
    await page.getByLabel('Full name').fill('Tess Renamed');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(`${server.url}/account`);
    await page.getByText('Signed in as Tess Renamed').waitFor();
    await page.locator('main').getByText('Tess Renamed').first().waitFor();
    await page.context().close();
  });

  it('every page links to the privacy notice and the accessibility statement, with what must be filled in marked', async () => {
    const visitor = await freshPage();
    await visitor.goto(`${server.url}/sign-in`);
    for (const heading of ['Privacy notice', 'Accessibility statement']) {
      await visitor.getByRole('contentinfo').getByRole('link', { name: heading }).click();
      await visitor.getByRole('heading', { name: heading, level: 1 }).waitFor();
      expect(await visitor.locator('.app-placeholder').count()).toBeGreaterThan(2);
      await expectAccessible(visitor, heading);
    }
    await screenshot(visitor, 'accessibility-statement');
  });
});
