/**
 * Diagnostics of a large upload (issue 15 / 16): computed in a Web Worker with a progress bar and a Cancel button;
 * the page keeps answering; the leave-one-out table then equals leaveOneOutOf(analyse()) run here in Node.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { analyse, leaveOneOutOf } from '../../src/analysis/index.ts';
import { readAnalysisInput } from '../../src/data/readAnalysisInput.ts';
import { explorerSession } from './browser.ts';
import { syntheticCsv } from './syntheticCsv.ts';

const { open } = explorerSession();

test('diagnostics of 1 000 studies: progress and cancel, the page answers, then the same leave-one-out as Node', async () => {
  const text = syntheticCsv(1000, 11, 'S');
  const page = await open('#view=data');
  await page.setInputFiles('#upload-file', { name: 'k1000.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.waitForSelector('svg.forest');
  await page.locator('nav.tabs a[data-view="diagnostics"]').click();
  await page.waitForSelector('#derived-progress');
  // the page answers while the worker runs
  const t0 = Date.now();
  await page.evaluate(() => document.title);
  expect(Date.now() - t0).toBeLessThan(1000);
  await page.locator('button.cancel-derived').click();
  await expect(page.locator('.derived-pending').textContent()).resolves.toContain('were cancelled');
  await page.locator('button.compute-derived').click();
  await page.waitForSelector('#panel-leave1out svg', { timeout: 120_000 });
  // the leave-one-out CSV's first rows equal Node's
  const expected = leaveOneOutOf(analyse(readAnalysisInput(text), { method: 'REML', test: 'knha' }));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export the results of the leave-one-out as CSV' }).click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
  expect(csv).toHaveLength(1001);
  const first = csv[1].split(',');
  expect(first[0]).toBe('S1');
  // the CSV holds proportions: the inverse logit of Node's estimate on the logit scale
  expect(Number(first[2])).toBeCloseTo(1 / (1 + Math.exp(-expected[0].estimate)), 12);
  expect(Number(first[1])).toBe(999);
}, 180_000);
