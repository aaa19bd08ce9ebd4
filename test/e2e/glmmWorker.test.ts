/**
 * A GLMM of a large upload (300 studies) is fitted in a Web Worker: the forest view shows a status while it runs, the
 * page keeps answering, and the plot then shows the same pooled value as analyse() run in Node on the same file.
 */
import { expect, test } from 'vitest';
import { readAnalysisInput } from '../../src/data/readAnalysisInput.ts';
import { analyse } from '../../src/analysis/index.ts';
import { explorerSession } from './browser.ts';
import { syntheticCsv } from './syntheticCsv.ts';

/** The forest plot's overall label: back-transformed percentages with one decimal (3 decimals of the proportion). */
const pc = (x: number): string => (x * 100).toFixed(1);

// no console error and no request outside the page's origin during the whole run (checked after all tests)
const { open } = explorerSession();

test('GLMM of 300 uploaded studies runs in the pool worker: status shown, page answers, pooled value = analyse()', async () => {
  const text = syntheticCsv(300);
  const page = await open('#view=data');
  await page.setInputFiles('#upload-file', { name: 'many.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.waitForSelector('svg.forest g.study');
  // record every appearance of the fitting status, however short
  await page.evaluate(() => {
    const w = window as unknown as { seenFitting: string[] };
    w.seenFitting = [];
    new MutationObserver(() => {
      const s = document.getElementById('forest-fitting');
      if (s && !w.seenFitting.includes(s.textContent ?? '')) w.seenFitting.push(s.textContent ?? '');
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.selectOption('#ctl-method', 'GLMM');
  // had the fit run on the page's thread, this evaluate would only run after the plot was drawn; with the worker the
  // page answers while the status is still shown
  const mid = await page.evaluate(() => ({
    status: document.getElementById('forest-fitting')?.getAttribute('role') ?? null,
    text: document.getElementById('forest-fitting')?.textContent ?? null,
    plot: document.querySelector('svg.forest') !== null,
  }));
  expect(mid).toEqual({ status: 'status', text: expect.stringContaining('Fitting the GLMM in the background…'), plot: false });

  await page.waitForSelector('svg.forest g.summary.overall', { timeout: 30_000 });
  await expect(page.locator('#forest-fitting').count()).resolves.toBe(0);
  const seen = await page.evaluate(() => (window as unknown as { seenFitting: string[] }).seenFitting);
  expect(seen).toEqual([expect.stringContaining('Fitting the GLMM in the background…')]);
  expect(page.workers().map((w) => new URL(w.url()).pathname)).toEqual([expect.stringMatching(/pool\.worker.*\.js$/)]);

  // the oracle: the same engine run in Node on the same file (the app pools GLMM with a Wald z CI)
  const expected = analyse(readAnalysisInput(text), { method: 'GLMM', test: 'z' }).pooled!.overall;
  expect(expected.k).toBe(300);
  const shown = await page.locator('svg.forest g.summary.overall text.est').textContent();
  expect(shown).toBe(`${pc(expected.back.estimate)} [${pc(expected.back.ci[0])}, ${pc(expected.back.ci[1])}]`);
  // above 200 studies the plot draws a selection (the heaviest, the most extreme) and says so; the diamond pools all 300
  await expect(page.locator('svg.forest g.study').count()).resolves.toBeLessThanOrEqual(45);
  await expect(page.locator('#large-k-note').textContent()).resolves.toContain('of 300 studies');
});
