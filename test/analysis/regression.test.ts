/**
 * regressionOf / analyseRegression: the included rows of an Analysis joined to their moderators (study-table fields,
 * the moderator table by cohort_id, columns of an upload) and fitted as metafor's rma(yi, vi, mods = ~ m).
 * Expected values: metafor 3.8 via scripts/reference/moderator-table.R → test/fixtures/moderator-table.json (the
 * nine resection os_5y rows joined to public/moderators.csv in R by cohort_id), and by-hand inputs where said.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyse } from '../../src/analysis/analyse.ts';
import {
  analyseRegression, moderatorCoverage, permutationOf, regressionLevels, regressionLine, regressionOf,
} from '../../src/analysis/regression.ts';
import { readAnalysisInput } from '../../src/data/readAnalysisInput.ts';
import { readModerators, type ModeratorRecord } from '../../src/data/readModerators.ts';
import { readStudies } from '../../src/data/readStudies.ts';
import type { AnalysisInput } from '../../src/data/types.ts';
import { PoolInputError } from '../../src/meta/poolInputError.ts';
import { close, relError, TOL } from '../meta/tolerances.ts';

interface Case {
  moderator: string;
  method: 'REML' | 'DL';
  test: 'knha' | 'z';
  values: (number | null)[];
  expected: {
    k: number; estimate: number[]; se: number[]; ci_lb: number[]; ci_ub: number[]; p: number[]; tau2: number;
    QM: number; QM_p: number; QE: number; QE_p: number; I2: number; R2: number | null;
    line: { x: number[]; pred: number[]; ci_lb: number[]; ci_ub: number[] };
  };
}
const fixture = JSON.parse(readFileSync('test/fixtures/moderator-table.json', 'utf8')) as {
  rows: { row_id: string; cohort_id: string }[];
  cases: Case[];
};
const studies: AnalysisInput = (() => {
  const { records, problems } = readStudies(readFileSync('public/studies.csv', 'utf8'));
  return { kind: 'studies', records, problems };
})();
const moderators: readonly ModeratorRecord[] = readModerators(readFileSync('public/moderators.csv', 'utf8')).records;
const spec = { outcome: 'os_5y', modality: 'resection', method: 'REML', test: 'knha' } as const;

type Numbers = Record<string, number>;

function mismatches(actual: Numbers, expected: Numbers, tol: Numbers): string[] {
  return Object.keys(expected).filter((k) => !close(actual[k], expected[k], tol[k]))
    .map((k) => `${k}: ${actual[k]} vs ${expected[k]} (rel ${relError(actual[k], expected[k]).toExponential(2)})`);
}

describe('regressionOf(analysis, {mods}, sources): the moderator table joined by cohort_id', () => {
  test.each(fixture.cases)('$moderator $method $test matches metafor rma(mods = ~ m)', (c) => {
    const request = { mods: [c.moderator], method: c.method, test: c.test };
    const ra = analyseRegression(studies, spec, request, { moderators });
    // the same rows, in the same order, with the values R joined
    expect(ra.rows.map((r) => r.key)).toEqual(fixture.rows.map((r) => r.row_id));
    expect(ra.rows.map((r) => r.values[0])).toEqual(c.values);
    expect(ra.origins).toEqual([c.moderator === 'year' ? 'study table' : 'moderator table']);
    const r = ra.result;
    const e = c.expected;
    expect(r.k).toBe(e.k);
    const failures: string[] = [];
    r.coefficients.forEach((x, j) => failures.push(...mismatches(
      { estimate: x.estimate, se: x.se, ci_lb: x.ci[0], ci_ub: x.ci[1], p: x.p },
      { estimate: e.estimate[j], se: e.se[j], ci_lb: e.ci_lb[j], ci_ub: e.ci_ub[j], p: e.p[j] },
      { estimate: TOL.estimate, se: TOL.se, ci_lb: TOL.ci, ci_ub: TOL.ci, p: TOL.pvalue },
    ).map((m) => `${x.name} ${m}`)));
    failures.push(...mismatches({ tau2: r.tau2, QM: r.QM, QM_p: r.QM_p, QE: r.QE, QE_p: r.QE_p },
      { tau2: e.tau2, QM: e.QM, QM_p: e.QM_p, QE: e.QE, QE_p: e.QE_p },
      { tau2: TOL.tau2, QM: TOL.heterogeneity, QM_p: TOL.pvalue, QE: TOL.heterogeneity, QE_p: TOL.pvalue }));
    // the bubble plot's line at the ends of the range, back-transformed (predict(..., transf = transf.ilogit))
    const line = regressionLine(ra, c.moderator, 2);
    line.forEach((p, i) => failures.push(...mismatches(
      { x: p.x, pred: p.display.estimate, lb: p.display.ci[0], ub: p.display.ci[1] },
      { x: e.line.x[i], pred: e.line.pred[i], lb: e.line.ci_lb[i], ub: e.line.ci_ub[i] },
      { x: 0, pred: TOL.back, lb: TOL.back, ub: TOL.back },
    ).map((m) => `line ${i} ${m}`)));
    expect(failures).toEqual([]);
  });

  test('rows without a value leave the model with the reason; excluding a cohort removes its row first', () => {
    const ra = analyseRegression(studies, spec, { mods: ['rfa_combined_pct'] }, { moderators });
    expect(ra.excluded.map((e) => e.key)).toEqual(['s000-0011', 's001-0009', 's001-0050', 's001-0052']);
    expect(new Set(ra.excluded.map((e) => e.reason))).toEqual(new Set(['missing moderator value: rfa_combined_pct']));
    expect(ra.warnings.map((w) => w.code)).toEqual(['km_as_binomial', 'few_studies_per_moderator', 'missing_moderator']);
    expect(ra.caveat).toMatch(/ecological fallacy/);
    // provenance travels with each value: Mayo 2010's 20% is quoted from Table 2
    const mayo = ra.rows.find((r) => r.unit === 'mayo_2010')!;
    expect(mayo.provenance[0]?.section).toBe('Table 2');
    const fewer = analyseRegression(studies, { ...spec, exclude: ['mayo_2010'] }, { mods: ['rfa_combined_pct'] }, { moderators });
    expect(fewer.result.k).toBe(ra.result.k - 1);
  });

  test('the same Analysis object as the views: regressionOf reads its included rows', () => {
    const a = analyse(studies, { ...spec, by: 'modality', exclude: ['glazer_2010'] });
    const ra = regressionOf(a, { mods: ['year'] }, { input: studies });
    expect(ra.rows.map((r) => r.key)).toEqual(a.rows.filter((r) => r.status === 'included').map((r) => r.key));
    expect(ra.rows.some((r) => r.unit === 'glazer_2010')).toBe(false);
  });

  test('a moderator no source has is an error naming it; without the moderator table its names are unknown', () => {
    expect(() => analyseRegression(studies, spec, { mods: ['tumour_size'] }, { moderators }))
      .toThrow(new PoolInputError('column tumour_size: not found (a study-table column or a moderator of the moderator table)'));
    expect(() => analyseRegression(studies, spec, { mods: ['rfa_combined_pct'] }))
      .toThrow(new PoolInputError('column rfa_combined_pct: not found (a study-table column)'));
  });

  test('a moderator reported for one study only is constant in the model (an error, not a fit)', () => {
    expect(() => analyseRegression(studies, spec, { mods: ['carcinoid_pct'] }, { moderators }))
      .toThrow(/moderator carcinoid_pct is constant: every study in the model has 53/);
  });

  test('moderatorCoverage counts the included studies with a value (names nobody has are left out)', () => {
    const a = analyse(studies, spec);
    expect(moderatorCoverage(a, ['year', 'rfa_combined_pct', 'carcinoid_pct', 'nothing'], { input: studies, moderators }))
      .toEqual([
        { name: 'year', origin: 'study table', present: 8, distinct: 5 },
        { name: 'rfa_combined_pct', origin: 'moderator table', present: 5, distinct: 5 },
        { name: 'carcinoid_pct', origin: 'moderator table', present: 1, distinct: 1 },
      ]);
  });
});

describe('regressionOf on an upload (study,events,n with extra columns)', () => {
  // by hand: four studies, a categorical column with two levels
  const input = readAnalysisInput('study,events,n,region\nA,10,40,north\nB,20,50,south\nC,15,60,north\nD,30,70,south\nE,12,30,south\n');

  test('a text column is categorical: a prediction per level, no line; the permutation test is exact when few', () => {
    const ra = analyseRegression(input, { method: 'REML', test: 'knha' }, { mods: ['region'], test: 'z', method: 'DL' });
    expect(ra.result.coefficients.map((c) => c.name)).toEqual(['intrcpt', 'regionsouth']);
    expect(regressionLine(ra, 'region')).toEqual([]);
    const levels = regressionLevels(ra, 'region');
    expect(levels.map((l) => l.level)).toEqual(['north', 'south']);
    // the reference level's prediction is the intercept; the other adds its dummy's coefficient
    expect(levels[0].pred).toBeCloseTo(ra.result.coefficients[0].estimate, 12);
    expect(levels[1].pred).toBeCloseTo(ra.result.coefficients[0].estimate + ra.result.coefficients[1].estimate, 12);
    expect(levels[0].display.estimate).toBeCloseTo(1 / (1 + Math.exp(-levels[0].pred)), 12);
    // 5!/(2!3!) = 10 distinct arrangements of the design rows: all enumerated
    const p = permutationOf(ra, 1000);
    expect(p.exact).toBe(true);
    expect(p.iterations).toBe(10);
  });
});
