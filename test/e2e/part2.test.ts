/**
 * The sensitivity and diagnostics views, chart export and presentation mode in Chromium. Expected numbers come from
 * the engine run here in Node on the same bundled table (dist/studies.csv); the engine is tested against metafor.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { poolableRows } from '../../src/data/poolable.ts';
import { readStudies } from '../../src/data/readStudies.ts';
import type { StudyRecord } from '../../src/data/types.ts';
import { MODALITIES } from '../../src/data/vocabulary.ts';
import { proportionEffect } from '../../src/meta/effectSizes.ts';
import { fitAtTau } from '../../src/meta/fixedTau.ts';
import { analyse } from '../../src/analysis/index.ts';
import { explorerSession } from './browser.ts';

const records: readonly StudyRecord[] = readStudies(readFileSync('dist/studies.csv', 'utf8')).records;
const pc = (x: number): string => (x * 100).toFixed(1);
const kOf = (modality: string, outcome = 'os_5y') =>
  poolableRows(records.filter((r) => r.modality === modality), outcome as never).included.length;

// no console error and no request outside the page's origin during the whole run (checked after all tests)
const { open } = explorerSession();

test('the sensitivity view shows the matrix, and the τ slider moves the estimate and PI as fitAtTau says', async () => {
  const page = await open('#view=sensitivity&outcome=os_5y');
  await page.waitForSelector('svg.sensitivity g.row');
  // default modality: the first (vocabulary order) with k ≥ 2 for 5-year OS
  const modality = MODALITIES.find((m) => kOf(m) >= 2)!;
  await expect(page.locator('#ctl-modality').inputValue()).resolves.toBe(modality);
  // GLMM + 3 transforms × 3 estimators × 2 tests + Bayes
  await expect(page.locator('svg.sensitivity g.row').count()).resolves.toBe(20);
  await page.waitForSelector('svg.density');
  const effects = poolableRows(records.filter((r) => r.modality === modality), 'os_5y').included
    .map(({ record, events, n }) => proportionEffect(record.study, events, n, 'PLO'));
  const result = page.locator('#what-if-result');
  const before = await result.textContent();
  const slider = page.locator('#tau-slider');
  await slider.focus();
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
  const tau = Number(await result.getAttribute('data-tau'));
  expect(tau).toBeGreaterThan(0);
  const expected = fitAtTau(effects, tau * tau, { measure: 'PLO', test: 'knha' });
  const text = await result.textContent();
  expect(text).not.toBe(before);
  expect(text).toContain(`Pooled estimate ${pc(expected.back.estimate)}%`);
  expect(text).toContain(`95% prediction interval ${pc(expected.back.pi![0])}% to ${pc(expected.back.pi![1])}%`);
  expect(Number(await result.getAttribute('data-estimate'))).toBeCloseTo(expected.back.estimate, 10);
  // the slider owns the arrow keys: the view did not change
  expect(page.url()).toContain('view=sensitivity');
  await expect(page.locator('#tau-value').textContent()).resolves.toContain(`τ = ${tau.toFixed(3)}`);
});

test('the diagnostics view greys small-k panels with their warning', async () => {
  // a modality with 3 ≤ k < 10 (leave-one-out shown, small-study tests greyed) and one with k < 3
  const mid = MODALITIES.find((m) => kOf(m) >= 3 && kOf(m) < 10)!;
  const small = MODALITIES.find((m) => kOf(m) >= 1 && kOf(m) < 3)!;
  const page = await open(`#view=diagnostics&outcome=os_5y&modality=${mid}`);
  await page.waitForSelector('svg.funnel');
  await expect(page.locator('#panel-egger').getAttribute('data-greyed')).resolves.toBe('true');
  await expect(page.locator('#panel-begg').getAttribute('data-greyed')).resolves.toBe('true');
  await expect(page.locator('#panel-funnel').getAttribute('data-greyed')).resolves.toBe('true');
  await expect(page.locator('#panel-egger .panel-warning').textContent()).resolves.toMatch(/at least 10 studies/);
  await expect(page.locator('#panel-leave1out').getAttribute('data-greyed')).resolves.toBe('false');
  await expect(page.locator('#panel-leave1out svg g.row').count()).resolves.toBe(kOf(mid));
  await page.locator('#ctl-modality').selectOption(small);
  await page.waitForSelector(`#panel-leave1out[data-greyed="true"]`);
  await expect(page.locator('#panel-leave1out .panel-warning').textContent()).resolves.toMatch(/at least 3 studies/);
});

test('an exported SVG of the forest plot is a standalone SVG with the plot\'s marks', async () => {
  const page = await open('#view=forest&outcome=os_5y');
  await page.waitForSelector('svg.forest g.study');
  const marks = await page.locator('svg.forest g.study').count();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export the forest plot as SVG' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('forest-os_5y-all.svg');
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text).toMatch(/<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<\/svg>\s*$/);
  expect(text.match(/<g [^>]*class="study( excluded)?"/g)?.length).toBe(marks);
  const parsed = await page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    return { error: doc.querySelector('parsererror') !== null, root: doc.documentElement.nodeName };
  }, text);
  expect(parsed).toEqual({ error: false, root: 'svg' });
});

test('the exported R script for the default forest view reproduces the pooled estimate shown', async () => {
  const page = await open('#view=forest');
  await page.waitForSelector('svg.forest g.summary.overall');
  const shown = await page.locator('svg.forest g.summary.overall text.est').textContent();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export an R script reproducing the forest plot' }).click(),
  ]);
  const script = readFileSync((await download.path())!, 'utf8');
  expect(script).toContain('method = "REML", test = "knha"');
  const overall = analyse({ kind: 'studies', records, problems: [] },
    { measure: 'PLO', method: 'REML', test: 'knha', by: 'modality', outcome: 'os_5y' }).pooled!.overall;
  expect(shown).toContain(pc(overall.back.estimate));
  if (spawnSync('Rscript', ['--version']).status !== 0) {
    console.warn('Rscript is not installed: the exported R script was not run (the text checks above still ran)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'nelm-r-'));
  writeFileSync(join(dir, 'forest.R'), script);
  const out = execFileSync('Rscript', [join(dir, 'forest.R')], { encoding: 'utf8' });
  const est = Number(/overall: estimate = (\S+)/.exec(out)![1]);
  const back = Number(/overall: back = (\S+)/.exec(out)![1]);
  expect(Math.abs(est - overall.estimate)).toBeLessThan(1e-6);
  expect(Math.abs(back - overall.back.estimate)).toBeLessThan(1e-6);
  expect(shown).toContain(pc(back));
});

test('presentation mode opens with p, steps through the views with the arrow keys and leaves with Escape', async () => {
  const page = await open('#view=forest');
  await page.waitForSelector('svg.forest');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('p');
  await expect(page.locator('html.presenting').count()).resolves.toBe(1);
  await expect(page.locator('button.present-toggle').getAttribute('aria-pressed')).resolves.toBe('true');
  // a tall chart is shown in pages: → steps through them before it moves to the next view (lecture.test.ts)
  const pressUntil = async (key: string, selector: string) => {
    for (let i = 0; i < 20 && (await page.locator(selector).count()) === 0; i++) await page.keyboard.press(key);
    await page.waitForSelector(selector);
  };
  await pressUntil('ArrowRight', '.sensitivity-view');
  expect(page.url()).toContain('view=sensitivity');
  await pressUntil('ArrowRight', '.diagnostics-view');
  await page.keyboard.press('ArrowLeft');
  await page.waitForSelector('.sensitivity-view');
  await page.keyboard.press('Escape');
  await expect(page.locator('html.presenting').count()).resolves.toBe(0);
  // the button toggles it too
  await page.locator('button.present-toggle').click();
  await expect(page.locator('html.presenting').count()).resolves.toBe(1);
  await page.locator('button.present-toggle').click();
  await expect(page.locator('html.presenting').count()).resolves.toBe(0);
});

test('the sensitivity and diagnostics charts export SVG files with their marks, and CSV of their results', async () => {
  const page = await open('#view=sensitivity&outcome=os_5y');
  await page.waitForSelector('svg.sensitivity g.row');
  const [svgFile] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export the sensitivity matrix as SVG' }).click(),
  ]);
  const svg = readFileSync((await svgFile.path())!, 'utf8');
  expect(svg.match(/<g [^>]*class="row[^"]*"/g)?.length).toBe(20);
  const [csvFile] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export the results of the sensitivity matrix as CSV' }).click(),
  ]);
  const csv = readFileSync((await csvFile.path())!, 'utf8').trim().split('\r\n');
  expect(csv[0]).toBe('model,measure,method,test,estimate,ci_lb,ci_ub,tau2,differs');
  expect(csv).toHaveLength(21);

  await page.goto(page.url().replace('view=sensitivity', 'view=diagnostics'));
  await page.waitForSelector('svg.funnel');
  const [funnel] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export the funnel plot as SVG' }).click(),
  ]);
  expect(funnel.suggestedFilename()).toMatch(/^funnel-os_5y-.*\.svg$/);
  expect(readFileSync((await funnel.path())!, 'utf8')).toMatch(/<circle[\s\S]*<\/svg>\s*$/);
});

test('the PNG (2×) export of the evidence map is a PNG twice the chart\'s size', async () => {
  const page = await open('');
  await page.waitForSelector('svg.evidence-map g.map-row');
  const size = await page.locator('svg.evidence-map').evaluate((s) => [Number(s.getAttribute('width')), Number(s.getAttribute('height'))]);
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export the evidence map as PNG (2×), twice its size' }).click(),
  ]);
  const bytes = readFileSync((await png.path())!);
  // PNG signature, then the IHDR chunk's width and height (big-endian) at bytes 16–23
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // twice the chart's width; taller than twice its height by the title, method, caveat and source lines of the frame
  expect(bytes.readUInt32BE(16)).toBe(Math.round(size[0] * 2));
  expect(bytes.readUInt32BE(20)).toBeGreaterThan(Math.round(size[1] * 2) + 2 * 60);
});
