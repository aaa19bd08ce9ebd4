/**
 * The living review in Chromium: adding test/fixtures/living-review/added.csv (a new resection cohort with 5-year OS
 * 80 % of 120, and a point value for osborne_2006, a cohort of the bundled table) to the bundled table changes the
 * evidence map's resection 5-year OS from 71.1 % (k 9) to 72.1 % (k 11) with a visible diff — the values of
 * `npm run nelm -- pool --input <public/studies.csv + added.csv's lines> --outcome os_5y --by modality`
 * (test/analysis/estimateDiff.test.ts checks them against the engine) — the summary of findings shows it, the
 * export marks the added rows, a reload keeps it, an exclusion of the added cohort applies, and removing the added
 * studies restores the bundled table. axe finds no violation on the data view and the map with the diff, light and dark.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { parseCsv } from '../../src/data/parseCsv.ts';
import { explorerSession } from './browser.ts';

const session = explorerSession();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const ADDED = readFileSync('test/fixtures/living-review/added.csv');
const CELL = '.map-table tr[data-id="resection"] td[data-series="os_5y"]';
const SOF_ROW = '.sof-table tr[data-id="resection.os_5y"]';
// the CLI's values rounded to the map's one decimal: 0.71136 [0.65344, 0.76312] → 0.72150 [0.67226, 0.76591]
const DIFF = '71.1% [65.3, 76.3] → 72.1% [67.2, 76.6] (k 9 → 11, N 914 → 1095)';

async function addFile(page: Page): Promise<void> {
  await page.waitForSelector('#add-studies-file');
  await page.setInputFiles('#add-studies-file', { name: 'added.csv', mimeType: 'text/csv', buffer: ADDED });
  await page.waitForSelector('#map-diff');
}

async function tab(page: Page, view: string, selector: string): Promise<void> {
  await page.locator(`nav.tabs a[data-view="${view}"]`).click();
  await page.waitForSelector(selector);
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<Result> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('the living review', () => {
  test('adding studies changes the map with a visible diff; the summary of findings, the export, a reload, an exclusion, removal', async () => {
    const page = await session.open('#view=data');
    await expect(page.locator('#add-studies-title').textContent()).resolves.toBe('Add studies to the bundled table');
    await addFile(page);

    // the map: the legend, the changed cell with its before → after, the chart's new k and N
    await expect(page.locator('nav.tabs a[aria-current="page"]').getAttribute('data-view')).resolves.toBe('map');
    await expect(page.locator('#map-diff h3').textContent()).resolves.toBe('Δ since you added 2 studies (added.csv)');
    await expect(page.locator('#map-diff li[data-key="resection.os_5y"] [aria-hidden="true"]').textContent())
      .resolves.toBe(`Resection, 5-year OS: ${DIFF}`);
    await expect(page.locator('#map-diff li').count()).resolves.toBe(1);
    await expect(page.locator(CELL).getAttribute('class')).resolves.toBe('diff-changed');
    await expect(page.locator(`${CELL} .diff-note [aria-hidden="true"]`).textContent()).resolves.toBe(`Δ ${DIFF}`);
    await expect(page.locator(`${CELL} .diff-note .sr-only`).textContent()).resolves.toBe('Resection, 5-year OS: changed since '
      + 'you added studies, from 71.1% (95% CI 65.3 to 76.3; 9 studies, 914 patients) to 72.1% (95% CI 67.2 to 76.6; 11 studies, 1095 patients).');
    await expect(page.locator(CELL).textContent()).resolves.toMatch(/^72\.1% \[67\.2, 76\.6\].*\(k = 11\), N = 1095/);
    await expect(page.locator('.map-table tr[data-id="transplant"] td[data-series="os_5y"]').getAttribute('class')).resolves.toBeNull();
    await expect(page.locator('svg.evidence-map g.map-row[data-id="resection"] text.kn').first().textContent()).resolves.toBe('k = 11, N = 1095');
    await expect(page.locator('.added-banner').textContent()).resolves.toContain('2 studies you added (added.csv)');

    // the summary of findings
    await tab(page, 'sof', SOF_ROW);
    await expect(page.locator('#sof-diff h3').textContent()).resolves.toBe('Δ since you added 2 studies (added.csv)');
    await expect(page.locator(`${SOF_ROW} [data-col="k"]`).textContent()).resolves.toBe('11');
    await expect(page.locator(`${SOF_ROW} [data-col="effect"] .diff-note [aria-hidden="true"]`).textContent()).resolves.toBe(`Δ ${DIFF}`);
    await expect(page.locator(SOF_ROW).getAttribute('data-diff')).resolves.toBe('changed');
    await expect(page.locator('.sof-table tr[data-diff="changed"]').count()).resolves.toBe(1);

    // the data view: badges, the note on the joined cohort, the export with `added`
    await tab(page, 'data', '.modality-group');
    await expect(page.locator('tr[data-added="true"]').count()).resolves.toBe(2);
    await expect(page.locator('tr[data-added="true"] .added-badge').allTextContents()).resolves.toEqual(['added', 'added']);
    await expect(page.locator('.add-studies-notes li').allTextContents())
      .resolves.toEqual(['row 3, column cohort_id: joins cohort osborne_2006 (2 bundled rows)']);
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator('#data-export-csv').click()]);
    const csv = parseCsv(readFileSync((await file.path())!, 'utf8'));
    expect(csv.header.at(-1)).toBe('added');
    expect(csv.rows).toHaveLength(219);
    expect(csv.rows.filter((r) => r.cells.added === 'true').map((r) => r.cells.row_id)).toEqual(['added-0001', 'added-0002']);
    expect(csv.rows.filter((r) => r.cells.added === 'false')).toHaveLength(217);

    // a reload keeps the merged table
    await page.reload();
    await page.waitForSelector('tr[data-added="true"]');
    await expect(page.locator('tr[data-added="true"]').count()).resolves.toBe(2);
    await tab(page, 'map', '#map-diff');
    await expect(page.locator(`${CELL} .diff-note [aria-hidden="true"]`).textContent()).resolves.toBe(`Δ ${DIFF}`);

    // exclusions by cohort apply to added rows: without the new cohort, osborne_2006's added row alone is new (61 patients)
    await page.goto(page.url().replace(/#.*$/, '#view=map&ex=added_2024'));
    await page.waitForSelector(`${CELL}.diff-changed`);
    await expect(page.locator(`${CELL} .diff-note [aria-hidden="true"]`).textContent()).resolves.toMatch(/\(k 9 → 10, N 914 → 975\)$/);

    // remove: the bundled table again, its exclusion of the added cohort dropped, nothing added saved
    await tab(page, 'data', '.remove-added');
    await page.locator('.remove-added').click();
    await page.waitForFunction(() => document.querySelectorAll('tr[data-added]').length === 0);
    expect(page.url()).not.toContain('ex=');
    await expect(page.locator('.added-banner').count()).resolves.toBe(0);
    await tab(page, 'map', CELL);
    await expect(page.locator('#map-diff').count()).resolves.toBe(0);
    await expect(page.locator(CELL).textContent()).resolves.toMatch(/^71\.1% \[65\.3, 76\.3\].*\(k = 9\), N = 914$/);
    await expect(page.evaluate(() => localStorage.getItem('nelm-explorer:v1'))).resolves.toBeNull();
  });

  test('a file with a bundled row_id and an invalid cell waits for "Add the valid rows"; nothing is added before', async () => {
    const page = await session.open('#view=data');
    const text = `${ADDED.toString('utf8')}s001-0012,mayo_2010,Mayo 2010,Mayo,2010,resection,,retrospective,339,os_5y,74,,,60,`
      + '001_9c5965bc9c202e25.txt,,T,q,\nbad-1,bad_2024,Bad,B,2024,resection,,retrospective,-3,os_5y,50,,,60,001_9c5965bc9c202e25.txt,,T,q,\n';
    await page.setInputFiles('#add-studies-file', { name: 'mixed.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await page.waitForSelector('.add-studies-status.problems');
    await expect(page.locator('.add-studies-problems li').allTextContents()).resolves.toEqual([
      'row 4, column row_id: invalid row_id: "s001-0012" (already in the bundled table, row 122)',
      'row 5, column n: invalid n: "-3" (must be a positive integer)',
    ]);
    await expect(page.locator('tr[data-added]').count()).resolves.toBe(0);
    await page.locator('button.add-valid').click();
    await page.waitForSelector('#map-diff');
    await expect(page.locator('#map-diff h3').textContent()).resolves.toBe('Δ since you added 2 studies (mixed.csv)');
    await tab(page, 'data', '.remove-added');
    await expect(page.locator('.add-studies-status.ok .add-studies-problems li').count()).resolves.toBe(2);
    await page.locator('.remove-added').click();
    await page.waitForFunction(() => document.querySelectorAll('.remove-added').length === 0);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe: no violation on the data view and the map with studies added (${scheme})`, async () => {
      const page = await session.open('#view=data');
      await page.emulateMedia({ colorScheme: scheme });
      await addFile(page);
      await expect(axeViolations(page)).resolves.toEqual([]);
      await tab(page, 'sof', '#sof-diff');
      await expect(axeViolations(page)).resolves.toEqual([]);
      await tab(page, 'data', 'tr[data-added="true"]');
      await expect(axeViolations(page)).resolves.toEqual([]);
      await page.locator('.remove-added').click();
      await page.waitForFunction(() => document.querySelectorAll('.remove-added').length === 0);
    });
  }
});
