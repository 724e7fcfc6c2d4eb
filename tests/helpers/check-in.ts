import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAccessible } from './browser';

export interface CheckInAnswers {
  rating: string;
  confidence: RegExp;
  happened: string;
  inTheWay?: string;
  helpNeeded?: string;
  helpFrom?: string;
}

/** What has focus, as a screen reader would start reading there. */
const focusedElement = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    if (element?.classList.contains('govuk-error-summary')) return 'the error summary';
    return `${element?.tagName.toLowerCase()}: ${element?.textContent?.trim()}`;
  });

/**
 * Continue, by the button unless said otherwise: the next question comes as a new page would, its
 * heading focused so a screen reader reads it (and a second Enter does not press Continue again).
 */
async function continueTo(page: Page, question: string, press = () => page.getByRole('button', { name: 'Continue' }).click()) {
  await press();
  await page.getByRole('heading', { name: question }).waitFor();
  await expect.poll(() => focusedElement(page)).toBe(`h1: ${question}`);
}

/**
 * A goal owner's check-in, page by page as a person answers it, checked before it is sent.
 * `start` brings the page to its first question (a link on the goals page, or the to-do list).
 */
export async function checkIn(page: Page, answers: CheckInAnswers, start: () => Promise<void>) {
  await start();
  await page.getByRole('heading', { name: 'Where is the goal now, out of 10?' }).waitFor();
  expect(await page.title()).toBe('Where is the goal now, out of 10? – Link Programme');
  await expectAccessible(page, 'check-in: rating');
  // Continuing with no choice is refused, not taken as "not rated": that has an answer of its own.
  await page.getByRole('button', { name: 'Continue' }).click();
  const noRating = 'Select a rating from 0 to 10, or select that you would rather not rate it now';
  await page.locator('.govuk-error-summary').getByRole('link', { name: noRating }).waitFor();
  await expect.poll(() => focusedElement(page)).toBe('the error summary');
  expect(await page.locator('#rating-error').textContent()).toContain(noRating);
  expect(new URL(page.url()).pathname).toMatch(/\/check-in\/rating$/);
  // Not rated at first; the rating is given later, from the page that checks the answers.
  await page.getByLabel('I would rather not rate it now').check();
  await continueTo(page, 'How likely is the goal to be met by its due date?');
  // Continuing without an answer shows the error summary, linked to the question.
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
  expect(await page.title()).toMatch(/^Error: /);
  await expectAccessible(page, 'check-in: confidence, with an error');
  await page.getByLabel(answers.confidence).check();
  await continueTo(page, 'What has happened since the last check-in?');
  await page.getByLabel('What has happened').fill(answers.happened);
  await page.keyboard.press('Tab');
  await continueTo(page, 'Is anything in the way?', () => page.keyboard.press('Enter'));
  if (answers.inTheWay) await page.getByLabel('What is in the way (optional)').fill(answers.inTheWay);
  if (answers.helpNeeded) await page.getByLabel('What help do you need (optional)').fill(answers.helpNeeded);
  if (answers.helpFrom) await page.getByLabel('Who could help (optional)').fill(answers.helpFrom);
  await continueTo(page, 'Check your check-in before sending it');
  await expectAccessible(page, 'check-in: check answers');
  const answered = page.locator('.govuk-summary-list');
  expect(await answered.textContent()).toContain('Not rated');
  // A change goes back to the check page, not on through the questions after it.
  await answered.getByRole('link', { name: 'Change provisional rating' }).click();
  await page.getByRole('heading', { name: 'Where is the goal now, out of 10?' }).waitFor();
  await page.getByLabel(answers.rating, { exact: true }).check();
  await continueTo(page, 'Check your check-in before sending it');
  expect(await answered.textContent()).toContain(`${answers.rating} out of 10`);
  expect(await answered.textContent()).toContain(answers.happened);
  if (answers.helpFrom) {
    // Each answer as given: naming who could help does not make it help asked for.
    const said = (key: string) => answered.locator('.govuk-summary-list__row', { has: page.getByText(key, { exact: true }) }).locator('.govuk-summary-list__value').textContent();
    expect(await said('Help needed')).toBe(answers.helpNeeded ?? 'None asked for');
    expect(await said('Who could help')).toBe(answers.helpFrom);
  }
  await page.getByRole('button', { name: 'Send check-in' }).click();
  await page.getByRole('heading', { name: 'Goals and progress' }).waitFor();
  // Said where the owner lands, and read first: the banner takes focus.
  const sent = page.getByRole('alert').filter({ hasText: 'Check-in sent for goal 1' });
  await sent.waitFor();
  await expect.poll(() => sent.evaluate((banner) => banner === document.activeElement)).toBe(true);
  await page.locator('.app-check-in', { hasText: answers.happened }).waitFor();
}
