/**
 * The explorer in Chromium, clicked like a person. Expected numbers come from the engine run here in Node on the
 * same bundled table the page fetched (dist/studies.csv, which `vite build` copies verbatim from
 * public/studies.csv): the engine is the oracle for the UI; it is itself tested against metafor.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { poolableRows } from '../../src/data/poolable.ts';
import { readAnalysisInput } from '../../src/data/readAnalysisInput.ts';
import { readStudies } from '../../src/data/readStudies.ts';
import type { AnalysisInput, StudyRecord } from '../../src/data/types.ts';
import { POOLABLE_OUTCOMES } from '../../src/data/vocabulary.ts';
import { analyse, type AnalysisSpec, type PooledFit } from '../../src/analysis/index.ts';
import { explorerSession } from './browser.ts';

const records: readonly StudyRecord[] = readStudies(readFileSync('dist/studies.csv', 'utf8')).records;
const table = (rs: readonly StudyRecord[]): AnalysisInput => ({ kind: 'studies', records: rs, problems: [] });
const DEFAULTS = { measure: 'PLO', method: 'REML', test: 'knha' } as const;
const overall = (input: AnalysisInput, spec: AnalysisSpec): PooledFit => analyse(input, spec).pooled!.overall;
/** the bundled table without the cohorts of these row ids: the engine run on the remaining rows */
const withoutCohorts = (...rowIds: string[]) => {
  const cohorts = new Set(records.filter((r) => rowIds.includes(r.row_id)).map((r) => r.cohort_id));
  return table(records.filter((r) => !cohorts.has(r.cohort_id)));
};
/** display text of a proportion as the page prints it (one decimal percent) */
const pc = (x: number): string => (x * 100).toFixed(1);

// no console error and no request outside the page's origin during the whole run (checked after all tests)
const { open } = explorerSession();

const overallText = (page: Page) => page.locator('svg.forest g.summary.overall text.est').textContent();

/** The map's rows (issue 12): every modality of the table but placebo, which appears only inside its trials. */
const mapModalities = (rs: readonly StudyRecord[]) => new Set(rs.map((r) => r.modality).filter((m) => m !== 'placebo'));

test('the evidence map shows one row per modality and the engine\'s pooled 5-year OS', async () => {
  expect(records.length).toBeGreaterThan(0);
  const page = await open('');
  await page.waitForSelector('svg.evidence-map g.map-row');
  const expectedModalities = mapModalities(records);
  // every modality with a poolable proportion is among them
  for (const o of POOLABLE_OUTCOMES) {
    for (const r of poolableRows(records, o).included) expect(expectedModalities).toContain(r.record.modality);
  }
  const ids = await page.locator('svg.evidence-map g.map-row').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-id')));
  expect(new Set(ids)).toEqual(expectedModalities);
  expect(ids).toHaveLength(expectedModalities.size);
  await expect(page.locator('.statement').first().textContent()).resolves.toMatch(/descriptive, not comparative/i);

  const subgroups = analyse(table(records), { ...DEFAULTS, by: 'modality', outcome: 'os_5y' }).pooled!.groups;
  expect(subgroups.length).toBeGreaterThan(0);
  for (const g of subgroups) {
    const cell = await page.locator(`.map-table tr[data-id="${g.group}"] td[data-series="os_5y"]`).textContent();
    expect(cell).toContain(`${pc(g.back.estimate)}% [${pc(g.back.ci[0])}, ${pc(g.back.ci[1])}]`);
    if (g.back.pi) expect(cell).toContain(`PI ${pc(g.back.pi[0])}–${pc(g.back.pi[1])}`);
  }
});

test('a map row opens its forest plot by click, and by Enter', async () => {
  const page = await open('');
  await page.locator('svg.evidence-map g.map-row[data-id="resection"]').click();
  await page.waitForSelector('svg.forest g.study');
  expect(page.url()).toContain('view=forest');
  expect(page.url()).toContain('modality=resection');
  const out = overall(table(records.filter((r) => r.modality === 'resection')), { ...DEFAULTS, by: 'modality', outcome: 'os_5y' });
  await expect(overallText(page)).resolves.toBe(`${pc(out.back.estimate)} [${pc(out.back.ci[0])}, ${pc(out.back.ci[1])}]`);

  await page.locator('nav.tabs a[data-view="map"]').click();
  await page.locator('svg.evidence-map g.map-row').first().focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('svg.forest');
  expect(page.url()).toContain('view=forest');
});

