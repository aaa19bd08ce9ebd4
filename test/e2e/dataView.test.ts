import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const rowCount = (page: import('playwright-core').Page) => page.locator('.modality-group tbody tr').count();

test('the data view groups the study table by modality, and filtering by modality leaves only that group', async () => {
  const { page, errors, foreignRequests, context } = await openPage(browser, '#view=data');
  await page.waitForSelector('.modality-group');
  const groups = await page.locator('.modality-group').count();
  expect(groups).toBeGreaterThanOrEqual(2);
  const all = await rowCount(page);
  // public/studies.csv holds at least 150 rows (test/data/provenance.test.ts), none rejected.
  expect(all).toBeGreaterThanOrEqual(150);
  await expect(page.locator('#data-problems-heading').textContent()).resolves.toBe('Validation problems (0)');

  await page.locator('#data-modality').selectOption('tace');
  const tace = await rowCount(page);
  expect(tace).toBeGreaterThan(0);
  expect(tace).toBeLessThan(all);
  await expect(page.locator('.modality-group').count()).resolves.toBe(1);
  await expect(page.locator('.modality-group').getAttribute('data-modality')).resolves.toBe('tace');
  await expect(page.locator('.modality-group h3 .count').textContent()).resolves.toBe(`(${tace} rows)`);

  expect(errors).toEqual([]);
  expect(foreignRequests).toEqual([]);
  await context.close();
});

test('the search box narrows the rows and a row\'s source opens from the keyboard', async () => {
  const { page, errors, context } = await openPage(browser, '#view=data');
  await page.waitForSelector('.modality-group');
  const all = await rowCount(page);
  await page.locator('#data-search').fill('PROMID');
  const found = await rowCount(page);
  expect(found).toBeGreaterThan(0);
  expect(found).toBeLessThan(all);

  const summary = page.locator('.modality-group tbody tr').first().locator('summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.modality-group tbody tr').first().locator('details').getAttribute('open')).resolves.toBe('');
  await expect(page.locator('.modality-group tbody tr').first().locator('dd').first().textContent()).resolves.toMatch(/^“.+”$/);
  expect(errors).toEqual([]);
  await context.close();
});
