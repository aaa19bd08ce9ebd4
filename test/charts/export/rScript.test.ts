import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { rNumber, rScript, rString, rSurvivalScript, type RAnalysis } from '../../../src/charts/export/rScript.ts';
import { readAnalysisInput } from '../../../src/data/readAnalysisInput.ts';
import { analyse, type AnalysisSpec } from '../../../src/analysis/index.ts';
import type { AnalysisInput } from '../../../src/data/types.ts';
import { kaplanMeier } from '../../../src/survival/kaplanMeier.ts';
import type { Measure, Method, Test } from '../../../src/meta/types.ts';

const hasR = spawnSync('Rscript', ['--version']).status === 0;
if (!hasR) console.warn('Rscript not found: the tests that run the generated R scripts are skipped');

/** Tolerance of the estimate, as the brief asks: the script's printed estimate equals the engine's to 1e-6. */
const TOL = 1e-6;
/** Rscript takes seconds to load metafor on a busy machine. */
const R_TIMEOUT = 60_000;

function runR(script: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'nelm-rscript-'));
  const file = join(dir, 'analysis.R');
  writeFileSync(file, script);
  const r = spawnSync('Rscript', [file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`Rscript failed: ${r.stderr}`);
  return r.stdout;
}

function printed(out: string, label: string, key: string): number[] {
  const line = out.split('\n').find((l) => l.startsWith(`${label}: ${key} = `));
  if (!line) throw new Error(`no "${label}: ${key}" in R output:\n${out}`);
  return line.slice(`${label}: ${key} = `.length).split(' ').map(Number);
}

// the data: 6 series of 5-year survival, one with 0 events (continuity correction), one with n events, two regions
const rows = [
  ['Mayo 2010', 251, 339, 'US'], ['Sarmiento 2003', 104, 170, 'US'], ['Glazer 2010', 112, 172, 'US'],
  ['Frilling 2009', 0, 14, 'EU'], ['Mazzaglia 2007', 38, 63, 'US'], ['Touzios 2005', 19, 19, 'EU'],
] as const;
const csv = `study,events,n,region\n${rows.map((r) => r.join(',')).join('\n')}\n`;

function analysis(measure: Exclude<Measure, 'GEN'>, method: Method, testName: Test, grouped: boolean): RAnalysis {
  return {
    measure, method, test: testName,
    studies: rows.map(([study, events, n, region]) => ({ study, events, n, ...(grouped ? { group: region } : {}) })),
  };
}

const pooled = (input: AnalysisInput, spec: AnalysisSpec) => analyse(input, spec).pooled!;

