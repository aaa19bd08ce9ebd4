import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { parseCsv } from '../../src/data/parseCsv.ts';
import { readStudies } from '../../src/data/readStudies.ts';
import { launch, openPage } from './browser.ts';

/** The bundled table the page serves. */
const bundled = readStudies(readFileSync('dist/studies.csv', 'utf8')).records;

async function exportCsv(page: Page): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('#data-export-csv').click()]);
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const rowCount = (page: import('playwright-core').Page) => page.locator('.modality-group tbody tr').count();

test('the data view groups the study table by modality, and filtering by modality leaves only that group', async () => {
  const { page, errors, foreignRequests, context } = await openPage(browser, '#view=data');
  await page.waitForSelector('.modality-group');
  const groups = await page.locator('.modality-group').count();
  expect(groups).toBeGreaterThanOrEqual(2);
  const all = await rowCount(page);
  // public/studies.csv holds at least 150 rows (test/data/provenance.test.ts), none rejected.
  expect(all).toBeGreaterThanOrEqual(150);
  await expect(page.locator('#data-problems-heading').textContent()).resolves.toBe('Validation problems (0)');

  await page.locator('#data-modality').selectOption('tace');
  const tace = await rowCount(page);
  expect(tace).toBeGreaterThan(0);
  expect(tace).toBeLessThan(all);
  await expect(page.locator('.modality-group').count()).resolves.toBe(1);
  await expect(page.locator('.modality-group').getAttribute('data-modality')).resolves.toBe('tace');
  await expect(page.locator('.modality-group h3 .count').textContent()).resolves.toBe(`(${tace} rows)`);

  expect(errors).toEqual([]);
  expect(foreignRequests).toEqual([]);
  await context.close();
});

test('the search box narrows the rows and a row\'s source opens from the keyboard', async () => {
  const { page, errors, context } = await openPage(browser, '#view=data');
  await page.waitForSelector('.modality-group');
  const all = await rowCount(page);
  await page.locator('#data-search').fill('PROMID');
  const found = await rowCount(page);
  expect(found).toBeGreaterThan(0);
  expect(found).toBeLessThan(all);

  const summary = page.locator('.modality-group tbody tr').first().locator('summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.modality-group tbody tr').first().locator('details').getAttribute('open')).resolves.toBe('');
  await expect(page.locator('.modality-group tbody tr').first().locator('dd').first().textContent()).resolves.toMatch(/^“.+”$/);
  expect(errors).toEqual([]);
  await context.close();
});

test('the study-table CSV has every row with every column, row_id and quote included; a filter exports its rows', async () => {
  const { page, errors, context } = await openPage(browser, '#view=data');
  await page.waitForSelector('.modality-group');
  await expect(page.locator('#data-export-csv').textContent()).resolves.toBe(`Export these ${bundled.length} rows as CSV`);
  const all = await exportCsv(page);
  expect(all.name).toBe('studies.csv');
  const table = parseCsv(all.text);
  expect(table.header).toContain('row_id');
  expect(table.header).toContain('quote');
  expect(table.header).toEqual(['row_id', 'cohort_id', 'study', 'first_author', 'year', 'modality', 'arm', 'design', 'n', 'outcome', 'value', 'low', 'high', 'time_months', 'seed', 'seed_ref', 'section', 'quote', 'note']);
  expect(table.rows.map((r) => r.cells.row_id)).toEqual(bundled.map((r) => r.row_id));
  expect(table.rows.map((r) => r.cells.quote)).toEqual(bundled.map((r) => r.quote));
  // the export is a study table: read back, it validates with no problem
  expect(readStudies(all.text).problems).toEqual([]);

  await page.locator('#data-modality').selectOption('tace');
  const tace = await exportCsv(page);
  expect(tace.name).toBe('studies-filtered.csv');
  const ids = parseCsv(tace.text).rows.map((r) => r.cells.row_id);
  expect(ids).toEqual(bundled.filter((r) => r.modality === 'tace').map((r) => r.row_id));
  await expect(page.locator('#data-action-status').textContent()).resolves.toBe(`Saved studies-filtered.csv: ${ids.length} rows, every column.`);
  expect(errors).toEqual([]);
  await context.close();
});

test('"Copy citation" puts the study, its printed reference, seed, section and quote on the clipboard', async () => {
  const { page, errors, context } = await openPage(browser, '#view=data');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.waitForSelector('.modality-group');
  await page.locator('#data-search').fill('sunitinib');
  await page.locator('tr[data-row-id="s001-0100"] button.copy-citation').click();
  await expect(page.locator('#data-action-status').textContent()).resolves.toBe('Citation of Raymond 2011 (row s001-0100) copied.');
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text.split('\n')).toEqual([
    'Raymond 2011 — sunitinib, Median progression-free survival, 11.4 mo',
    'Reference (seed 001, reference 12): Raymond E, Dahan L, Raoul JL, et al. Sunitinib malate for the treatment of pancreatic neuroendocrine tumors. *N Engl J Med* 2011;364:501–513.',
    'Source: 001_9c5965bc9c202e25.txt, section Targeted therapies, row s001-0100',
    'Quote: “the median PFS was 11.4 months in the sunitinib group compared with 5.5 months in the placebo group”',
  ]);
  expect(errors).toEqual([]);
  await context.close();
});

test('where the clipboard is refused, the citation is shown selected for copying by hand', async () => {
  const { page, errors, context } = await openPage(browser, '#view=data');
  await page.waitForSelector('.modality-group');
  await page.evaluate(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } });
  });
  await page.locator('#data-search').fill('Mazzaglia mean');
  await page.locator('tr[data-row-id="s000-0026"] button.copy-citation').click();
  const box = page.locator('tr[data-row-id="s000-0026"] textarea.citation-fallback');
  await box.waitFor();
  const shown = await box.inputValue();
  expect(shown).toContain('Mazzaglia 2007');
  expect(shown).toContain('Reference (seed 001, reference 32, the same cohort (seed 000 prints no reference list)): Mazzaglia PJ');
  expect(shown).toContain('Quote: “Mean survival extended 3.9 years after the first RFA treatment”');
  const selected = await page.evaluate(() => {
    const t = document.activeElement as HTMLTextAreaElement;
    return t.value.slice(t.selectionStart, t.selectionEnd);
  });
  expect(selected).toBe(shown);
  await expect(page.locator('#data-action-status').textContent()).resolves.toContain('Copying was refused');
  expect(errors).toEqual([]);
  await context.close();
});
