import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  analyse, estimateChanged, estimateDiff, groupEstimates, sofEstimates, summaryOfFindings, type PooledEstimate,
} from '../../src/analysis/index.ts';
import { mergeStudyTables } from '../../src/data/mergeStudyTables.ts';
import { readStudies } from '../../src/data/readStudies.ts';
import type { StudyRecord } from '../../src/data/types.ts';

const studies = (records: readonly StudyRecord[]) => ({ kind: 'studies' as const, records, problems: [] });
const bundledText = readFileSync('public/studies.csv', 'utf8');
const addedText = readFileSync('test/fixtures/living-review/added.csv', 'utf8');
const bundled = readStudies(bundledText).records;
const merged = mergeStudyTables(bundled, addedText).records;
// the concatenated file, built by hand: the bundled file, then the added file's data lines
const concatenated = readStudies(bundledText + addedText.slice(addedText.indexOf('\n') + 1));
const OS5 = { outcome: 'os_5y', by: 'modality', method: 'REML', test: 'knha' } as const;
const TOL = 1e-10; // named tolerance for estimates and CI bounds read from the CLI's JSON

const est = (
  estimate: number | null, k: number, n: number | null, ci: readonly [number, number] | null = null,
): PooledEstimate => ({ estimate, ci, k, n });

describe('estimateDiff(before, after)', () => {
  test('marks each key new, changed, unchanged or gone; after\'s keys in order, then the gone ones', () => {
    const before = new Map([['a', est(0.5, 3, 100)], ['b', est(0.2, 1, 10)], ['c', est(0.7, 2, 50)]]);
    const after = new Map([['d', est(0.1, 1, 5)], ['a', est(0.5, 3, 100)], ['c', est(0.72, 3, 80)]]);
    expect(estimateDiff(before, after).map((d) => [d.key, d.status])).toEqual([
      ['d', 'new'], ['a', 'unchanged'], ['c', 'changed'], ['b', 'gone'],
    ]);
  });

  test('a change in the CI, k or N alone is a change; a difference below SAME is not', () => {
    const base = est(0.5, 3, 100, [0.4, 0.6]);
    expect(estimateChanged(base, est(0.5, 3, 100, [0.4, 0.61]))).toBe(true);
    expect(estimateChanged(base, est(0.5, 4, 100, [0.4, 0.6]))).toBe(true);
    expect(estimateChanged(base, est(0.5, 3, 101, [0.4, 0.6]))).toBe(true);
    expect(estimateChanged(base, est(0.5, 3, null, [0.4, 0.6]))).toBe(true);
    expect(estimateChanged(base, est(0.5, 3, 100, null))).toBe(true);
    expect(estimateChanged(base, est(0.5 + 1e-15, 3, 100, [0.4, 0.6]))).toBe(false);
    expect(estimateChanged(est(null, 2, null), est(null, 2, null))).toBe(false);
  });
});

describe('the bundled table before and after adding test/fixtures/living-review/added.csv', () => {
  test('map, 5-year OS by modality: resection 71.1% (k 9) → 72.1% (k 11), the rest unchanged (values from the CLI)', () => {
    const diff = estimateDiff(
      groupEstimates(analyse(studies(bundled), OS5)), groupEstimates(analyse(studies(merged), OS5)));
    expect(diff.map((d) => [d.key, d.status])).toEqual([['resection', 'changed'], ['transplant', 'unchanged'], ['tace', 'unchanged']]);
    const [resection] = diff;
    // `npm run nelm -- pool --input public/studies.csv --outcome os_5y --by modality`: subgroups[resection].back, k
    expect(resection.before!.estimate).toBeCloseTo(0.7113631036651594, 10);
    expect(resection.before!.ci![0]).toBeCloseTo(0.6534371800476334, 10);
    expect(resection.before!.ci![1]).toBeCloseTo(0.7631169470131315, 10);
    expect(resection.before!.k).toBe(9);
    // the same command on the concatenated file (public/studies.csv, then added.csv's two data lines)
    expect(Math.abs(resection.after!.estimate! - 0.7214969577800268)).toBeLessThan(TOL);
    expect(Math.abs(resection.after!.ci![0] - 0.672261777296366)).toBeLessThan(TOL);
    expect(Math.abs(resection.after!.ci![1] - 0.7659112046607833)).toBeLessThan(TOL);
    expect(resection.after!.k).toBe(11);
    // N: 914 patients before (docs/methods/summary-of-findings.md, "797 of 914"); + 120 (new cohort) + 61 (osborne_2006)
    expect([resection.before!.n, resection.after!.n]).toEqual([914, 1095]);
  });

  test('the merged table analyses exactly as the concatenated file read on its own', () => {
    for (const outcome of ['os_5y', 'orr', 'dcr']) {
      const spec = { ...OS5, outcome };
      expect(groupEstimates(analyse(studies(merged), spec)))
        .toEqual(groupEstimates(analyse(studies(concatenated.records), spec)));
    }
    const sof = { method: 'REML', test: 'knha' } as const;
    expect(sofEstimates(summaryOfFindings(studies(merged), sof)))
      .toEqual(sofEstimates(summaryOfFindings(studies(concatenated.records), sof)));
  });

  test('the summary of findings: only resection 5-year OS changes, 9 → 11 studies, 914 → 1095 patients', () => {
    const sof = { method: 'REML', test: 'knha' } as const;
    const diff = estimateDiff(
      sofEstimates(summaryOfFindings(studies(bundled), sof)), sofEstimates(summaryOfFindings(studies(merged), sof)));
    const changed = diff.filter((d) => d.status !== 'unchanged');
    expect(changed.map((d) => [d.key, d.status, d.before?.k, d.after?.k, d.before?.n, d.after?.n]))
      .toEqual([['resection.os_5y', 'changed', 9, 11, 914, 1095]]);
    expect(diff.length).toBeGreaterThan(10);
  });

  test('excluding the new cohort (and the joined one) gives the bundled estimates back', () => {
    const exclude = ['added_2024', 'osborne_2006'];
    const before = groupEstimates(analyse(studies(bundled), { ...OS5, exclude }));
    const after = groupEstimates(analyse(studies(merged), { ...OS5, exclude }));
    expect(estimateDiff(before, after).every((d) => d.status === 'unchanged')).toBe(true);
  });
});
