/**
 * The survival-curves view and the reconstruct dialog in Chromium. Oracles: the bundled table read in Node
 * (dist/studies.csv, a verbatim copy of public/studies.csv) for the model-based curves, and the CLI
 * (`nelm reconstruct --format csv`, run here as a child process) for the reconstructed IPD.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { readStudies } from '../../src/data/readStudies.ts';
import { explorerSession } from './browser.ts';

const CURVE = 'test/fixtures/curves/veteran_arm1_wpd.csv';
const RISK = 'test/fixtures/curves/veteran_arm1_risk.csv';
const records = readStudies(readFileSync('dist/studies.csv', 'utf8')).records;

// no console error and no request outside the page's origin during the whole run (checked after all tests)
const { open } = explorerSession();

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** axe-core WCAG 2 A/AA violations on the page as it is (source evaluated over CDP, as test/e2e/accessibility.test.ts) */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<Result> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** rows of a `time,event` CSV (header dropped) */
const csvRows = (text: string) => text.trim().split('\n').slice(1).map((l) => l.split(',').map(Number));

test('the survival view draws the bundled cohorts\' landmarks as dashed model-based curves, with a statement and a table', async () => {
  const page = await open('#view=km&modality=resection');
  await page.waitForSelector('svg.km-plot g.curve');
  // cohorts × arms of resection with a published median or os_1y…os_10y (review ranges are no cohort)
  const expected = new Set(records
    .filter((r) => r.modality === 'resection' && r.value !== null && r.design !== 'review_range'
      && ['os_1y', 'os_2y', 'os_3y', 'os_5y', 'os_10y', 'os_median_months'].includes(r.outcome))
    .map((r) => `model:${r.cohort_id}|${r.arm}|${r.modality}`));
  expect(expected.size).toBeGreaterThan(3);
  // every cohort × arm is listed; one curve per cohort is drawn by default (its subgroups are opt-in)
  const cohorts = new Set([...expected].map((id) => id.split('|')[0]));
  await expect(page.locator('.km-curves input[data-curve^="pick-model"]').count()).resolves.toBe(expected.size);
  const ids = await page.locator('svg.km-plot g.curve.model-based').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-id') ?? ''));
  expect(ids.every((id) => expected.has(id))).toBe(true);
  expect(new Set(ids.map((id) => id.split('|')[0]))).toEqual(cohorts);
  expect(ids).toHaveLength(cohorts.size);
  const dash = await page.locator('svg.km-plot g.curve.model-based path.line').first().getAttribute('stroke-dasharray');
  expect(dash).toBeTruthy();
  await expect(page.locator('svg.km-plot g.legend').textContent()).resolves.toContain('model-based from published landmarks');
  await expect(page.locator('.km-statement').textContent()).resolves.toMatch(/published landmarks, not patient data/);
  await expect(page.locator('svg.km-plot g.curve.pooled').count()).resolves.toBe(1);
  // Mayo 2010 (all patients) publishes S(60) = 74 %, S(120) = 51 %: the model passes through them
  const mayo = page.locator('.km-table tr[data-id="model:mayo_2010||resection"]');
  await expect(mayo.locator('td[data-time="60"]').textContent()).resolves.toBe('74.0%');
  await expect(mayo.locator('td[data-time="120"]').textContent()).resolves.toBe('51.0%');
  // the drawn curves' table as CSV from the export menu
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('.export-menu button', { hasText: 'CSV' }).click()]);
  const csvText = readFileSync(await csv.path(), 'utf8');
  expect(csvText.split('\n')[0]).toBe('curve,kind,s_12,s_36,s_60,s_120,median_months');
  expect(csvText).toContain('Mayo 2010,model-based,');
  // the figure's description lists each drawn curve's S(t) and median
  await expect(page.locator('figure.km-box').getAttribute('aria-describedby')).resolves.toBe('km-desc');
  await expect(page.locator('#km-desc').textContent()).resolves.toContain('Mayo 2010 (model-based): S(12)');
  // no reconstructed curve yet, but the bundled curves with n have expected numbers at risk (no censoring):
  // Mayo 2010, n 339 (dist/studies.csv), S(60) = 0.74 → 339 · 0.74 = 250.86 → 251 at 60 months, 339 at 0
  const mayoRisk = page.locator('svg.km-plot g.risk-table g.risk-row[data-id="model:mayo_2010||resection"]');
  await expect(mayoRisk.count()).resolves.toBe(1);
  const riskHtml = page.locator('.km-risk-table tr[data-id="model:mayo_2010||resection"]');
  await expect(riskHtml.locator('th').textContent()).resolves.toBe('Mayo 2010 (model, no censoring)');
  await expect(riskHtml.locator('td[data-time="0"]').textContent()).resolves.toBe('339');
  await expect(riskHtml.locator('td[data-time="60"]').textContent()).resolves.toBe('251');
  await expect(mayoRisk.textContent()).resolves.toContain('251');
  await expect(page.locator('figure.km-box figcaption').textContent()).resolves.toMatch(/expected counts, not published/);

  // keyboard: untick a curve with Space; it disappears from the chart and focus stays on its checkbox
  const first = page.locator('.km-curves input[type="checkbox"]').first();
  const curveId = await first.getAttribute('id');
  await first.focus();
  await page.keyboard.press('Space');
  await page.waitForFunction((n) => document.querySelectorAll('svg.km-plot g.curve.model-based').length === n, cohorts.size - 1);
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe(curveId);
  await page.keyboard.press('Space');
  await page.waitForFunction((n) => document.querySelectorAll('svg.km-plot g.curve.model-based').length === n, cohorts.size);
});

