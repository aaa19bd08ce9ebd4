/**
 * `nelm medians` against the R reference (scripts/reference/pooled-median.R → test/fixtures/pooled-median.json: base R
 * from McGrath et al. 2019's definitions), through the CLI on files written from each fixture case, to 1e-9; the
 * study table's selection (means, trial arms, once per cohort, subgroups, exclusions) and bad input (exit 2).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { relError } from '../meta/tolerances.ts';
import { studyCsv } from '../data/studyCsv.ts';
import { nelm, writeInput } from './runCli.ts';

interface Expected {
  readonly estimate: number | null;
  readonly ci: [number, number] | null;
  readonly k: number;
}
interface Case {
  readonly name: string;
  readonly level: number;
  readonly studies: readonly { median: number; n: number | null }[];
  readonly median_of_medians: Expected;
  readonly weighted_median_of_medians: Expected;
}
interface Group {
  group: string | null;
  k: number;
  n: number | null;
  method: string;
  estimate: number | null;
  ci: [number, number] | null;
  studies: { study: string; median: number; n: number | null }[];
  warnings: { code: string; message: string }[];
}
interface Out {
  outcome?: string;
  level: number;
  groups: Group[];
  excluded: { row_id: string; study: string; reason: string }[];
}

const fixture = JSON.parse(readFileSync('test/fixtures/pooled-median.json', 'utf8')) as { cases: Case[] };
const TOL = 1e-9;

function err(actual: number | null, expected: number | null): number {
  if (actual === null || expected === null) return actual === expected ? 0 : Infinity;
  return relError(actual, expected);
}

/** The largest relative error of estimate and CI bounds against the R value (Infinity when one is null, the other not). */
function maxError(g: Group, e: Expected): number {
  const [lo, hi] = [g.ci?.[0] ?? null, g.ci?.[1] ?? null];
  return Math.max(err(g.estimate, e.estimate), err(lo, e.ci?.[0] ?? null), err(hi, e.ci?.[1] ?? null));
}

function run(...args: string[]): Out {
  const r = nelm('medians', ...args);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Out;
}

describe('nelm medians --input study,median,n matches the R reference to 1e-9 on every fixture case', () => {
  const cases = fixture.cases.filter((c) => c.studies.length > 0);
  test('the fixture has k = 1, 2, ties and rows without n', () => {
    expect(cases.map((c) => c.studies.length)).toEqual(expect.arrayContaining([1, 2, 5, 6, 15, 40]));
    expect(cases.some((c) => c.name.includes('ties'))).toBe(true);
    expect(cases.some((c) => c.studies.some((s) => s.n === null))).toBe(true);
  });
  for (const [i, c] of cases.entries()) {
    test(`${c.name} (level ${c.level})`, () => {
      const csv = `study,median,n\n${c.studies.map((s, j) => `s${j + 1},${s.median},${s.n ?? ''}`).join('\n')}\n`;
      const out = run('--input', writeInput(`case${i}.csv`, csv), '--level', String(c.level));
      expect(out.level).toBe(c.level);
      expect(out.groups.map((g) => g.method)).toEqual(['median_of_medians', 'weighted_median_of_medians']);
      let worst = 0;
      for (const g of out.groups) {
        const e = c[g.method as 'median_of_medians' | 'weighted_median_of_medians'];
        expect(g.group).toBeNull();
        expect(g.k).toBe(e.k);
        expect(g.studies).toHaveLength(e.k);
        expect(g.ci === null).toBe(e.ci === null);
        if (e.ci === null && e.k > 0) expect(g.warnings.map((w) => w.code)).toContain('k_too_small_for_ci');
        worst = Math.max(worst, maxError(g, e));
      }
      expect(worst).toBeLessThanOrEqual(TOL);
    });
  }

  test('the same studies as a study table (one cohort each) give the same pooled medians', () => {
    const c = cases.find((x) => x.name === 'rows without n')!;
    const csv = studyCsv(c.studies.map((s, j) => ({
      cohort_id: `c${j}`, study: `Series ${j}`, outcome: 'os_median_months', value: String(s.median), n: s.n === null ? '' : String(s.n),
      time_months: '',
    })));
    const out = run('--input', writeInput('table.csv', csv), '--outcome', 'os_median_months');
    expect(out.outcome).toBe('os_median_months');
    for (const g of out.groups) {
      const e = c[g.method as 'median_of_medians' | 'weighted_median_of_medians'];
      expect(g.k).toBe(e.k);
      expect(maxError(g, e)).toBeLessThanOrEqual(TOL);
    }
  });
});