describe('rScript(analysis)', () => {
  test('writes the data inline and passes measure, method, test and the continuity correction to metafor', () => {
    const script = rScript(analysis('PLO', 'REML', 'knha', false));
    expect(script).toContain('  study = c("Mayo 2010", "Sarmiento 2003", "Glazer 2010", "Frilling 2009", "Mazzaglia 2007", "Touzios 2005")');
    expect(script).toContain('  xi = c(251, 104, 112, 0, 38, 19)');
    expect(script).toContain('dat <- escalc(measure = "PLO", xi = xi, ni = ni, data = dat, add = 1/2, to = "only0")');
    expect(script).toContain('res <- rma(yi, vi, data = dat, method = "REML", test = "knha", control = ctl)');
    expect(script).toContain('sprintf("%s: estimate = %.10f\\n"');
    expect(rScript(analysis('PFT', 'DL', 'adhoc', false))).toContain('add = 0, to = "only0"');
    expect(rScript(analysis('PFT', 'DL', 'adhoc', false))).toContain('test = "adhoc"');
  });

  test('rString / rNumber write R literals that read back exactly', () => {
    expect(rString('O\'Brien "B" \\ x\ny')).toBe('"O\'Brien \\"B\\" \\\\ x\\u000ay"');
    expect(rNumber(0.1)).toBe('0.1');
    expect(rNumber(-1.2345678901234567e-8)).toBe('-1.2345678901234567e-8');
    expect(rNumber(Number.NaN)).toBe('NA_real_');
  });

  const cases: readonly [Exclude<Measure, 'GEN'>, Method, Test][] = [
    ['PLO', 'REML', 'knha'], ['PLO', 'DL', 'z'], ['PFT', 'DL', 'adhoc'], ['PAS', 'PM', 'z'], ['PR', 'FE', 'z'], ['PLO', 'SJ', 'adhoc'],
  ];
  test.skipIf(!hasR).each(cases)('the script for %s/%s/%s prints the same estimate, se, ci and tau2 as analyse() (Rscript)', (measure, method, testName) => {
    const out = runR(rScript(analysis(measure, method, testName, false)));
    const engine = pooled(readAnalysisInput(csv), { measure, method, test: testName }).overall;
    expect(Math.abs(printed(out, 'overall', 'estimate')[0] - engine.estimate)).toBeLessThan(TOL);
    expect(Math.abs(printed(out, 'overall', 'se')[0] - engine.se)).toBeLessThan(TOL);
    const [lb, ub] = printed(out, 'overall', 'ci');
    expect(Math.abs(lb - engine.ci[0])).toBeLessThan(TOL);
    expect(Math.abs(ub - engine.ci[1])).toBeLessThan(TOL);
    expect(Math.abs(printed(out, 'overall', 'tau2')[0] - engine.tau2)).toBeLessThan(TOL);
  }, R_TIMEOUT);

  test.skipIf(!hasR)('with groups, prints one estimate per subgroup equal to analyse(…, {by}) (Rscript)', () => {
    const out = runR(rScript(analysis('PLO', 'REML', 'z', true)));
    const engine = pooled(readAnalysisInput(csv), { measure: 'PLO', method: 'REML', test: 'z', by: 'region' });
    expect(Math.abs(printed(out, 'overall', 'estimate')[0] - engine.overall.estimate)).toBeLessThan(TOL);
    for (const g of engine.groups) {
      expect(Math.abs(printed(out, `group ${g.group}`, 'estimate')[0] - g.estimate), g.group ?? '').toBeLessThan(TOL);
    }
  }, R_TIMEOUT);

  test.skipIf(!hasR)('generic yi, vi input: the script prints the same estimate as analyse() (Rscript)', () => {
    const gen = [['A', -0.31, 0.04], ['B', 0.12, 0.02], ['C', -0.05, 0.09], ['D', 0.4, 0.05]] as const;
    const out = runR(rScript({ measure: 'GEN', method: 'REML', test: 'knha', studies: gen.map(([study, yi, vi]) => ({ study, yi, vi })) }));
    const engine = pooled(readAnalysisInput(`study,yi,vi\n${gen.map((r) => r.join(',')).join('\n')}\n`), { method: 'REML', test: 'knha' }).overall;
    expect(Math.abs(printed(out, 'overall', 'estimate')[0] - engine.estimate)).toBeLessThan(TOL);
  }, R_TIMEOUT);
});

describe('rSurvivalScript(analysis)', () => {
  // 12 patients given by hand, months; event 1 = death
  const ipd = [
    [2, 1], [3, 0], [5, 1], [7, 1], [8, 0], [11, 1], [13, 1], [14, 0], [18, 1], [22, 0], [26, 1], [30, 0],
  ] as const;

  test('writes the IPD inline and fits survfit with the given CI type', () => {
    const script = rSurvivalScript({ ipd: ipd.map(([time, event]) => ({ time, event: event as 0 | 1 })), times: [12] });
    expect(script).toContain('  time = c(2, 3, 5, 7, 8, 11, 13, 14, 18, 22, 26, 30)');
    expect(script).toContain('fit <- survfit(Surv(time, event) ~ 1, data = ipd, conf.type = "log")');
  });

  test.skipIf(!hasR)('prints the same median and S(12) as kaplanMeier() (Rscript)', () => {
    const data = { time: ipd.map(([t]) => t), event: ipd.map(([, e]) => e as 0 | 1) };
    const patients = ipd.map(([time, event]) => ({ time, event: event as 0 | 1 }));
    const out = runR(rSurvivalScript({ ipd: patients, times: [12] }));
    const km = kaplanMeier(data);
    expect(km.median).not.toBeNull();
    expect(Math.abs(printed(out, 'all', 'median')[0] - (km.median as number))).toBeLessThan(TOL);
    // S(12) is the KM estimate after the last event at or before 12 months (event at 11)
    const i = km.times.filter((t) => t <= 12).length - 1;
    expect(Math.abs(printed(out, 'all', 'S(12)')[0] - km.surv[i])).toBeLessThan(TOL);
  }, R_TIMEOUT);
});
