/**
 * Diagnostics of a large upload (issue 15 / 16): computed in a Web Worker with a progress bar and a Cancel button;
 * the page keeps answering; the leave-one-out table then equals leaveOneOutOf(analyse()) run here in Node. At
 * k = 10 000 the funnel plot is a hexbin density (each hexagon coloured by its number of studies) and the page stays
 * responsive. With FUNNEL_SCREENSHOT=<file.png> set, that test also saves the funnel panel as a screenshot
 * (docs/screenshots/funnel-hexbin.png was taken so).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { analyse, leaveOneOutOf } from '../../src/analysis/index.ts';
import { readAnalysisInput } from '../../src/data/readAnalysisInput.ts';
import { FUNNEL_HEXBIN_ABOVE } from '../../src/charts/funnelPlot.ts';
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

test('diagnostics of 10 000 studies: the funnel is a hexbin density with a count legend, and the page stays responsive', async () => {
  const k = 10_000;
  expect(k).toBeGreaterThan(FUNNEL_HEXBIN_ABOVE);
  const text = syntheticCsv(k, 13, 'T');
  const page = await open('#view=data');
  await page.setInputFiles('#upload-file', { name: 'k10000.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.waitForSelector('svg.forest', { timeout: 120_000 });
  await page.locator('nav.tabs a[data-view="diagnostics"]').click();
  await page.waitForSelector('#derived-progress');
  // the page answers while the worker refits 2 × 10 000 models
  for (let i = 0; i < 3; i++) {
    const t0 = Date.now();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(Date.now() - t0).toBeLessThan(1000);
    await page.waitForTimeout(2000);
  }
  await page.waitForSelector('#panel-funnel svg.funnel', { timeout: 600_000 });
  const funnel = page.locator('#panel-funnel svg.funnel');
  // hexagons, not 10 000 dots: no circle at all (no study is highlighted) and far fewer elements than studies
  await expect(funnel.locator('circle').count()).resolves.toBe(0);
  const elements = await funnel.evaluate((svg) => svg.querySelectorAll('*').length);
  expect(elements).toBeLessThan(k / 5);
  const hexagons = funnel.locator('g.hexbin.observed path');
  expect(await hexagons.count()).toBeGreaterThan(50);
  // every study of the file is in one hexagon: the hexagons' counts add up to the 10 000 rows uploaded
  const counts = await hexagons.evaluateAll((ps) => ps.map((p) => Number(p.querySelector('title')?.textContent?.replace(/,/g, '').match(/^\d+/)?.[0])));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(k);
  // the count legend and the funnel and pooled lines
  await expect(funnel.locator('text.count-legend-title').textContent()).resolves.toBe('each hexagon: number of studies');
  expect(await funnel.locator('g.count-legend polygon').count()).toBeGreaterThan(2);
  await expect(funnel.locator('g.funnel-edge path').count()).resolves.toBe(2);
  await expect(funnel.locator('g.estimate line').count()).resolves.toBe(1);
  await expect(page.locator('#panel-funnel figcaption').textContent()).resolves.toContain('10,000 studies are too many to draw one by one: each hexagon is coloured by the number');
  // responsive once drawn: a frame within a second, and the funnel's SVG export is small (not one element per study)
  const t1 = Date.now();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  expect(Date.now() - t1).toBeLessThan(1000);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export the funnel plot as SVG' }).click(),
  ]);
  const svgText = readFileSync((await download.path())!, 'utf8');
  expect(svgText).toContain('each hexagon: number of studies');
  expect(svgText.length).toBeLessThan(400_000);
  const shot = process.env.FUNNEL_SCREENSHOT;
  if (shot) {
    await page.locator('#panel-funnel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot });
  }
}, 900_000);
