import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyse, summaryOfFindings, type Analysis, type PooledEstimate } from '../../src/analysis/index.ts';
import { diffText, legendText, mapDiff, sofDiff } from '../../src/app/livingReviewModel.ts';
import { MAP_SERIES, mapModel } from '../../src/app/mapModel.ts';
import { sofRows } from '../../src/app/sofModel.ts';
import { mergeStudyTables } from '../../src/data/mergeStudyTables.ts';
import { readStudies } from '../../src/data/readStudies.ts';
import type { AnalysisInput, StudyRecord } from '../../src/data/types.ts';

const bundled = readStudies(readFileSync('public/studies.csv', 'utf8')).records;
const merged = mergeStudyTables(bundled, readFileSync('test/fixtures/living-review/added.csv', 'utf8')).records;
const settings = { measure: 'PLO', method: 'REML', test: 'knha', by: 'modality', modality: '' } as const;

/** The map view's path: one Analysis per series outcome (skipped when nothing pools), then the model. */
function modelOf(records: readonly StudyRecord[]) {
  const input: AnalysisInput & { kind: 'studies' } = { kind: 'studies', records, problems: [] };
  const analyses = new Map<string, Analysis>();
  for (const se of MAP_SERIES) {
    const a = analyse(input, { ...settings, outcome: se.key });
    if (a.pooled) analyses.set(se.key, a);
  }
  return mapModel(input, analyses, settings);
}

const sofOf = (records: readonly StudyRecord[]) =>
  sofRows(summaryOfFindings({ kind: 'studies', records, problems: [] }, { method: 'REML', test: 'knha' }), []);

const e = (estimate: number | null, k: number, n: number | null, ci: [number, number] | null = null): PooledEstimate =>
  ({ estimate, ci, k, n });

describe('diffText(diff, unit)', () => {
  test('changed, new, gone and unchanged, in each unit', () => {
    const b = e(0.711, 9, 914, [0.653, 0.763]);
    const a = e(0.721, 11, 1095, [0.672, 0.766]);
    expect(diffText({ key: 'x', before: b, after: a, status: 'changed' }, 'percent'))
      .toBe('71.1% [65.3, 76.3] → 72.1% [67.2, 76.6] (k 9 → 11, N 914 → 1095)');
    expect(diffText({ key: 'x', before: null, after: a, status: 'new' }, 'percent')).toBe('new: 72.1% [67.2, 76.6] (k 11, N 1095)');
    expect(diffText({ key: 'x', before: b, after: null, status: 'gone' }, 'percent')).toBe('was 71.1% [65.3, 76.3] (k 9, N 914); not shown now');
    expect(diffText({ key: 'x', before: b, after: b, status: 'unchanged' }, 'percent')).toBe('unchanged');
    expect(diffText({ key: 'x', before: e(84, 3, null), after: e(72.5, 4, 60), status: 'changed' }, 'months'))
      .toBe('84 months → 72.5 months (k 3 → 4, N not printed → 60)');
    expect(diffText({ key: 'x', before: e(0.5, 2, 300, [0.4, 0.625]), after: e(0.55, 2, 300, [0.45, 0.7]), status: 'changed' }, 'ratio'))
      .toBe('HR 0.50 [0.40, 0.63] → HR 0.55 [0.45, 0.70] (k 2, N 300)');
    expect(diffText({ key: 'x', before: e(null, 1, 40), after: e(null, 2, 90), status: 'changed' }, 'none')).toBe('k 1 → 2, N 40 → 90');
  });

  test('legendText(added, fileName)', () => {
    expect(legendText(1, 'one.csv')).toBe('Δ since you added 1 study (one.csv)');
    expect(legendText(2, 'added.csv')).toBe('Δ since you added 2 studies (added.csv)');
  });
});

describe('the bundled table before and after adding test/fixtures/living-review/added.csv', () => {
  test('mapDiff: only resection 5-year OS changes, 71.1% → 72.1% with k 9 → 11 (the CLI\'s values, rounded by hand)', () => {
    const diff = mapDiff(modelOf(bundled), modelOf(merged), 2, 'added.csv');
    expect(diff.legend).toBe('Δ since you added 2 studies (added.csv)');
    expect(diff.summary).toBe('1 estimate changed, 0 new, 0 no longer shown');
    expect(diff.changes.map((d) => [d.key, d.text])).toEqual([
      // nelm pool --outcome os_5y --by modality: 0.71136 [0.65344, 0.76312] before; 0.72150 [0.67226, 0.76591] after
      ['resection.os_5y', '71.1% [65.3, 76.3] → 72.1% [67.2, 76.6] (k 9 → 11, N 914 → 1095)'],
    ]);
    expect(diff.changes[0].spoken).toBe('Resection, 5-year OS: changed since you added studies, from 71.1% (95% CI 65.3 to 76.3; '
      + '9 studies, 914 patients) to 72.1% (95% CI 67.2 to 76.6; 11 studies, 1095 patients).');
    expect(diff.byKey.get('transplant.os_5y')?.status).toBe('unchanged');
    expect(diff.byKey.get('resection.os_median_months')?.status).toBe('unchanged');
  });

  test('sofDiff: only the resection 5-year OS row changes', () => {
    const diff = sofDiff(sofOf(bundled), sofOf(merged), 2, 'added.csv');
    expect(diff.changes.map((d) => [d.key, d.text])).toEqual([
      ['resection.os_5y', '71.1% [65.3, 76.3] → 72.1% [67.2, 76.6] (k 9 → 11, N 914 → 1095)'],
    ]);
    expect([...diff.byKey.values()].filter((d) => d.unit === 'none').every((d) => d.status === 'unchanged')).toBe(true);
  });

  test('a study of a modality the map did not pool before is new', () => {
    const extra = mergeStudyTables(bundled, [
      'row_id,cohort_id,study,first_author,year,modality,arm,design,n,outcome,value,low,high,time_months,seed,seed_ref,section,quote,note',
      'x-1,x_2024,X 2024,X,2024,tace,,retrospective,40,orr,50,,,,001_9c5965bc9c202e25.txt,,T,response 50%,test',
      'x-2,y_2024,Y 2024,Y,2024,tace,,retrospective,60,dcr,80,,,,001_9c5965bc9c202e25.txt,,T,control 80%,test',
    ].join('\n')).records;
    const diff = mapDiff(modelOf(bundled), modelOf(extra), 2, 'x.csv');
    expect(diff.changes.map((d) => [d.key, d.status])).toEqual([['tace.orr', 'changed'], ['tace.dcr', 'new']]);
    // tace orr before: 1 study of 77 (the bundled table); after: + 20 of 40 (by hand: 62 + 20 = 82 of 117)
    expect(diff.byKey.get('tace.orr')?.text).toMatch(/^80\.5% \[70\.2, 87\.9\] → \d+\.\d% \[\d+\.\d, \d+\.\d\] \(k 1 → 2, N 77 → 117\)$/);
    // one study, 48 of 60, logit scale by hand: 1.3863 ± 1.96 × √(1/48 + 1/12) = [0.7537, 2.0189] → [68.0%, 88.3%]
    expect(diff.byKey.get('tace.dcr')?.text).toBe('new: 80.0% [68.0, 88.3] (k 1, N 60)');
  });
});
