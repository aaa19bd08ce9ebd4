/**
 * Issue 12 in Chromium: the landing map names PRRT, somatostatin analogues, everolimus and sunitinib with their key
 * figures, and the trials view shows PROMID's HR 0.34 (0.20–0.59) and TTP 14.3 vs 6 months, the sunitinib seeds'
 * disagreement and model-based curves. Oracle: the bundled table (dist/studies.csv, a verbatim copy of
 * public/studies.csv) as printed in its quotes, and analyseMedians run here in Node.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { analyseMedians } from '../../src/analysis/index.ts';
import { readStudies } from '../../src/data/readStudies.ts';
import { explorerSession } from './browser.ts';

const records = readStudies(readFileSync('dist/studies.csv', 'utf8')).records;
const { open } = explorerSession();

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** axe-core WCAG 2 A/AA violations on the page as it is (as test/e2e/accessibility.test.ts) */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<Result> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

test('the landing map has a row for every treatment with randomised evidence, with its key figures', async () => {
  const page = await open('');
  await page.waitForSelector('svg.evidence-map g.map-row');
  const ids = await page.locator('svg.evidence-map g.map-row').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-id')));
  for (const m of ['prrt', 'ssa', 'everolimus', 'sunitinib', 'interferon', 'bevacizumab', 'chemotherapy']) expect(ids).toContain(m);
  expect(ids).not.toContain('placebo');
  const svgText = (id: string) => page.locator(`svg.evidence-map g.map-row[data-id="${id}"]`).textContent();
  const rowText = (id: string) => page.locator(`.map-table tr[data-id="${id}"]`).textContent();
  await expect(svgText('sunitinib')).resolves.toContain('median PFS 11.4 vs 5.5 months (placebo; seed 000: 11.1)');
  await expect(svgText('everolimus')).resolves.toContain('median PFS 11.0 vs 4.6 months (placebo)');
  await expect(svgText('ssa')).resolves.toContain('PROMID (Rinke 2009): HR 0.34 (0.20–0.59) for TTP');
  await expect(rowText('ssa')).resolves.toContain('median TTP 14.3 vs 6 months (placebo)');
  // PRRT: nothing poolable as a proportion; its median OS (one series) and what cannot be pooled, with the reason
  const prrt = analyseMedians({ kind: 'studies', records, problems: [] }, { by: 'modality' }).groups.find((g) => g.group === 'prrt')!;
  await expect(svgText('prrt')).resolves.toContain(`${prrt.fits[0].estimate} mo; k = 1, N = 310`);
  await expect(rowText('prrt')).resolves.toMatch(/response 35 %.*\(no n\)/);
  // k and N are those of the outcome shown: resection's 5-year OS pools 9 cohorts, 914 patients
  await expect(page.locator('.map-table tr[data-id="resection"] td[data-series="os_5y"]').textContent()).resolves.toContain('(k = 9), N = 914');
  // a row with only trial evidence opens the trials view
  await page.locator('svg.evidence-map g.map-row[data-id="sunitinib"]').click();
  await page.waitForSelector('.trials-view section.trial');
  expect(page.url()).toContain('view=trials');
});

test('the trials view: PROMID HR 0.34 (0.20–0.59), TTP 14.3 vs 6 months, the seeds\' disagreements, model-based curves', async () => {
  const page = await open('#view=trials');
  await page.waitForSelector('.trials-view section.trial');
  const trials = await page.locator('.trials-view section.trial').evaluateAll((ss) => ss.map((s) => s.getAttribute('data-id')));
  expect(trials.sort()).toEqual(['raymond_2011', 'rinke_2009', 's000ref70', 's000ref83', 'yao_2008', 'yao_2011']);
  const promid = page.locator('section.trial[data-id="rinke_2009"]');
  await expect(promid.locator('h3').textContent()).resolves.toBe('PROMID (Rinke 2009)');
  await expect(promid.locator('.trial-hr').textContent()).resolves.toContain('HR 0.34 (0.20–0.59), time to progression');
  const ttp = await promid.locator('tr[data-outcome="ttp_median_months"] td').allTextContents();
  expect(ttp).toEqual(['14.3 months', '6 months']);
  await expect(promid.locator('figure.trial-curves figcaption').textContent()).resolves
    .toContain('HR implied by the medians (model-based): 6 / 14.3 = 0.42; published HR 0.34 (0.20–0.59)');
  await expect(promid.locator('figure.trial-curves svg').textContent()).resolves.toContain('model-based');
  // the sunitinib trial: median PFS 11.1 vs 11.4 across the seeds, inline
  const sunitinib = page.locator('section.trial[data-id="raymond_2011"]');
  await expect(sunitinib.locator('tr[data-outcome="pfs_median_months"] td.disagree').textContent()).resolves
    .toContain('11.4 months (seed 001) vs 11.1 months (seed 000)');
  // the forest plot of hazard ratios: PROMID's published HR and the implied ones, by endpoint
  await expect(page.locator('svg.hr-forest g.hr-row.published').getAttribute('aria-label')).resolves
    .toBe('PROMID (Rinke 2009): octreotide LAR vs placebo: 0.34 [0.20, 0.59]');
  await expect(page.locator('svg.hr-forest g.hr-row.implied').count()).resolves.toBe(4);
  expect(await axeViolations(page)).toEqual([]);
});
