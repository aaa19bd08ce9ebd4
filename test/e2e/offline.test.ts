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

test('after the first load the service worker serves the app offline: reload, the map and the forest plot render', async () => {
  const { page, context, errors } = await openPage(browser, '');
  await page.waitForSelector('svg.evidence-map g.map-row');
  const cache = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return { scope: reg.scope, caches: await caches.keys() };
  });
  expect(cache.caches.some((k) => /^nelm-explorer-[0-9a-f]{16}$/.test(k))).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('svg.evidence-map g.map-row');
  await expect(page.locator('svg.evidence-map g.map-row').count()).resolves.toBeGreaterThan(3);
  await page.locator('nav.tabs a[data-view="forest"]').click();
  await page.waitForSelector('svg.forest g.study');
  // a fresh navigation (not a reload) while offline also gets the cached shell
  await page.goto(new URL('#view=data', page.url()).toString());
  await page.reload();
  await page.waitForSelector('.modality-group');
  expect(errors).toEqual([]);
  await context.close();
});