test('the reconstruct dialog runs in a worker, shows diagnostics, downloads the CLI\'s IPD and adds the curve with numbers at risk', async () => {
  const cli = execFileSync('node_modules/.bin/tsx', ['src/cli/main.ts', 'reconstruct', '--curve', CURVE, '--risk', RISK, '--format', 'csv'], { encoding: 'utf8' });
  const cliRows = csvRows(cli);
  const cliEvents = cliRows.reduce((s, r) => s + r[1], 0);
  expect(cliRows.length).toBe(69); // 69 at risk at time 0 in the fixture's risk table

  const page = await open('#view=km&modality=resection');
  await page.locator('#km-reconstruct').click();
  await page.waitForSelector('dialog.rc-dialog[open]');
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('rc-curve');
  await page.setInputFiles('#rc-curve', CURVE);
  await page.setInputFiles('#rc-risk-file', RISK);
  await page.waitForFunction(() => (document.getElementById('rc-risk') as HTMLTextAreaElement).value.includes('n_risk'));
  await page.locator('#rc-label').fill('Veteran arm 1');
  await page.locator('#rc-run').click();
  await page.waitForSelector('.rc-diagnostics');
  // the work ran in a dedicated worker loaded from the page's own origin
  expect(page.workers().map((w) => new URL(w.url()).pathname)).toEqual([expect.stringMatching(/reconstruct\.worker.*\.js$/)]);
  await expect(page.locator('.rc-diagnostics dd[data-field="events"]').textContent()).resolves.toContain(`69 / ${cliEvents}`);
  await expect(page.locator('.rc-diagnostics dd[data-field="rmse"]').textContent()).resolves.toMatch(/^\d\.\d{4}$/);
  await expect(page.locator('.rc-risk tbody tr').count()).resolves.toBe(6); // six risk-table times in veteran_arm1_risk.csv
  await expect(page.locator('.rc-chart svg g.curve.digitised circle').count()).resolves.toBeGreaterThan(50);

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#rc-download').click()]);
  const path = await download.path();
  const rows = csvRows(readFileSync(path, 'utf8'));
  expect(rows.length).toBe(cliRows.length);
  expect(rows.reduce((s, r) => s + r[1], 0)).toBe(cliEvents);
  expect(rows).toEqual(cliRows);

  await page.locator('#rc-add').click();
  await page.waitForSelector('dialog.rc-dialog', { state: 'detached' });
  await page.waitForSelector('svg.km-plot g.curve.reconstructed');
  const riskRow = page.locator('svg.km-plot g.risk-table g.risk-row[data-id^="recon:"]').first();
  await expect(riskRow.textContent()).resolves.toContain('69');
  await expect(page.locator('.km-table tr[data-kind="reconstructed"] th').textContent()).resolves.toBe('Veteran arm 1');
});

test('the dialog reports a bad curve file by row, closes with Escape, and the page stays usable', async () => {
  const page = await open('#view=km');
  await page.locator('#km-reconstruct').click();
  await page.setInputFiles('#rc-curve', 'test/fixtures/curves/bad_curve.csv');
  await page.locator('#rc-risk').fill('time,n_risk\n0,20\n3,10\n');
  await page.locator('#rc-run').click();
  await page.waitForSelector('#rc-output .error');
  await expect(page.locator('#rc-output .error').textContent()).resolves.toMatch(/bad_curve\.csv: row 3/);
  await page.keyboard.press('Escape');
  await page.waitForSelector('dialog.rc-dialog', { state: 'detached' });
  await expect(page.locator('svg.km-plot').count()).resolves.toBe(1);
});

test('a large curve is reconstructed off the main thread: the page answers and shows progress while the worker runs', async () => {
  // 40 001 digitised points of S(t) = exp(−t/60) over 120 months and 3000 patients at risk (synthetic)
  const curve = Array.from({ length: 40001 }, (_, i) => {
    const t = (i * 120) / 40000;
    return `${t.toFixed(5)}, ${Math.exp(-t / 60).toFixed(6)}`;
  }).join('\n');
  const risk = ['time,n_risk', ...Array.from({ length: 11 }, (_, k) => {
    const t = k * 12;
    return `${t},${Math.round(3000 * Math.exp(-t / 60) * Math.exp(-t / 200))}`;
  })].join('\n');
  const page = await open('#view=km&modality=resection');
  await page.locator('#km-reconstruct').click();
  await page.setInputFiles('#rc-curve', { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(curve) });
  await page.locator('#rc-risk').fill(risk);
  await page.locator('#rc-run').click();
  // had the work run on the page's thread, the click handler would have finished (progress hidden again) before
  // this evaluate could run; with the worker the page answers at once, mid-reconstruction
  const mid = await page.evaluate(() => ({
    progress: !(document.getElementById('rc-progress') as HTMLProgressElement).hidden,
    running: (document.getElementById('rc-run') as HTMLButtonElement).disabled,
  }));
  expect(mid).toEqual({ progress: true, running: true });
  await page.waitForSelector('.rc-diagnostics', { timeout: 30_000 });
  await expect(page.locator('#rc-progress').isHidden()).resolves.toBe(true);
  await expect(page.locator('.rc-diagnostics dd[data-field="events"]').textContent()).resolves.toMatch(/^3000 \//);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the survival view and the reconstruct dialog with results have no axe violations (${scheme})`, async () => {
    const page = await open('#view=km&modality=resection');
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForSelector('svg.km-plot g.curve');
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#km-reconstruct').click();
    await page.setInputFiles('#rc-curve', CURVE);
    await page.locator('#rc-risk').fill(readFileSync(RISK, 'utf8'));
    await page.locator('#rc-run').click();
    await page.waitForSelector('.rc-diagnostics');
    expect(await axeViolations(page)).toEqual([]);
  });
}
