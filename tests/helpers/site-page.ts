import type { Page } from 'playwright-core';

/** Reading a site's page as its reader sees it: the next deadline, their to-do list, the timeline. */
export const nextDeadline = (page: Page) => page.locator('.govuk-inset-text', { hasText: 'Next:' }).textContent();
export const todoStatus = (page: Page, text: string | RegExp) => page.locator('#todo-you + ul .govuk-task-list__item', { hasText: text }).locator('.govuk-task-list__status').textContent();
export const todoTexts = (page: Page) => page.locator('#todo-you + ul .govuk-task-list__item .govuk-task-list__name-and-hint > :first-child').allTextContents();

/** The to-dos not yet done, as "what: status". */
export async function openTodos(page: Page): Promise<string[]> {
  const items = await page.locator('#todo-you + ul .govuk-task-list__item').all();
  const described = await Promise.all(items.map(async (item) => `${await item.locator('.govuk-task-list__name-and-hint > :first-child').textContent()}: ${await item.locator('.govuk-task-list__status').textContent()}`));
  return described.filter((d) => !d.endsWith(': Done'));
}

export const timelineRow = (page: Page, what: string) => page.locator('table.app-timeline tbody tr', { hasText: what }).textContent();
/** The status tag of the timeline's row about `what`. */
export const timelineStatus = (page: Page, what: string) => page.getByRole('row', { name: new RegExp(what) }).locator('.govuk-tag').textContent();
