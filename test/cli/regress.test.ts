import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { regressionFixture, type Dataset, type RegressionCase } from '../meta/metaRegressionFixture.ts';
import { close, relError, TOL } from '../meta/tolerances.ts';
import { nelm, root, writeInput } from './runCli.ts';

interface Output {
  k: number;
  measure: string;
  method: string;
  test: string;
  mods: string[];
  coefficients: { name: string; estimate: number; se: number; ci: [number, number]; p: number }[];
  tau2: number;
  I2: number;
  R2: number;
  QM: number;
  QM_df: number;
  QM_p: number;
  QE: number;
  QE_df: number;
  QE_p: number;
  df: number | null;
  permutation_p?: number;
  permutation?: { iterations: number; exact: boolean; seed: number | null; p: number[] };
  excluded: { row: number; study: string; reason: string }[];
  warnings: { code: string; message: string }[];
  caveat: string;
}

const { datasets, cases } = regressionFixture;

/** The data set as a CSV: study,yi,vi (GEN) or study,events,n (PLO), then the moderator columns (NA → empty). */
function csvOf(d: Dataset, mods: readonly string[]): string {
  const data = d.measure === 'PLO' ? ['study', 'events', 'n'] : ['study', 'yi', 'vi'];
  const columns = [...data, ...mods.filter((m) => !data.includes(m))];
  const cell = (x: unknown) => (x === null || x === undefined ? '' : String(x));
  return [columns.join(','), ...d.rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

function caseNamed(name: string): RegressionCase {
  const c = cases.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no fixture case ${name}`);
  return c;
}

function run(...args: string[]): Output {
  const r = nelm('regress', ...args);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Output;
}

/** The printed numbers against metafor's, as [label, actual, expected, tolerance] rows that fail. */
function mismatches(out: Output, c: RegressionCase): string[] {
  const e = c.expected;
  const rows: [string, number, number, number][] = [
    ['tau2', out.tau2, e.tau2, TOL.tau2], ['I2', out.I2, e.I2, TOL.heterogeneity], ['R2', out.R2, e.R2, TOL.heterogeneity],
    ['QM', out.QM, e.QM, TOL.heterogeneity], ['QM_p', out.QM_p, e.QM_p, TOL.pvalue],
    ['QE', out.QE, e.QE, TOL.heterogeneity], ['QE_p', out.QE_p, e.QE_p, TOL.pvalue],
  ];
  e.coefficients.forEach((x, j) => {
    const a = out.coefficients[j];
    rows.push([`${x.name} estimate`, a.estimate, x.estimate, TOL.estimate], [`${x.name} se`, a.se, x.se, TOL.se],
      [`${x.name} ci.lb`, a.ci[0], x.ci[0], TOL.ci], [`${x.name} ci.ub`, a.ci[1], x.ci[1], TOL.ci], [`${x.name} p`, a.p, x.p, TOL.pvalue]);
  });
  return rows.filter(([, a, x, tol]) => !close(a, x, tol)).map(([l, a, x]) => `${l}: ${a} vs ${x} (rel ${relError(a, x).toExponential(2)})`);
}

function expectMatches(out: Output, c: RegressionCase): void {
  expect(out.k).toBe(c.expected.k);
  expect(out.method).toBe(c.method);
  expect(out.test).toBe(c.test);
  expect(out.coefficients.map((x) => x.name)).toEqual(c.expected.coefficients.map((x) => x.name));
  expect(out.QM_df).toBe(c.expected.QM_df);
  expect(out.QE_df).toBe(c.expected.QE_df);
  expect(out.df).toBe(c.expected.df);
  expect(mismatches(out, c)).toEqual([]);
}

// Expected values: metafor rma(mods = ~ ...) via scripts/reference/meta-regression.R → test/fixtures/meta-regression.json.
describe('nelm regress matches metafor', () => {
  test('study,yi,vi with extra columns: --mods ablat --method DL --test z (dat.bcg)', () => {
    const path = writeInput('bcg.csv', csvOf(datasets.bcg, ['ablat', 'year', 'alloc']));
    const out = run('--input', path, '--mods', 'ablat', '--method', 'DL', '--test', 'z');
    expect(out.measure).toBe('GEN');
    expectMatches(out, caseNamed('bcg ablat DL z'));
    expect(out.permutation_p).toBeUndefined();
  });

  test('a continuous and a categorical moderator with the defaults (REML, knha): coefficients in the order given', () => {
    const path = writeInput('bcg2.csv', csvOf(datasets.bcg, ['ablat', 'year', 'alloc']));
    const out = run('--input', path, '--mods', 'ablat,alloc');
    expect(out.mods).toEqual(['ablat', 'alloc']);
    expect(out.coefficients.map((c) => c.name)).toEqual(['intrcpt', 'ablat', 'allocrandom', 'allocsystematic']);
    expectMatches(out, caseNamed('bcg ablat+alloc REML knha'));
  });

  test('study,events,n: PLO by default, a text moderator is categorical (dat.debruin2009)', () => {
    const path = writeInput('debruin.csv', csvOf(datasets.debruin, ['scq', 'ethnicity', 'select']));
    const out = run('--input', path, '--mods', 'ethnicity');
    expect(out.measure).toBe('PLO');
    expectMatches(out, caseNamed('debruin ethnicity REML knha'));
  });

  test('rows with an empty moderator cell leave the model, listed by row', () => {
    const path = writeInput('bcg-missing.csv', csvOf(datasets.bcg_missing, ['ablat']));
    const out = run('--input', path, '--mods', 'ablat');
    expectMatches(out, caseNamed('bcg_missing ablat REML knha'));
    expect(out.excluded).toEqual([
      { row: 4, study: 'Rosenthal et al 1960', reason: 'missing moderator value: ablat' },
      { row: 8, study: 'Vandiviere et al 1973', reason: 'missing moderator value: ablat' },
    ]);
    expect(out.warnings.map((w) => w.code)).toContain('missing_moderator');
  });

  test('the study table: resection 5-year survival against year (--outcome os_5y --modality resection)', () => {
    const out = run('--input', 'public/studies.csv', '--outcome', 'os_5y', '--modality', 'resection', '--mods', 'year');
    expectMatches(out, caseNamed('nelm_resection_os5y year REML knha'));
    expect(out.excluded.map((e) => e.reason)).toEqual(['missing moderator value: year']);
    expect(out.warnings.map((w) => w.code)).toEqual(['km_as_binomial', 'few_studies_per_moderator', 'missing_moderator']);
    expect(out.caveat).toMatch(/ecological fallacy/);
  });

  test('the study table: year and design, and n with DL and z', () => {
    const both = run('--input', 'public/studies.csv', '--outcome', 'os_5y', '--modality', 'resection', '--mods', 'year,design');
    expectMatches(both, caseNamed('nelm_resection_os5y year+design REML knha'));
    const n = run('--input', 'public/studies.csv', '--outcome', 'os_5y', '--modality', 'resection', '--mods', 'n',
      '--method', 'DL', '--test', 'z');
    expectMatches(n, caseNamed('nelm_resection_os5y n DL z'));
  });

  test('the study table: a column added to the table is a moderator, as in a study,events,n file', () => {
    // high-volume centres (by hand): Sarmiento, Mayo and Glazer; the same nine studies as a study,events,n file
    const high = new Set(['s001-0009', 's001-0012', 's001-0014']);
    const lines = readFileSync(join(root, 'public', 'studies.csv'), 'utf8').trimEnd().split('\n');
    const table = [`${lines[0]},volume`, ...lines.slice(1).map((l) => `${l},${high.has(l.slice(0, 9)) ? 'high' : 'low'}`)];
    const fromTable = run('--input', writeInput('studies-volume.csv', `${table.join('\n')}\n`), '--outcome', 'os_5y',
      '--modality', 'resection', '--mods', 'volume');
    const d = datasets.nelm_resection_os5y;
    const csv = ['study,events,n,volume', ...d.rows.map((r) => `${r.study},${r.events},${r.n},${high.has(r.study) ? 'high' : 'low'}`)];
    const fromCsv = run('--input', writeInput('resection-volume.csv', `${csv.join('\n')}\n`), '--mods', 'volume');
    expect(fromTable.k).toBe(9);
    expect(fromTable.coefficients.map((c) => c.name)).toEqual(['intrcpt', 'volumelow']);
    fromTable.coefficients.forEach((c, j) => expect(c.estimate).toBeCloseTo(fromCsv.coefficients[j].estimate, 12));
    expect(fromTable.QM_p).toBeCloseTo(fromCsv.QM_p, 12);
  });

  test('--exclude leaves a cohort out before the regression', () => {
    const all = run('--input', 'public/studies.csv', '--outcome', 'os_5y', '--modality', 'resection', '--mods', 'n');
    const fewer = run('--input', 'public/studies.csv', '--outcome', 'os_5y', '--modality', 'resection', '--mods', 'n',
      '--exclude', 's001-0012');
    expect(fewer.k).toBe(all.k - 1);
  });
});

// Expected values: metafor permutest (exact: all 120 distinct permutations), scripts/reference/meta-regression.R.
describe('nelm regress --permutations', () => {
  test('exact when the distinct permutations are few: equals permutest', () => {
    const c = regressionFixture.permutations.find((x) => x.name === 'permutest debruin10 select DL z')!;
    const path = writeInput('debruin10.csv', csvOf(datasets.debruin10, ['select']));
    const out = run('--input', path, '--mods', 'select', '--method', 'DL', '--test', 'z', '--permutations', '1000');
    expect(out.permutation?.exact).toBe(true);
    expect(out.permutation?.iterations).toBe(120);
    expect(out.permutation_p).toBeCloseTo(c.expected.QM_p, 12);
  });

  test('random permutations: --seed makes the p-value repeat', () => {
    const path = writeInput('bcg3.csv', csvOf(datasets.bcg, ['ablat']));
    const a = run('--input', path, '--mods', 'ablat', '--permutations', '200', '--seed', '5');
    const b = run('--input', path, '--mods', 'ablat', '--permutations', '200', '--seed', '5');
    expect(a.permutation).toEqual({ ...b.permutation, seed: 5 });
    expect(a.permutation?.iterations).toBe(200);
    expect(a.permutation_p).toBe(b.permutation_p);
  });
});

describe('nelm regress: bad input → one stderr line, exit 2', () => {
  const bcgPath = () => writeInput('bcg-bad.csv', csvOf(datasets.bcg, ['ablat', 'year', 'alloc']));

  function fails(args: string[], message: RegExp): void {
    const r = nelm('regress', ...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  }

  test('no --mods', () => fails(['--input', bcgPath()], /^nelm regress: missing option --mods$/m));

  test('a moderator column that does not exist', () => fails(['--input', bcgPath(), '--mods', 'ablat,latitude'],
    /column latitude: not found \(columns: ablat, year, alloc\)$/m));

  test('a constant moderator names it', () => {
    const path = writeInput('const.csv', 'study,yi,vi,dose\nA,0.1,0.02,5\nB,0.3,0.03,5\nC,0.2,0.01,5\nD,0.5,0.04,5\n');
    fails(['--input', path, '--mods', 'dose'], /const\.csv: moderator dose is constant: every study in the model has 5$/m);
  });

  test('collinear moderators name the columns', () => {
    const path = writeInput('collinear.csv',
      'study,yi,vi,year,decade\nA,0.1,0.02,1990,0\nB,0.3,0.03,2000,1\nC,0.2,0.01,2010,2\nD,0.5,0.04,2005,1.5\nE,0.4,0.02,1995,0.5\n');
    fails(['--input', path, '--mods', 'year,decade'], /collinear moderators: year, decade \(column decade is a linear combination of year and the intercept\)$/m);
  });

  test('an invalid row names its row and column', () => {
    const path = writeInput('badvi.csv', 'study,yi,vi,year\nA,0.1,0.02,1990\nB,0.3,-1,2000\nC,0.2,0.01,2010\n');
    fails(['--input', path, '--mods', 'year'], /badvi\.csv: row 3, column vi: .*must be a finite number greater than 0/m);
  });

  test('every moderator cell empty', () => {
    const path = writeInput('empty.csv', 'study,yi,vi,year\nA,0.1,0.02,\nB,0.3,0.03,\nC,0.2,0.01,NA\n');
    fails(['--input', path, '--mods', 'year'], /no study has a value for every moderator$/m);
  });

  test('too few studies for the moderators', () => {
    const path = writeInput('few.csv', 'study,yi,vi,year,n\nA,0.1,0.02,1990,10\nB,0.3,0.03,2000,30\nC,0.2,0.01,2010,20\n');
    fails(['--input', path, '--mods', 'year,n'], /too few studies: 3 studies with every moderator for 3 coefficients/m);
  });

  test('--test adhoc, --method GLMM, --permutations 1 and --seed alone are refused', () => {
    fails(['--input', bcgPath(), '--mods', 'ablat', '--test', 'adhoc'], /invalid --test: adhoc \(one of z, knha\)$/m);
    fails(['--input', bcgPath(), '--mods', 'ablat', '--method', 'GLMM'], /invalid --method: GLMM/m);
    fails(['--input', bcgPath(), '--mods', 'ablat', '--permutations', '1'], /invalid --permutations: 1 \(a whole number, at least 2\)$/m);
    fails(['--input', bcgPath(), '--mods', 'ablat', '--seed', '3'], /option --seed applies with --permutations only$/m);
  });
});