test('excluding studies by click and by keyboard re-pools as the engine says; the copied URL restores the state', async () => {
  const page = await open('#view=forest&outcome=os_5y');
  await page.waitForSelector('svg.forest g.study');
  const all = overall(table(records), { ...DEFAULTS, by: 'modality', outcome: 'os_5y' });
  await expect(overallText(page)).resolves.toBe(`${pc(all.back.estimate)} [${pc(all.back.ci[0])}, ${pc(all.back.ci[1])}]`);

  // click
  const first = page.locator('svg.forest g.study').first();
  const id1 = (await first.getAttribute('data-id'))!;
  await first.click();
  await expect(page.locator(`svg.forest g.study[data-id="${id1}"]`).getAttribute('aria-pressed')).resolves.toBe('true');
  const after1 = overall(withoutCohorts(id1), { ...DEFAULTS, by: 'modality', outcome: 'os_5y' });
  await expect(overallText(page)).resolves.toBe(`${pc(after1.back.estimate)} [${pc(after1.back.ci[0])}, ${pc(after1.back.ci[1])}]`);
  await expect(page.locator('.change').textContent())
    .resolves.toBe(`Overall ${pc(all.back.estimate)}% → ${pc(after1.back.estimate)}% (${after1.back.estimate < all.back.estimate ? '−' : '+'}`
      + `${Math.abs((after1.back.estimate - all.back.estimate) * 100).toFixed(1)} points) after excluding 1 study`);

  // keyboard: focus another study, press Enter; focus stays on it
  const second = page.locator('svg.forest g.study[aria-pressed="false"]').nth(2);
  const id2 = (await second.getAttribute('data-id'))!;
  await second.focus();
  await expect(page.locator('#chart-tooltip').isVisible()).resolves.toBe(true);
  await expect(page.locator('#chart-tooltip').textContent()).resolves.toMatch(/Source: seed \S+\.txt, ref/);
  await page.keyboard.press('Enter');
  await expect(page.locator(`svg.forest g.study[data-id="${id2}"]`).getAttribute('aria-pressed')).resolves.toBe('true');
  await expect(page.evaluate(() => document.activeElement?.getAttribute('data-id'))).resolves.toBe(id2);
  const after2 = overall(withoutCohorts(id1, id2), { ...DEFAULTS, by: 'modality', outcome: 'os_5y' });
  await expect(overallText(page)).resolves.toBe(`${pc(after2.back.estimate)} [${pc(after2.back.ci[0])}, ${pc(after2.back.ci[1])}]`);
  await expect(page.locator('.change').textContent()).resolves.toContain('after excluding 2 studies');

  // a control changes the state too
  await page.locator('#ctl-method').selectOption('DL');
  const dl = overall(withoutCohorts(id1, id2), { ...DEFAULTS, method: 'DL', by: 'modality', outcome: 'os_5y' });
  await expect(overallText(page)).resolves.toBe(`${pc(dl.back.estimate)} [${pc(dl.back.ci[0])}, ${pc(dl.back.ci[1])}]`);

  // reload the copied URL in a fresh page
  const url = page.url();
  expect(url).toContain('method=DL');
  const copy = await open(url);
  await copy.waitForSelector('svg.forest g.study');
  await expect(overallText(copy)).resolves.toBe(await overallText(page));
  await expect(copy.locator('.change').textContent()).resolves.toBe(await page.locator('.change').textContent());
  await expect(copy.locator('#ctl-method').inputValue()).resolves.toBe('DL');
  await expect(copy.locator('svg.forest g.study[aria-pressed="true"]').count()).resolves.toBe(2);

  // Space re-includes
  await copy.locator(`svg.forest g.study[data-id="${id2}"]`).focus();
  await copy.keyboard.press(' ');
  await expect(copy.locator('svg.forest g.study[aria-pressed="true"]').count()).resolves.toBe(1);
});

test('a hand-edited link is reported in a dismissible notice', async () => {
  const page = await open('#view=forest&method=nonsense');
  await page.waitForSelector('.notice');
  await expect(page.locator('.notice').textContent()).resolves.toContain('ignored method=nonsense');
  await page.locator('.notice button.dismiss').click();
  await expect(page.locator('.notice').count()).resolves.toBe(0);
});

