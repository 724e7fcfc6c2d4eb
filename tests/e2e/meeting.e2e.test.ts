import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, openLiveConsultation, screenshot } from '../helpers/browser';
import { demoPassword, startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let browser: Browser;
let facilitator: Page;
let sam: Page;
let sasha: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  ({ facilitator, sam, sasha } = await openLiveConsultation(browser, server.url, demoPassword));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const domainHeading = (page: Page) => page.locator('#domain-heading');

describe('the live board in three browsers', () => {
  it('the facilitator moves everyone into the domain review and focuses a domain', async () => {
    await facilitator.getByRole('heading', { name: 'Facilitator controls' }).waitFor();
    await facilitator.getByRole('button', { name: /Next: Domain review/ }).click();
    await facilitator.getByLabel('Focus everyone on').selectOption('3');
    for (const page of [sam, sasha]) {
      await expect.poll(() => domainHeading(page).textContent(), { timeout: 10_000 }).toBe('Structures to support shared planning and collaborative working');
    }
    // Stakeholders never see the facilitator's controls.
    expect(await sam.getByRole('heading', { name: 'Facilitator controls' }).count()).toBe(0);
  });

  it('a sticky note typed by one person appears for the others', async () => {
    await sam.getByLabel('Add to strengths').fill('Termly steering group with CYPMHS and schools');
    await sam.getByRole('button', { name: 'Add note' }).first().click();
    for (const page of [sasha, facilitator]) {
      await expect.poll(() => page.getByRole('textbox', { name: 'Note by Sam Stakeholder' }).inputValue(), { timeout: 10_000 }).toBe(
        'Termly steering group with CYPMHS and schools',
      );
    }
    // Co-editing: Sasha adds to Sam's note and Sam sees it.
    const note = sasha.getByRole('textbox', { name: 'Note by Sam Stakeholder' });
    await note.click();
    await note.press('End');
    await note.pressSequentially(' (meets monthly)');
    await expect.poll(() => sam.getByRole('textbox', { name: 'Note by Sam Stakeholder' }).inputValue(), { timeout: 10_000 }).toBe(
      'Termly steering group with CYPMHS and schools (meets monthly)',
    );
    await screenshot(facilitator, 'board-facilitator');
    await screenshot(sam, 'board-stakeholder');
  });

  it('a participant may browse, then follows the facilitator again', async () => {
    await sasha.getByRole('button', { name: /^1\. Roles, remit/ }).click();
    await expect.poll(() => domainHeading(sasha).textContent()).toContain('Clarity on roles');
    await facilitator.getByLabel('Focus everyone on').selectOption('5');
    await expect.poll(() => domainHeading(sam).textContent(), { timeout: 10_000 }).toBe('Ability to continue to learn and draw on best practice');
    // Sasha is still browsing domain 1, with a way back.
    expect(await domainHeading(sasha).textContent()).toContain('Clarity on roles');
    await sasha.getByRole('button', { name: 'Back to the facilitator (domain 5)' }).click();
    await expect.poll(() => domainHeading(sasha).textContent()).toBe('Ability to continue to learn and draw on best practice');
    await screenshot(sasha, 'board-after-focus-change');
  });

  it('passes an accessibility check for stakeholders and the facilitator', async () => {
    await expectAccessible(sam, 'live board (stakeholder)');
    await expectAccessible(facilitator, 'live board (facilitator)');
  });
});
