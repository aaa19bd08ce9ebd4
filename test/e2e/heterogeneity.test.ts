/**
 * The heterogeneity view in Chromium (issue 17): the bubble plot of resection 5-year survival against year draws one
 * bubble per study in the model and the fitted line with its CI band; the coefficients, QM p, τ², QE and k shown
 * equal `nelm regress --input public/studies.csv --outcome os_5y --modality resection --mods year` (the CLI, run
 * here as a child process); the permutation p on request equals `--permutations 1000`; excluding Mayo 2010
 * (ex=mayo_2010) changes k by one, as `--exclude mayo_2010` does; axe finds no serious or critical violation, light
 * and dark.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { nelm } from '../cli/runCli.ts';
import { explorerSession } from './browser.ts';

interface Regress {
  k: number;
  coefficients: { name: string; estimate: number; se: number; ci: [number, number]; p: number }[];
  tau2: number;
  I2: number;
  R2: number;
  QM_p: number;
  QE: number;
  QE_p: number;
  permutation_p?: number;
  excluded: { row: number; study: string; reason: string }[];
}

function regress(...extra: string[]): Regress {
  const r = nelm('regress', '--input', 'public/studies.csv', '--outcome', 'os_5y', '--modality', 'resection', '--mods', 'year', ...extra);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Regress;
}

/** Same engine on both sides (Node and Chromium): equal up to the last bits of a transcendental function. */
function expectSame(actual: number, expected: number, what: string): void {
  const scale = Math.max(Math.abs(expected), 1e-300);
  expect(Math.abs(actual - expected) / scale, `${what}: ${actual} vs ${expected}`).toBeLessThan(1e-12);
}

const { open } = explorerSession();
const VIEW = '#view=heterogeneity&outcome=os_5y&modality=resection&mod=year';

async function shown(page: Page) {
  await page.waitForSelector('svg.het-bubble circle.study');
  const tests = Object.fromEntries(await page.locator('.het-tests [data-test]').evaluateAll((items) =>
    items.map((i) => [i.getAttribute('data-test'), Number(i.getAttribute('data-value'))])));
  const coefficients = await page.locator('table.coefficients tbody tr').evaluateAll((rows) => rows.map((r) => ({
    name: r.getAttribute('data-name'),
    values: [...r.querySelectorAll('td[data-value]')].map((td) => Number(td.getAttribute('data-value'))),
    ci: [Number(r.querySelector('td[data-lb]')!.getAttribute('data-lb')), Number(r.querySelector('td[data-ub]')!.getAttribute('data-ub'))],
  })));
  return {
    bubbles: await page.locator('svg.het-bubble circle.study').count(),
    lines: await page.locator('svg.het-bubble path.fit').count(),
    bands: await page.locator('svg.het-bubble path.ci-band').count(),
    tests: tests as Record<string, number>,
    coefficients,
  };
}

test('resection 5-year survival against year: one bubble per study, the line, and nelm regress\'s numbers', async () => {
  const cli = regress();
  expect(cli.k).toBe(8);
  const page = await open(VIEW);
  const s = await shown(page);
  expect(s.bubbles).toBe(cli.k);
  expect(s.lines).toBe(1);
  expect(s.bands).toBe(1);
  expect(s.tests.k).toBe(cli.k);
  expect(s.coefficients.map((c) => c.name)).toEqual(cli.coefficients.map((c) => c.name));
  cli.coefficients.forEach((c, j) => {
    const [estimate, se, , p] = s.coefficients[j].values;
    expectSame(estimate, c.estimate, `${c.name} estimate`);
    expectSame(se, c.se, `${c.name} se`);
    expectSame(p, c.p, `${c.name} p`);
    expectSame(s.coefficients[j].ci[0], c.ci[0], `${c.name} ci.lb`);
    expectSame(s.coefficients[j].ci[1], c.ci[1], `${c.name} ci.ub`);
  });
  expectSame(s.tests.QM, cli.QM_p, 'QM p');
  expect(s.tests.tau2).toBe(cli.tau2);
  expectSame(s.tests.QE, cli.QE_p, 'QE p');
  expect(s.tests.I2).toBe(cli.I2);
  expect(s.tests.R2).toBe(cli.R2);
  // the study the CLI leaves out (no year) is listed with its reason; the caveat and the k < 10 warning stand beside the plot
  await expect(page.locator('.het-left-out li').allTextContents()).resolves.toEqual(
    cli.excluded.map((e) => `${e.study}: ${e.reason}`));
  await expect(page.locator('.het-aside #het-caveat').textContent()).resolves.toMatch(/ecological fallacy/);
  await expect(page.locator('.het-warnings li[data-code="few_studies_per_moderator"]').count()).resolves.toBe(1);
  // the y axis is in percent: the bubbles' titles show each study's 5-year survival as a percentage
  await expect(page.locator('svg.het-bubble circle.study title').first().textContent()).resolves.toMatch(/\d+\.\d%/);

  // the permutation test on request equals --permutations 1000 (seed 1)
  const perm = regress('--permutations', '1000');
  await page.locator('#het-permute').click();
  await page.waitForSelector('.permutation-result[data-value]');
  const p = Number(await page.locator('.permutation-result').getAttribute('data-value'));
  expect(p).toBe(perm.permutation_p);
});

test('excluding Mayo 2010 (ex=mayo_2010) changes k by one, as nelm regress --exclude mayo_2010', async () => {
  const all = regress();
  const cli = regress('--exclude', 'mayo_2010');
  expect(cli.k).toBe(all.k - 1);
  const page = await open(`${VIEW}&ex=mayo_2010`);
  const s = await shown(page);
  expect(s.tests.k).toBe(all.k - 1);
  expect(s.bubbles).toBe(all.k - 1);
  cli.coefficients.forEach((c, j) => expectSame(s.coefficients[j].values[0], c.estimate, `${c.name} estimate`));
  expectSame(s.tests.QM, cli.QM_p, 'QM p');
  await expect(page.locator('svg.het-bubble circle.study title', { hasText: 'Mayo 2010' }).count()).resolves.toBe(0);
});

test('choosing a moderator of the moderator table fits it (Resection combined with RFA, from Table 2 of seed 001)', async () => {
  const page = await open(VIEW);
  await page.waitForSelector('svg.het-bubble circle.study');
  await page.locator('#ctl-moderator').selectOption('rfa_combined_pct');
  await page.waitForFunction(() => location.hash.includes('mod=rfa_combined_pct'));
  const r = nelm('regress', '--input', 'public/studies.csv', '--outcome', 'os_5y', '--modality', 'resection', '--mods', 'rfa_combined_pct');
  expect(r.status).toBe(0);
  const cli = JSON.parse(r.stdout) as Regress;
  const s = await shown(page);
  expect(s.bubbles).toBe(cli.k);
  expectSame(s.coefficients[1].values[0], cli.coefficients[1].estimate, 'slope');
  await expect(page.locator('details.table-alt summary', { hasText: 'Provenance' }).count()).resolves.toBe(1);
});

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
for (const scheme of ['light', 'dark'] as const) {
  test(`the heterogeneity view has no serious or critical axe violations (${scheme})`, async () => {
    const page = await open(VIEW);
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForSelector('svg.het-bubble circle.study');
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      type Result = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<Result> } }).axe;
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
  });
}