test('uploading a malformed CSV names the row and column; a valid one shows its forest plot', async () => {
  const page = await open('#view=data');
  await page.setInputFiles('#upload-file', {
    name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('study,events,n\nA,3,10\nB,x,20\n'),
  });
  await page.waitForSelector('.upload-problems');
  await expect(page.locator('.upload-problems').textContent()).resolves.toContain('row 3, column events');

  const text = 'study,events,n\nAlpha,12,40\nBeta,30,50\nGamma,7,31\nDelta,20,44\n';
  await page.setInputFiles('#upload-file', { name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.waitForSelector('svg.forest g.study');
  expect(page.url()).toContain('view=forest');
  await expect(page.locator('svg.forest g.study').count()).resolves.toBe(4);
  await expect(page.locator('svg.forest .group-label').count()).resolves.toBe(0);
  const expected = overall(readAnalysisInput(text), DEFAULTS);
  await expect(overallText(page)).resolves.toBe(`${pc(expected.back.estimate)} [${pc(expected.back.ci[0])}, ${pc(expected.back.ci[1])}]`);

  // back to the bundled table
  await page.locator('nav.tabs a[data-view="data"]').click();
  await page.locator('button.use-bundled').click();
  await page.locator('nav.tabs a[data-view="map"]').click();
  await page.waitForSelector('svg.evidence-map g.map-row');
});

test('a study,yi,vi file dropped on the drop zone is pooled as given (GEN) without modality groups', async () => {
  const page = await open('#view=data');
  const text = 'study,yi,vi\nA,-0.89,0.33\nB,-1.59,0.19\nC,-1.35,0.42\nD,-1.44,0.02\nE,-0.22,0.05\n';
  const drop = await page.evaluateHandle((csv) => {
    const dt = new DataTransfer();
    dt.items.add(new File([csv], 'effects.csv', { type: 'text/csv' }));
    return dt;
  }, text);
  await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer: drop });
  await page.waitForSelector('svg.forest g.study');
  await expect(page.locator('svg.forest g.study').count()).resolves.toBe(5);
  await expect(page.locator('#ctl-measure').inputValue()).resolves.toBe('GEN');
  const expected = overall(readAnalysisInput(text), { method: 'REML', test: 'knha' });
  const f = (x: number) => x.toFixed(2);
  await expect(overallText(page)).resolves.toBe(`${f(expected.estimate)} [${f(expected.ci[0])}, ${f(expected.ci[1])}]`);
  // the evidence map needs a study table and says so
  await page.locator('nav.tabs a[data-view="map"]').click();
  await expect(page.locator('.map-view').textContent()).resolves.toContain('needs a study table');
});

test('hovering a study shows its quote and citation in the tooltip', async () => {
  const page = await open('#view=forest&outcome=os_5y');
  const row = page.locator('svg.forest g.study').first();
  await row.hover();
  const id = await row.getAttribute('data-id');
  const rec = records.find((r) => r.row_id === id)!;
  await expect(page.locator('#chart-tooltip').isVisible()).resolves.toBe(true);
  const tip = await page.locator('#chart-tooltip').textContent();
  expect(tip).toContain(`“${rec.quote}”`);
  expect(tip).toContain(`seed ${rec.seed}, ref ${rec.seed_ref || '–'}`);
});

test('the GLMM and Bayesian models (the CLI\'s small-k engines) pool the same rows as the engine does', async () => {
  const page = await open('#view=forest&outcome=os_5y&modality=resection');
  await page.waitForSelector('svg.forest g.study');
  const resection = table(records.filter((r) => r.modality === 'resection'));
  for (const method of ['GLMM', 'BAYES'] as const) {
    await page.locator('#ctl-method').selectOption(method);
    await page.waitForFunction((m) => location.hash.includes(`method=${m}`), method);
    const r = overall(resection, { method, test: 'z', outcome: 'os_5y' });
    await expect(overallText(page)).resolves.toBe(`${pc(r.back.estimate)} [${pc(r.back.ci[0])}, ${pc(r.back.ci[1])}]`);
    await expect(page.locator('#ctl-measure').isDisabled()).resolves.toBe(true);
  }
});

test('an uploaded study table is analysed like the bundled one: its own map and forest plot', async () => {
  const page = await open('#view=data');
  // the bundled table without its resection rows, as the user's file
  const lines = readFileSync('dist/studies.csv', 'utf8').split(/\r?\n/);
  const mine = records.filter((r) => r.modality !== 'resection');
  const kept = new Set(mine.map((r) => r.row));
  const text = [lines[0], ...lines.slice(1).filter((_, i) => kept.has(i + 2))].join('\n');
  await page.setInputFiles('#upload-file', { name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.waitForSelector('svg.forest g.study');
  await expect(page.locator('.source-banner').textContent()).resolves.toContain('mine.csv');
  await page.locator('nav.tabs a[data-view="map"]').click();
  await page.waitForSelector('svg.evidence-map g.map-row');
  const ids = await page.locator('svg.evidence-map g.map-row').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-id')));
  expect(ids).not.toContain('resection');
  expect(new Set(ids)).toEqual(mapModalities(mine));
});
