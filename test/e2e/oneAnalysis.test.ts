/**
 * One analysis behind every view (issue 11), in Chromium: excluding Mayo 2010 in the resection forest plot excludes
 * the cohort (all its rows) in the forest plot, the evidence map, the sensitivity and diagnostics views, the pooled
 * survival curve and every export, with the CLI's numbers; the permalink and an old row-id link reproduce it; study
 * names with commas, quotes, 300 characters, emoji and duplicates round-trip through the URL and storage.
 * Oracles: `nelm pool` (the CLI, a child process) and analyse() on the remaining rows, run here in Node.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { analyse } from '../../src/analysis/index.ts';
import { kmPanel, modelEntries } from '../../src/app/kmModel.ts';
import { readAnalysisInput } from '../../src/data/readAnalysisInput.ts';
import { readStudies } from '../../src/data/readStudies.ts';
import type { StudyRecord } from '../../src/data/types.ts';
import { nelm } from '../cli/runCli.ts';
import { explorerSession } from './browser.ts';

const csvText = readFileSync('dist/studies.csv', 'utf8');
const records: readonly StudyRecord[] = readStudies(csvText).records;
const pc = (x: number): string => (x * 100).toFixed(1);
const { open } = explorerSession();

const overallText = (page: Page) => page.locator('svg.forest g.summary.overall text.est').textContent();

interface Fit { k: number; back: { estimate: number; ci: [number, number] } }
/** `nelm pool --input public/studies.csv --outcome os_5y --by modality --exclude mayo_2010`: the resection subgroup */
function cliResection(exclude: string | null): Fit {
  const r = nelm('pool', '--input', 'public/studies.csv', '--outcome', 'os_5y', '--by', 'modality',
    ...(exclude ? ['--exclude', exclude] : []));
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout) as { subgroups: (Fit & { group: string })[] };
  return out.subgroups.find((g) => g.group === 'resection')!;
}

async function download(page: Page, name: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return readFileSync((await file.path())!, 'utf8');
}

test('excluding Mayo 2010 reaches every view and export with the CLI\'s numbers; the permalink reproduces it', async () => {
  const before = cliResection(null);
  const after = cliResection('mayo_2010');
  expect(before.k).toBe(9);
  expect(after.k).toBe(8);
  // the engine on the table without the cohort's rows gives the same
  const remaining = analyse({ kind: 'studies', records: records.filter((r) => r.cohort_id !== 'mayo_2010'), problems: [] },
    { method: 'REML', test: 'knha', outcome: 'os_5y', modality: 'resection' }).pooled!.overall;
  expect(remaining.back.estimate).toBeCloseTo(after.back.estimate, 12);

  const page = await open('#view=forest&outcome=os_5y&modality=resection');
  await page.waitForSelector('svg.forest g.study');
  const mayo = page.locator('svg.forest g.study', { hasText: 'Mayo 2010' });
  await expect(mayo.count()).resolves.toBe(1);
  await mayo.click();
  await expect(overallText(page)).resolves.toBe(`${pc(after.back.estimate)} [${pc(after.back.ci[0])}, ${pc(after.back.ci[1])}]`);
  await expect(page.locator('svg.forest g.summary.overall').textContent()).resolves.toContain('k = 8');
  await expect(page.locator('.excluded-list').textContent()).resolves.toMatch(/Mayo 2010 — \d+ rows/);
  expect(page.url()).toContain('ex=mayo_2010');

  // forest exports: the CSV's overall row has k = 8 and Mayo 2010 is "excluded: yes"; the R script leaves it out
  const csv = (await download(page, 'Export the results of the forest plot as CSV')).trim().split('\r\n');
  const head = csv[0].split(',');
  const overallRow = csv.find((l) => l.startsWith('overall,'))!.split(',');
  expect(overallRow[head.indexOf('k')]).toBe('8');
  expect(Number(overallRow[head.indexOf('back_estimate')])).toBeCloseTo(after.back.estimate, 12);
  expect(csv.find((l) => l.startsWith('study Mayo 2010,'))!.endsWith(',yes')).toBe(true);
  const script = await download(page, 'Export an R script reproducing the forest plot');
  expect(script).not.toContain('"Mayo 2010"');

  // the evidence map
  await page.locator('nav.tabs a[data-view="map"]').click();
  await page.waitForSelector('svg.evidence-map g.map-row');
  const cell = await page.locator('.map-table tr[data-id="resection"] td[data-series="os_5y"]').textContent();
  expect(cell).toContain(`${pc(after.back.estimate)}% [${pc(after.back.ci[0])}, ${pc(after.back.ci[1])}]`);
  expect(cell).toContain('(k = 8)');
  const mapCsv = await download(page, 'Export the results of the evidence map as CSV');
  expect(mapCsv).toContain(`resection,5-year OS,8,${after.back.estimate}`);

  // sensitivity and diagnostics
  await page.locator('nav.tabs a[data-view="sensitivity"]').click();
  await page.waitForSelector('svg.sensitivity g.row');
  await expect(page.locator('.sensitivity-view .statement').first().textContent()).resolves.toContain('k = 8');
  await page.locator('nav.tabs a[data-view="diagnostics"]').click();
  await page.waitForSelector('svg.funnel');
  await expect(page.locator('.diagnostics-view').textContent()).resolves.toContain('k = 8;');

  // the pooled survival curve: Mayo 2010 is drawn but not pooled, and S(60) is the panel's value without it
  await page.locator('nav.tabs a[data-view="km"]').click();
  await page.waitForSelector('.km-table tr[data-id="pooled"]');
  await expect(page.locator('.km-view .warnings').first().textContent()).resolves.toContain('Mayo 2010: excluded by you; drawn, not pooled');
  const models = modelEntries(records);
  const s60 = (cohorts: Set<string>) => kmPanel(models, [], 'resection', { excludedCohorts: cohorts }).table.find((r) => r.id === 'pooled')!.surv[2]!;
  const shownS60 = await page.locator('.km-table tr[data-id="pooled"] td[data-time="60"]').textContent();
  expect(shownS60).toBe(`${pc(s60(new Set(['mayo_2010'])))}%`);
  expect(s60(new Set(['mayo_2010']))).not.toBe(s60(new Set()));

  // the permalink, and a first-release link naming one of Mayo 2010's rows
  for (const link of [page.url().replace('view=km', 'view=forest'), '#view=forest&outcome=os_5y&modality=resection&ex=s001-0056']) {
    const copy = await open(link);
    await copy.waitForSelector('svg.forest g.study');
    await expect(overallText(copy)).resolves.toBe(`${pc(after.back.estimate)} [${pc(after.back.ci[0])}, ${pc(after.back.ci[1])}]`);
    await expect(copy.locator('svg.forest g.study[aria-pressed="true"]').count()).resolves.toBe(1);
  }
});

