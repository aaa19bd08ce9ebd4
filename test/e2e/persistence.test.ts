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

const TEXT = 'study,events,n\nAlpha,12,40\nBeta,30,50\nGamma,7,31\nDelta,20,44\n';
// an upload's rows are identified by their row number in the file (header = row 1): Beta is row 3, Gamma row 4
const BETA = '3';
const GAMMA = '4';

test('an uploaded file and its exclusions survive a reload; Clear saved data brings back the bundled table', async () => {
  const { page, context, errors } = await openPage(browser, '#view=data');
  await page.setInputFiles('#upload-file', { name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(TEXT) });
  await page.waitForSelector('svg.forest g.study');
  await page.locator(`svg.forest g.study[data-id="${BETA}"]`).click();
  await expect(page.locator('svg.forest g.study[aria-pressed="true"]').count()).resolves.toBe(1);

  await page.reload();
  await page.waitForSelector('svg.forest g.study');
  await expect(page.locator('.source-banner').textContent()).resolves.toContain('good.csv');
  await expect(page.locator('svg.forest g.study').count()).resolves.toBe(4);
  await expect(page.locator(`svg.forest g.study[data-id="${BETA}"]`).getAttribute('aria-pressed')).resolves.toBe('true');

  // A link without exclusions, opened afresh, gets the saved ones; a link with its own exclusions wins.
  const base = page.url().replace(/#.*$/, '');
  const fresh = await context.newPage();
  await fresh.goto(`${base}#view=forest`);
  await fresh.waitForSelector('svg.forest g.study');
  await expect(fresh.locator(`svg.forest g.study[data-id="${BETA}"]`).getAttribute('aria-pressed')).resolves.toBe('true');
  expect(fresh.url()).toContain(`ex=${BETA}`);
  await fresh.close();
  const linked = await context.newPage();
  await linked.goto(`${base}#view=forest&ex=${GAMMA}`);
  await linked.waitForSelector('svg.forest g.study');
  await expect(linked.locator('svg.forest g.study[aria-pressed="true"]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-id'))))
    .resolves.toEqual([GAMMA]);
  await linked.close();
  await page.reload();
  await page.waitForSelector('svg.forest g.study');

  await page.locator('nav.tabs a[data-view="data"]').click();
  await page.locator('button.clear-saved').click();
  await page.waitForFunction(() => localStorage.getItem('nelm-explorer:v1') === null);
  await page.reload();
  await page.waitForSelector('.modality-group');
  await expect(page.locator('.source-banner').count()).resolves.toBe(0);
  await expect(page.locator('.upload p').filter({ hasText: 'Analysing:' }).textContent()).resolves.toContain('the bundled study table');
  expect(errors).toEqual([]);
  await context.close();
});

test('a corrupt or other-version saved entry is discarded with a notice, not a crash', async () => {
  const { page, context, errors } = await openPage(browser, '');
  await page.waitForSelector('svg.evidence-map g.map-row');
  await page.evaluate(() => localStorage.setItem('nelm-explorer:v1', '{"version":1,"fileName":'));
  await page.reload();
  await page.waitForSelector('.notice');
  await expect(page.locator('.notice').textContent()).resolves.toContain('the saved data could not be read (corrupt); it was discarded');
  await page.waitForSelector('svg.evidence-map g.map-row');
  await expect(page.evaluate(() => localStorage.getItem('nelm-explorer:v1'))).resolves.toBeNull();

  await page.evaluate(() => localStorage.setItem('nelm-explorer:v0', '{"old":true}'));
  await page.reload();
  await page.waitForSelector('.notice');
  await expect(page.locator('.notice').textContent()).resolves.toContain('saved data from another version (nelm-explorer:v0) was discarded');
  expect(errors).toEqual([]);
  await context.close();
});
