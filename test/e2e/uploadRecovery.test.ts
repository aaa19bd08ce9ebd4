/**
 * Issue 15 in Chromium: an upload analysed on its valid rows says so after a reload; a second tab never takes the
 * first tab's file away; an IndexedDB without its object store falls back to the bundled table with a notice.
 * Expected pooled values: analyse() run here in Node on the valid rows.
 */
import { expect, test } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { readAnalysisInput } from '../../src/data/readAnalysisInput.ts';
import { explorerSession } from './browser.ts';

const { open } = explorerSession();
const pc = (x: number): string => (x * 100).toFixed(1);

test('"Analyse the N valid rows", then reload: the forest plot pools the valid rows and the banner says rows were left out', async () => {
  const text = 'study,events,n\nAlpha,12,40\nBeta,x,50\nGamma,7,31\nDelta,20,44\n';
  const page = await open('#view=data');
  await page.setInputFiles('#upload-file', { name: 'some-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.locator('button.analyse-valid').click();
  await page.waitForSelector('svg.forest g.study');
  const valid = readAnalysisInput('study,events,n\nAlpha,12,40\nGamma,7,31\nDelta,20,44\n');
  const f = analyse(valid, { method: 'REML', test: 'knha' }).pooled!.overall;
  const expected = `${pc(f.back.estimate)} [${pc(f.back.ci[0])}, ${pc(f.back.ci[1])}]`;
  await expect(page.locator('svg.forest g.summary.overall text.est').textContent()).resolves.toBe(expected);
  await expect(page.locator('svg.forest g.study').count()).resolves.toBe(3);
  await page.reload();
  await page.waitForSelector('svg.forest g.study');
  await expect(page.locator('svg.forest g.summary.overall text.est').textContent()).resolves.toBe(expected);
  await expect(page.locator('.source-banner').textContent()).resolves.toContain('1 problem left rows out of the analysis: see the Data view.');
});

test('a second tab that switches to the bundled table leaves the first tab its file', async () => {
  const text = 'study,events,n\nAlpha,12,40\nGamma,7,31\nDelta,20,44\n';
  const a = await open('#view=data');
  await a.setInputFiles('#upload-file', { name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await a.waitForSelector('svg.forest g.study');
  // tab B in the same browser profile (shared localStorage, its own sessionStorage)
  const b = await a.context().newPage();
  await b.goto(a.url().replace(/#.*$/, '#view=data'));
  await b.waitForSelector('button.use-bundled');
  await expect(b.locator('.source-banner').textContent()).resolves.toContain('mine.csv');
  await b.locator('button.use-bundled').click();
  await b.locator('nav.tabs a[data-view="map"]').click();
  await b.waitForSelector('svg.evidence-map g.map-row');
  // tab A reloads: still its file
  await a.reload();
  await a.waitForSelector('svg.forest g.study');
  await expect(a.locator('.source-banner').textContent()).resolves.toContain('mine.csv');
  await expect(a.locator('svg.forest g.study').count()).resolves.toBe(3);
  await b.close();
});

test('an IndexedDB database without its object store: the page falls back to the bundled table with a notice', async () => {
  const page = await open('#view=map');
  await page.waitForSelector('svg.evidence-map g.map-row');
  // an entry whose text lives in IndexedDB, and a database of that name with no store (version 1, so no upgrade)
  await page.evaluate(async () => {
    await new Promise<void>((resolve) => {
      const del = indexedDB.deleteDatabase('nelm-explorer');
      del.onsuccess = () => resolve();
      del.onerror = () => resolve();
    });
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open('nelm-explorer', 1);
      req.onupgradeneeded = () => undefined;
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
    localStorage.setItem('nelm-explorer:v1', JSON.stringify({
      version: 1, fileName: 'big.csv', textIn: 'indexeddb', text: null, textKey: 'upload-text:1:0', excluded: [],
    }));
    sessionStorage.clear();
  });
  await page.reload();
  await page.waitForSelector('svg.evidence-map g.map-row', { timeout: 15_000 });
  await expect(page.locator('.notice').textContent()).resolves.toContain('the saved file big.csv could not be found in this browser\'s storage');
  // "Clear saved data" is reachable
  await page.locator('nav.tabs a[data-view="data"]').click();
  // the data view is a lazy chunk: wait for it to render before counting
  await page.locator('button', { hasText: 'Clear saved data' }).waitFor({ timeout: 15_000 });
  await expect(page.locator('button', { hasText: 'Clear saved data' }).count()).resolves.toBe(1);
});