describe('nelm medians on the study table: selection', () => {
  // hand-made: two resection series, one with a subgroup row; a mean; a trial's two arms; a y90 series
  const csv = studyCsv([
    { cohort_id: 'a', study: 'A 2001', outcome: 'os_median_months', value: '60', n: '100', time_months: '' },
    { cohort_id: 'a', study: 'A 2001', arm: 'repeat operation', outcome: 'os_median_months', value: '40', n: '20', time_months: '' },
    { cohort_id: 'b', study: 'B 2002', arm: 'high grade', outcome: 'os_median_months', value: '6', n: '7', time_months: '', note: 'high-grade subgroup (7 of 70)' },
    { cohort_id: 'b', study: 'B 2002', outcome: 'os_5y', value: '61', n: '70' },
    { cohort_id: 'c', study: 'C 2003', outcome: 'os_mean_months', value: '47', n: '63', time_months: '' },
    { cohort_id: 'd', study: 'D 2004', outcome: 'os_median_months', value: '30', n: '50', time_months: '', note: 'mean not median as printed' },
    { cohort_id: 't', study: 'T 2009', modality: 'ssa', arm: 'octreotide', design: 'rct', outcome: 'os_median_months', value: '51', n: '', time_months: '' },
    { cohort_id: 't', study: 'T 2009', modality: 'placebo', arm: 'placebo', design: 'rct', outcome: 'os_median_months', value: '35', n: '', time_months: '' },
    { cohort_id: 'y', study: 'Y 2010', modality: 'y90', outcome: 'os_median_months', value: '70', n: '148', time_months: '' },
  ]);
  const path = writeInput('selection.csv', csv);

  test('--by modality: one group per modality, the cohort once, means and trial arms left out with their reason', () => {
    const out = run('--input', path, '--by', 'modality');
    const mm = out.groups.filter((g) => g.method === 'median_of_medians');
    expect(mm.map((g) => g.group)).toEqual(['resection', 'y90']);
    // resection: A (60, the whole cohort, not its repeat-operation subgroup) and B's subgroup (6): median of 60 and 6
    expect(mm[0].studies).toEqual([{ study: 'A 2001', median: 60, n: 100 }, { study: 'B 2002 (high grade)', median: 6, n: 7 }]);
    expect(mm[0].estimate).toBe(33);
    expect(mm[0].n).toBe(107);
    expect(mm[0].warnings.map((w) => w.code)).toEqual(['k_too_small_for_ci', 'subgroup_rows']);
    const reason = (id: string) => out.excluded.find((x) => x.row_id === id)?.reason;
    expect(reason('r2')).toMatch(/^counted once per cohort \(arm or subgroup of cohort a\): r1 \(A 2001\) is pooled/);
    expect(reason('r5')).toMatch(/mean, not a median/);
    expect(reason('r6')).toMatch(/mean, not a median/);
    expect(reason('r7')).toMatch(/arm of a randomised trial/);
    expect(reason('r8')).toMatch(/arm of a randomised trial/);
  });

  test('--modality, --exclude (cohort id) and the default outcome', () => {
    const out = run('--input', path, '--modality', 'resection', '--exclude', 'b');
    expect(out.outcome).toBe('os_median_months');
    expect(out.groups[0].studies.map((s) => s.study)).toEqual(['A 2001']);
    expect(out.excluded.find((x) => x.row_id === 'r3')?.reason).toBe('excluded by you (cohort b)');
  });
});

describe('nelm medians: bad input exits 2 with one line', () => {
  const bad = (args: string[], pattern: RegExp) => {
    const r = nelm('medians', ...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  };
  test('a bad cell names its row and column', () => {
    bad(['--input', writeInput('bad1.csv', 'study,median,n\nA,35,48\nB,abc,20\n')], /row 3, column median: invalid median: "abc"/);
    bad(['--input', writeInput('bad2.csv', 'study,median,n\nA,35,2.5\n')], /row 2, column n: invalid n: "2.5"/);
    bad(['--input', writeInput('bad3.csv', 'study,median,n\nA,-4,10\n')], /row 2, column median/);
    bad(['--input', writeInput('bad4.csv', studyCsv([{ outcome: 'os_median_months', value: 'x', time_months: '' }]))], /row 2, column value/);
  });
  test('wrong options and files', () => {
    const ok = writeInput('ok.csv', 'study,median,n\nA,35,48\n');
    bad(['--input', 'public/studies.csv', '--outcome', 'os_5y'], /invalid --outcome: os_5y/);
    bad(['--input', ok, '--level', '2'], /invalid --level/);
    bad(['--input', ok, '--exclude', '9'], /invalid --exclude: 9/);
    bad(['--input', ok, '--modality', 'y90'], /--modality applies to the study table only/);
    bad(['--input', ok, '--method', 'REML'], /does? not apply/);
    bad(['--input', writeInput('props.csv', 'study,events,n\nA,3,10\n')], /needs study,median,n or the study table/);
    bad(['--input', writeInput('empty.csv', 'study,median,n\n')], /no rows/);
    bad(['--input', 'public/studies.csv', '--modality', 'placebo'], /no poolable rows/);
  });
});

test('nelm medians --input public/studies.csv --by modality: the bundled table', () => {
  const out = run('--input', 'public/studies.csv', '--by', 'modality');
  const resection = out.groups.find((g) => g.group === 'resection' && g.method === 'median_of_medians')!;
  // seed rows: s000-0012 (6, high-grade subgroup), s001-0011 (125, Mayo 2010), s001-0072 (84.0, Mayo 2011 surgery)
  expect(resection.studies.map((s) => s.median).sort((a, b) => a - b)).toEqual([6, 84, 125]);
  expect(resection.estimate).toBe(84);
  expect(resection.warnings.find((w) => w.code === 'subgroup_rows')?.message).toContain('(high grade)');
  const means = out.excluded.filter((x) => /mean, not a median/.test(x.reason)).map((x) => x.row_id);
  expect(means).toEqual(['s000-0026', 's000-0044']);
});
