import { expect, test } from 'vitest';
import { analyse, type Analysis } from '../../src/analysis/index.ts';
import { MAP_SERIES, mapModel as modelOf } from '../../src/app/mapModel.ts';
import type { AnalysisInput } from '../../src/data/types.ts';
import { studyRecord } from '../data/studyCsv.ts';

// Hand-written rows: resection cohort a (os_5y 74 % of 339; orr 40 % of 300, a subset), cohort b (os_5y 60 % of 50),
// a median-only row (35 months) and a review range; y90 cohort c with a median of 70 months but nothing poolable.
const records = [
  studyRecord({ row_id: 'a1', cohort_id: 'a', n: '339', value: '74' }, 2),
  studyRecord({ row_id: 'a2', cohort_id: 'a', n: '300', outcome: 'orr', value: '40', time_months: '' }, 3),
  studyRecord({ row_id: 'b1', cohort_id: 'b', study: 'Other 2004', n: '50', value: '60' }, 4),
  studyRecord({ row_id: 'm1', cohort_id: 'b', outcome: 'os_median_months', value: '35', time_months: '', n: '50' }, 5),
  studyRecord({ row_id: 'm2', cohort_id: 'a', outcome: 'os_median_months', value: '125.1', time_months: '', n: '339' }, 6),
  studyRecord({ row_id: 'c1', cohort_id: 'c', modality: 'y90', outcome: 'os_median_months', value: '70', time_months: '', n: '20' }, 7),
];

const settings = { measure: 'PLO', method: 'REML', test: 'knha', by: 'modality', modality: '' } as const;

/** The map view's path: one Analysis per series outcome (skipped when nothing pools), then the model. */
function mapModel(rs: typeof records, exclude: string[] = []) {
  const input: AnalysisInput & { kind: 'studies' } = { kind: 'studies', records: rs, problems: [] };
  const analyses = new Map<string, Analysis>();
  for (const se of MAP_SERIES) {
    const a = analyse(input, { ...settings, outcome: se.key, exclude });
    if (a.pooled) analyses.set(se.key, a);
  }
  return modelOf(input, analyses, { ...settings, exclude });
}

test('mapModel(input, analyses, spec) gives one row per modality with poolable rows: k cohorts, N, pooled values, medians as printed', () => {
  const m = mapModel(records);
  expect(m.rows.map((r) => r.modality)).toEqual(['resection']);
  const [r] = m.rows;
  expect(r.k).toBe(2); // cohorts a and b
  expect(r.n).toBe(339 + 50); // largest n of each cohort
  expect(r.medianRange).toBe('35–125.1');
  expect(m.series.map((s) => s.key)).toEqual(['os_5y', 'orr']);
  const os = analyse({ kind: 'studies', records, problems: [] }, { ...settings, by: undefined, outcome: 'os_5y' }).pooled!.overall;
  expect(r.cells.os_5y).toEqual({ k: 2, estimate: os.back.estimate, ci: os.back.ci, pi: os.back.pi });
  expect(r.cells.orr?.k).toBe(1);
  expect(r.firstOutcome).toBe('os_5y');
  expect(r.warnings.length).toBeGreaterThan(0);
});

test('an excluded cohort leaves k, N and every pooled cell of the map', () => {
  const m = mapModel(records, ['a']);
  const [r] = m.rows;
  expect(r.k).toBe(1);
  expect(r.n).toBe(50);
  expect(r.cells.os_5y?.k).toBe(1);
  // cohort a was the only response series: the orr column is gone
  expect(m.series.map((s) => s.key)).toEqual(['os_5y']);
});
