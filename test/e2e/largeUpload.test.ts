/**
 * A large upload (issue 15 / 16), in Chromium: read in a Web Worker with a progress line and a Cancel button, pooled in
 * the analysis worker, drawn as a selection; the page keeps answering. Two files dropped at once are refused in words;
 * a slow file chosen first never replaces a file chosen after it. Oracle: analyse() run here in Node on the same file.
 */
import { expect, test } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { readAnalysisInput } from '../../src/data/readAnalysisInput.ts';
import { explorerSession } from './browser.ts';
import { syntheticCsv } from './syntheticCsv.ts';

const { open } = explorerSession();
const pc = (x: number): string => (x * 100).toFixed(1);

test('a 100 000-row upload: progress and cancel, then pooled off the page with the same overall estimate as Node', async () => {
  const text = syntheticCsv(100_000, 5, 'S');
  const page = await open('#view=data');
  // cancel the first attempt while it is being read
  await page.setInputFiles('#upload-file', { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.waitForSelector('.upload-progress');
  await page.locator('button.cancel-upload').click();
  await expect(page.locator('.upload-status').textContent()).resolves.toContain('cancelled: the file was not read');
  // then read it to the end; the page answers meanwhile
  await page.setInputFiles('#upload-file', { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  const t0 = Date.now();
  await page.evaluate(() => document.title);
  expect(Date.now() - t0).toBeLessThan(2000);
  await page.waitForSelector('svg.forest g.summary.overall', { timeout: 120_000 });
  const f = analyse(readAnalysisInput(text), { method: 'REML', test: 'knha' }).pooled!.overall;
  await expect(page.locator('svg.forest g.summary.overall text.est').textContent())
    .resolves.toBe(`${pc(f.back.estimate)} [${pc(f.back.ci[0])}, ${pc(f.back.ci[1])}]`);
  await expect(page.locator('#large-k-note').textContent()).resolves.toContain('of 100,000 studies');
  expect(await page.locator('svg.forest g.study').count()).toBeLessThanOrEqual(45);
}, 240_000);

test('two files dropped at once are refused in words; none replaces the table', async () => {
  const page = await open('#view=data');
  const drop = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['study,events,n\nA,1,10\n'], 'a.csv', { type: 'text/csv' }));
    dt.items.add(new File(['study,events,n\nB,2,10\n'], 'b.csv', { type: 'text/csv' }));
    return dt;
  });
  await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer: drop });
  await expect(page.locator('.upload-status').textContent()).resolves.toContain('drop one file at a time: 2 files were dropped (a.csv, b.csv); none was read');
  await expect(page.locator('button.use-bundled').isDisabled()).resolves.toBe(true);
});

test('a large file chosen first does not replace a small file chosen after it', async () => {
  const page = await open('#view=data');
  await page.setInputFiles('#upload-file', { name: 'slow.csv', mimeType: 'text/csv', buffer: Buffer.from(syntheticCsv(60_000, 9, 'L')) });
  await page.setInputFiles('#upload-file', { name: 'small.csv', mimeType: 'text/csv', buffer: Buffer.from('study,events,n\nA,3,10\nB,5,20\n') });
  await page.waitForSelector('svg.forest g.study');
  await page.waitForTimeout(3000);
  await expect(page.locator('.source-banner').textContent()).resolves.toContain('small.csv');
  await expect(page.locator('svg.forest g.study').count()).resolves.toBe(2);
});
