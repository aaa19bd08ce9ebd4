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

test('the built site loads its shell with no console error and no foreign request', async () => {
  const { page, errors, foreignRequests, context } = await openPage(browser);
  await expect(page.title()).resolves.toBe('NELM Evidence Explorer');
  await page.waitForSelector('#app :not(:empty)');
  expect(errors).toEqual([]);
  expect(foreignRequests).toEqual([]);
  await context.close();
});
