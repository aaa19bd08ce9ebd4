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
import { kmPanel, modelEntries } from '../../src/app/kmModel.ts';
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
  // Plot sets a line's stroke on the <g> of its mark
  const dash = await page.locator('svg.km-plot g.curve.model-based g.line').first().getAttribute('stroke-dasharray');
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
  expect(csvText.split(/\r?\n/)[0]).toBe('curve,kind,s_12,s_36,s_60,s_120,median_months,extrapolated_after_months');
  expect(csvText).toContain('Mayo 2010,model-based,');
  // the figure's description lists each drawn curve's S(t) and median
  await expect(page.locator('figure.km-box').getAttribute('aria-describedby')).resolves.toBe('km-desc');
  await expect(page.locator('#km-desc').textContent()).resolves.toContain('Mayo 2010 (model-based): S(12)');
  // numbers at risk of model-based curves are not published: none by default; the expected counts (no censoring)
  // behind a toggle, italic. Mayo 2010, n 339 (dist/studies.csv), S(60) = 0.74 → 339 · 0.74 = 250.86 → 251 at 60
  // months, 339 at 0
  const mayoRisk = page.locator('svg.km-plot g.risk-table g.risk-row[data-id="model:mayo_2010||resection"]');
  await expect(mayoRisk.count()).resolves.toBe(0);
  await expect(page.locator('svg.km-plot g.risk-table').count()).resolves.toBe(0);
  await page.locator('#km-expected').check();
  await page.waitForSelector('svg.km-plot g.risk-table g.risk-row[data-id="model:mayo_2010||resection"]');
  await expect(mayoRisk.getAttribute('data-kind')).resolves.toBe('expected');
  await expect(mayoRisk.getAttribute('font-style')).resolves.toBe('italic');
  const riskHtml = page.locator('.km-risk-table tr[data-id="model:mayo_2010||resection"]');
  await expect(riskHtml.locator('th').textContent()).resolves.toBe('Mayo 2010 (model, no censoring)');
  await expect(riskHtml.locator('td[data-time="0"]').textContent()).resolves.toBe('339');
  await expect(riskHtml.locator('td[data-time="60"]').textContent()).resolves.toBe('251');
  await expect(mayoRisk.textContent()).resolves.toContain('251');
  await expect(page.locator('figure.km-box figcaption').textContent()).resolves.toMatch(/expected counts, not published/);
  await page.locator('#km-expected').uncheck();
  await page.waitForFunction(() => !document.querySelector('svg.km-plot g.risk-table'));

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

/** Texts of the first svg.km-plot on the page (or of `selector`) whose box leaves the SVG, with their boxes. */
async function clippedTexts(page: Page, selector = 'svg.km-plot'): Promise<string[]> {
  return page.locator(selector).first().evaluate((svg) => {
    const box = svg.getBoundingClientRect();
    const vb = (svg.getAttribute('viewBox') ?? '').split(/\s+/).map(Number);
    // the chart is drawn at its own size (width = viewBox width): screen px are its units
    const k = box.width / vb[2];
    return [...svg.querySelectorAll('text')].flatMap((t) => {
      const r = t.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return [];
      const inside = r.left >= box.left - 0.5 * k && r.right <= box.right + 0.5 * k
        && r.top >= box.top - 0.5 * k && r.bottom <= box.bottom + 0.5 * k;
      return inside ? [] : [`${t.textContent} [${Math.round(r.left - box.left)}, ${Math.round(r.right - box.left)}] of ${Math.round(box.width)}`];
    });
  });
}

/** The points of an SVG path made of M/L/H/V commands, in drawing order. */
function pathPoints(d: string): [number, number][] {
  const pts: [number, number][] = [];
  let x = 0;
  let y = 0;
  for (const [, cmd, args] of d.matchAll(/([MLHV])([^MLHVZ]*)/g)) {
    const n = args.split(/[\s,]+/).filter((a) => a).map(Number);
    if (cmd === 'H') x = n[0];
    else if (cmd === 'V') y = n[0];
    else [x, y] = n;
    pts.push([x, y]);
  }
  return pts;
}