test('names with commas, quotes, 300 characters, emoji and duplicates are excluded by row and round-trip', async () => {
  const long = `L${'o'.repeat(298)}g`;
  const names = ['"Smith, 2010"', '"O""Brien ""B"""', long, 'Émile 😀', 'A', 'A'];
  const counts = [[12, 40], [30, 50], [7, 31], [20, 44], [1, 100], [90, 100]];
  const text = `study,events,n\n${names.map((n, i) => `${n},${counts[i][0]},${counts[i][1]}`).join('\n')}\n`;
  const page = await open('#view=data');
  await page.setInputFiles('#upload-file', { name: 'names.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.waitForSelector('svg.forest g.study');
  // duplicate labels are shown apart, with their own numbers
  await expect(page.locator('svg.forest g.study[data-id="6"]').textContent()).resolves.toContain('A (row 6)');
  await expect(page.locator('svg.forest g.study[data-id="7"]').textContent()).resolves.toContain('90.0');
  // exclude the comma name, the 300-character name, the emoji name and the first "A" (rows 2, 4, 5, 6)
  for (const row of ['2', '4', '5', '6']) {
    await page.locator(`svg.forest g.study[data-id="${row}"]`).click();
    await page.waitForSelector(`svg.forest g.study[data-id="${row}"][aria-pressed="true"]`);
  }
  const expected = analyse(readAnalysisInput(text), { method: 'REML', test: 'knha', exclude: ['2', '4', '5', '6'] }).pooled!.overall;
  expect(expected.k).toBe(2);
  const shown = `${pc(expected.back.estimate)} [${pc(expected.back.ci[0])}, ${pc(expected.back.ci[1])}]`;
  await expect(overallText(page)).resolves.toBe(shown);
  // the second "A" (90/100) is still in
  await expect(page.locator('svg.forest g.study[data-id="7"]').getAttribute('aria-pressed')).resolves.toBe('false');

  // reload: the upload and the exclusions come back from storage and the URL
  await page.reload();
  await page.waitForSelector('svg.forest g.study');
  await expect(overallText(page)).resolves.toBe(shown);
  const pressed = await page.locator('svg.forest g.study[aria-pressed="true"]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-id')).sort());
  expect(pressed).toEqual(['2', '4', '5', '6']);
  // storage alone (no exclusions in the link) restores them too
  await page.evaluate(() => history.replaceState(null, '', `${location.pathname}#view=forest`));
  await page.reload();
  await page.waitForSelector('svg.forest g.study');
  await expect(overallText(page)).resolves.toBe(shown);
});
