/**
 * `--exclude` and `--modality` on the analysis commands (issue 11). Expected values: metafor 3.8 rma(PLO, REML, knha)
 * on rows selected by an independent R implementation of the selection rule (scripts/reference/exclusions.R →
 * test/fixtures/exclusions.json).
 */
import { describe, expect, test } from 'vitest';
import fixture from '../fixtures/exclusions.json' with { type: 'json' };
import { close, TOL } from '../meta/tolerances.ts';
import { nelm, writeInput } from './runCli.ts';

interface Fit {
  group?: string; k: number; estimate: number; se: number; ci: number[]; pi: number[]; tau2: number;
  back: { estimate: number; ci: number[] }; studies: { study: string }[];
}

describe('nelm pool --outcome os_5y --by modality --exclude COHORT', () => {
  test.each(fixture.cases.map((c) => [c.name, c] as const))('%s: the subgroup is metafor\'s fit of the same rows', (_name, c) => {
    const args = ['pool', '--input', 'public/studies.csv', '--outcome', 'os_5y', '--by', 'modality'];
    const r = nelm(...args, ...(c.exclude.length ? ['--exclude', c.exclude.join(',')] : []));
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { subgroups: Fit[]; excluded: { row_id: string; reason: string }[] };
    const g = out.subgroups.find((s) => s.group === c.modality)!;
    const e = c.expected;
    expect(g.k).toBe(e.k);
    expect(close(g.estimate, e.estimate, TOL.estimate)).toBe(true);
    expect(close(g.se, e.se, TOL.se)).toBe(true);
    expect(close(g.ci[0], e.ci[0], TOL.ci) && close(g.ci[1], e.ci[1], TOL.ci)).toBe(true);
    expect(close(g.pi[0], e.pi[0], TOL.pi) && close(g.pi[1], e.pi[1], TOL.pi)).toBe(true);
    expect(close(g.tau2, e.tau2, TOL.tau2)).toBe(true);
    expect(close(g.back.estimate, e.back.estimate, TOL.back)).toBe(true);
    // every row of an excluded cohort is listed as excluded by the user
    for (const id of c.exclude) {
      expect(out.excluded.some((x) => x.reason === `excluded by you (cohort ${id})`)).toBe(true);
    }
  });

  test('the acceptance case: resection k = 8 without Mayo 2010', () => {
    const r = nelm('pool', '--input', 'public/studies.csv', '--outcome', 'os_5y', '--by', 'modality', '--exclude', 'mayo_2010');
    const g = (JSON.parse(r.stdout) as { subgroups: Fit[] }).subgroups.find((s) => s.group === 'resection')!;
    expect(g.k).toBe(8);
  });

  test('an old row id stands for its cohort; an unknown id exits 2 naming it', () => {
    const byRow = nelm('pool', '--input', 'public/studies.csv', '--outcome', 'os_5y', '--modality', 'resection', '--exclude', 's001-0056');
    expect((JSON.parse(byRow.stdout) as Fit).k).toBe(8);
    const bad = nelm('pool', '--input', 'public/studies.csv', '--outcome', 'os_5y', '--exclude', 'mayo_2010,nope');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^nelm pool: .*invalid --exclude: nope \(not a cohort_id or row_id of the table\)\n$/);
  });

  test('--modality limits the table to one modality', () => {
    const r = nelm('pool', '--input', 'public/studies.csv', '--outcome', 'os_5y', '--modality', 'resection');
    const fit = JSON.parse(r.stdout) as Fit;
    expect(fit.k).toBe(fixture.cases[0].expected.k);
    expect(close(fit.estimate, fixture.cases[0].expected.estimate, TOL.estimate)).toBe(true);
  });
});

describe('--exclude on uploaded files names row numbers', () => {
  const path = writeInput('ex.csv', 'study,events,n,region\nA,3,20,north\nA,8,25,south\nB,14,31,north\nC,5,12,south\n');
  test('pool --exclude 2 leaves the first "A" out, not both', () => {
    const r = nelm('pool', '--input', path, '--exclude', '2');
    const out = JSON.parse(r.stdout) as Fit & { excluded: { row_id: string }[] };
    expect(out.k).toBe(3);
    expect(out.studies.map((s) => s.study)).toEqual(['A (row 3)', 'B', 'C']);
    expect(out.excluded).toEqual([{ row_id: '2', study: 'A', reason: 'excluded by you (row 2)' }]);
    const bad = nelm('pool', '--input', path, '--exclude', 'A');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/invalid --exclude: A \(not a row number of the file\)/);
  });
  test.each(['leave1out', 'bias', 'sensitivity'])('%s --exclude drops the row before refitting', (cmd) => {
    const r = nelm(cmd, '--input', path, '--exclude', '5');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { rows?: unknown[]; k?: number };
    if (cmd === 'leave1out') expect(out.rows).toHaveLength(3);
    else expect(out.k).toBe(3);
  });
  test('cumulative --exclude keeps the order column of the rows left', () => {
    const r = nelm('cumulative', '--input', path, '--order', 'region', '--exclude', '2');
    // regions of the rows left: A (row 3) south, B north, C south; ties keep the file's order
    expect((JSON.parse(r.stdout) as { rows: { study: string }[] }).rows.map((x) => x.study)).toEqual(['B', 'A (row 3)', 'C']);
  });
});

describe('--by works with GLMM and BAYES', () => {
  const path = writeInput('by.csv', 'study,events,n,region\nA,3,20,north\nB,8,25,south\nC,14,31,north\nD,5,12,south\nE,9,30,north\n');
  test.each(['GLMM', 'BAYES'])('--method %s --by region prints one fit per region', (method) => {
    const r = nelm('pool', '--input', path, '--method', method, '--test', 'z', '--by', 'region');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { overall: Fit; subgroups: Fit[]; Q_between: number | null };
    expect(out.overall.k).toBe(5);
    expect(out.subgroups.map((g) => [g.group, g.k])).toEqual([['north', 3], ['south', 2]]);
    expect(out.Q_between).toBeNull();
  });
});