test('a 5-year-only cohort\'s curve ends at 60 months; "extend" draws it on faded and labelled, kept in the link', async () => {
  // a resection cohort whose only survival figure is os_5y at 60 months (dist/studies.csv), and House 2006 (S(60) = 86 %)
  const survival = ['os_1y', 'os_2y', 'os_3y', 'os_5y', 'os_10y', 'os_median_months'];
  const fiveOnly = records.filter((r) => r.modality === 'resection' && r.arm === '' && r.design !== 'review_range'
    && survival.includes(r.outcome) && r.value !== null)
    .filter((r, _, all) => all.filter((x) => x.cohort_id === r.cohort_id).every((x) => x.outcome === 'os_5y'))
    .map((r) => r.cohort_id);
  expect(fiveOnly).toContain('ahmed_2009');
  const id = 'model:ahmed_2009||resection';
  const page = await open('#view=km&modality=resection');
  await page.waitForSelector(`svg.km-plot g.curve[data-id="${id}"]`);
  // Plot places a tick label by transform="translate(x,y)"
  const tickX = async (t: number) => Number(/translate\(([-\d.]+),/.exec(await page.locator('svg.km-plot g.axis text', { hasText: new RegExp(`^${t}$`) })
    .first().getAttribute('transform') ?? '')?.[1]);
  const lastX = async () => {
    const d = await page.locator(`svg.km-plot g.curve[data-id="${id}"] g.line path`).last().getAttribute('d');
    const pts = pathPoints(d ?? '');
    return pts[pts.length - 1][0];
  };
  expect(Math.abs(await lastX() - await tickX(60))).toBeLessThan(0.5);
  await expect(page.locator(`svg.km-plot g.curve[data-id="${id}"] g.extrapolated`).count()).resolves.toBe(0);
  const row = page.locator(`.km-table tr[data-id="${id}"]`);
  await expect(row.locator('td[data-time="60"]').textContent()).resolves.toBe('74.0%');
  await expect(row.locator('td[data-time="120"]').textContent()).resolves.toBe('–');
  // House 2006: S(60) = 86 %; a constant hazard would reach 50 % at 275.7 months, far after the data
  await expect(page.locator('.km-table tr[data-id="model:house_2006||resection"] td[data-field="median"]').textContent())
    .resolves.toBe('not reached within follow-up');

  await page.locator('#km-extend').check();
  await page.waitForSelector(`svg.km-plot g.curve[data-id="${id}"] g.extrapolated path`);
  expect(page.url()).toContain('extend=1');
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('km-extend');
  await expect(page.locator(`svg.km-plot g.curve[data-id="${id}"] g.extrapolated`).getAttribute('stroke-opacity')).resolves.toBe('0.35');
  // on to the axis end (whole years after the last landmark of any curve: Mayo 2010's median, 125 months)
  const axisEnd = Number(await page.locator('svg.km-plot g.axis line').first().getAttribute('x2'));
  expect(Math.abs(await lastX() - axisEnd)).toBeLessThan(0.5);
  expect(await lastX()).toBeGreaterThan(await tickX(120));
  await expect(page.locator(`svg.km-plot g.end-labels text[data-id="${id}"]`).textContent()).resolves.toMatch(/extrapolated/);
  // S(120) = 0.74² with the 5-year hazard carried on, marked as extrapolated
  await expect(row.locator('td[data-time="120"]').textContent()).resolves.toBe(`${(0.74 ** 2 * 100).toFixed(1)}%*`);
  await expect(page.locator('.km-table tr[data-id="model:house_2006||resection"] td[data-field="median"]').textContent())
    .resolves.toBe('not reached within follow-up');
  const copy = await open(page.url());
  await copy.waitForSelector(`svg.km-plot g.curve[data-id="${id}"] g.extrapolated path`);
  await expect(copy.locator('#km-extend').isChecked()).resolves.toBe(true);
});

test('adding a reconstructed curve leaves the pooled model-based curve unchanged unless the user pools them together', async () => {
  const models = modelEntries(records);
  const pc = (s: number) => `${(s * 100).toFixed(1)}%`;
  const oracle = kmPanel(models, [], 'resection').table.find((r) => r.id === 'pooled')!;
  const page = await open('#view=km&modality=resection');
  await page.waitForSelector('svg.km-plot g.curve.pooled');
  const s60 = () => page.locator('.km-table tr[data-id="pooled"] td[data-time="60"]').textContent();
  const pooledD = () => page.locator('svg.km-plot g.curve.pooled g.line path').first().getAttribute('d');
  // the pooled curve in survival units (the y axis is always 0–100 %; the x axis grows with the reconstructed curve)
  const pooledYs = async () => pathPoints((await pooledD()) ?? '').map(([, y]) => y);
  const pooledRow = () => page.locator('.km-table tr[data-id="pooled"]').textContent();
  await expect(s60()).resolves.toBe(pc(oracle.surv[2]!));
  const before = await pooledYs();
  const rowBefore = await pooledRow();

  await page.locator('#km-reconstruct').click();
  await page.setInputFiles('#rc-curve', CURVE);
  await page.locator('#rc-risk').fill(readFileSync(RISK, 'utf8'));
  await page.locator('#rc-label').fill('Veteran arm 1');
  await page.locator('#rc-run').click();
  await page.waitForSelector('.rc-diagnostics');
  await page.locator('#rc-add').click();
  await page.waitForSelector('svg.km-plot g.curve.reconstructed');
  await expect(s60()).resolves.toBe(pc(oracle.surv[2]!));
  expect(await pooledYs()).toEqual(before);
  await expect(pooledRow()).resolves.toBe(rowBefore);
  await expect(page.locator('.km-view ul.warnings').first().textContent()).resolves
    .toContain('Veteran arm 1: reconstructed from a figure; not pooled with the model-based curves unless you choose to');

  await page.locator('#km-pool-recon').check();
  await page.waitForSelector('.km-table tr[data-id="pooled"] th >> text=Pooled (model-based + reconstructed)');
  expect(await s60()).not.toBe(pc(oracle.surv[2]!));
  // the mixed pool is still a survival curve: never rising (SVG y grows downwards)
  const ys = await pooledYs();
  for (let i = 1; i < ys.length; i++) expect(ys[i]).toBeGreaterThanOrEqual(ys[i - 1] - 1e-9);
  await expect(page.locator('svg.km-plot text.caption').allTextContents()).resolves.toEqual(
    expect.arrayContaining([expect.stringMatching(/model-based and reconstructed/)]));
});

test('no label is clipped: every text of the survival chart lies inside the SVG, on screen and in the exported SVG and PNG', async () => {
  for (const hash of ['#view=km&modality=resection', '#view=km&modality=resection&extend=1', '#view=km&modality=ssa', '#view=km&modality=transplant']) {
    const page = await open(hash);
    await page.waitForSelector('svg.km-plot g.curve');
    if (hash.endsWith('extend=1')) {
      await page.locator('#km-expected').check();
      await page.waitForSelector('svg.km-plot g.risk-table');
    }
    expect(await clippedTexts(page), hash).toEqual([]);
    // end labels of different curves never share a line of text
    const labels = await page.locator('svg.km-plot g.end-labels text').allTextContents();
    expect(new Set(labels).size, `${hash}: ${labels.join(' | ')}`).toBe(labels.length);
    // the SVG file, which the PNG export draws (serializeSvg), laid out on its own
    const [svgFile] = await Promise.all([page.waitForEvent('download'), page.locator('.export-menu button', { hasText: /^SVG$/ }).click()]);
    const svgText = readFileSync(await svgFile.path(), 'utf8');
    const alone = await open('#view=map');
    await alone.setContent(`<!doctype html><html><body style="margin:0">${svgText.replace(/^<\?xml[^>]*>/, '')}</body></html>`);
    expect(await clippedTexts(alone, 'svg'), `${hash} (exported)`).toEqual([]);
    const size = await page.locator('svg.km-plot').evaluate((s) => [Number(s.getAttribute('width')), Number(s.getAttribute('height'))]);
    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('.export-menu button', { hasText: /PNG/ }).click()]);
    const bytes = readFileSync(await png.path());
    // the framed chart: twice the chart's width, and taller than twice its height by the title and source lines
    expect(bytes.readUInt32BE(16)).toBe(size[0] * 2);
    expect(bytes.readUInt32BE(20)).toBeGreaterThan(size[1] * 2);
  }
});

test('the dialog: "Digitised as" is sent and the style used shown; rows after the curve say "not used"; refused input shows the engine\'s error', async () => {
  const page = await open('#view=km&modality=resection');
  await page.locator('#km-reconstruct').click();
  await page.waitForSelector('dialog.rc-dialog[open]');
  await expect(page.locator('.rc-howto summary').textContent()).resolves.toBe('How to digitise a figure');
  await expect(page.locator('#rc-digitised option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)))
    .resolves.toEqual(['auto', 'steps', 'corners', 'trace']);
  await page.setInputFiles('#rc-curve', CURVE);
  // a risk row at 600, after the last digitised time (553 in the fixture)
  await page.locator('#rc-risk').fill(`${readFileSync(RISK, 'utf8').trim()}\n600,1\n`);
  await page.locator('#rc-digitised').selectOption('corners');
  await page.locator('#rc-run').click();
  await page.waitForSelector('.rc-diagnostics');
  await expect(page.locator('.rc-diagnostics dd[data-field="digitised"]').textContent()).resolves.toBe('corners (as you stated)');
  await expect(page.locator('.rc-risk tbody tr').last().textContent()).resolves.toContain('not used (after the last digitised time)');
  // the same through the CLI's --digitised option
  const cli = execFileSync('node_modules/.bin/tsx', ['src/cli/main.ts', 'reconstruct', '--curve', CURVE, '--risk', RISK, '--digitised', 'corners', '--format', 'csv'], { encoding: 'utf8' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#rc-download').click()]);
  expect(csvRows(readFileSync(await download.path(), 'utf8'))).toEqual(csvRows(cli));
  await page.locator('#rc-digitised').selectOption('auto');
  await page.locator('#rc-run').click();
  await page.waitForFunction(() => /detected/.test(document.querySelector('.rc-diagnostics dd[data-field="digitised"]')?.textContent ?? ''));

  // a risk table of zeros: no patients
  await page.locator('#rc-risk').fill('time,n_risk\n0,0\n100,0\n');
  await page.locator('#rc-run').click();
  await page.waitForSelector('#rc-output .error');
  await expect(page.locator('#rc-output .error').textContent()).resolves.toMatch(/no patients: the number at risk at time 0 is 0/);
  await expect(page.locator('#rc-add').isDisabled()).resolves.toBe(true);
  // a percent curve stated to be a fraction
  await page.locator('#rc-risk').fill(readFileSync(RISK, 'utf8'));
  await page.locator('#rc-scale').selectOption('fraction');
  await page.locator('#rc-run').click();
  await page.waitForFunction(() => /scale is fraction/.test(document.querySelector('#rc-output .error')?.textContent ?? ''));
  await expect(page.locator('#rc-output .error').textContent()).resolves.toMatch(/veteran_arm1_wpd\.csv: survival reaches 100 but the scale is fraction/);
  await expect(page.locator('#rc-add').isDisabled()).resolves.toBe(true);
});

test('p and the arrow keys do nothing while the reconstruct dialog is open: its inputs survive (issue 15)', async () => {
  const page = await open('#view=km&modality=resection');
  await page.locator('#km-reconstruct').click();
  await page.waitForSelector('dialog.rc-dialog[open]');
  await page.locator('#rc-label').fill('My own label');
  await page.locator('#rc-events').fill('42');
  // focus on a button of the dialog (not a text field), then the presentation keys
  await page.locator('#rc-close').focus();
  for (const key of ['p', 'ArrowRight', 'ArrowLeft', 'P']) await page.keyboard.press(key);
  await expect(page.locator('html.presenting').count()).resolves.toBe(0);
  expect(page.url()).toContain('view=km');
  await expect(page.locator('dialog.rc-dialog[open]').count()).resolves.toBe(1);
  await expect(page.locator('#rc-label').inputValue()).resolves.toBe('My own label');
  await expect(page.locator('#rc-events').inputValue()).resolves.toBe('42');
  // typing p into a field types it
  await page.locator('#rc-label').fill('');
  await page.locator('#rc-label').press('p');
  await expect(page.locator('#rc-label').inputValue()).resolves.toBe('p');
  // once the dialog is closed the keys work again
  await page.keyboard.press('Escape');
  await page.waitForSelector('dialog.rc-dialog', { state: 'detached' });
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('p');
  await expect(page.locator('html.presenting').count()).resolves.toBe(1);
  await page.keyboard.press('Escape');
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
