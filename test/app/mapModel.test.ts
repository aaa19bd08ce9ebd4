import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyse, type Analysis } from '../../src/analysis/index.ts';
import { MAP_SERIES, mapModel as modelOf, mapSpec } from '../../src/app/mapModel.ts';
import { readStudies } from '../../src/data/readStudies.ts';
import type { AnalysisInput, StudyRecord } from '../../src/data/types.ts';
import { studyRecord } from '../data/studyCsv.ts';

// Hand-written rows: resection cohort a (os_5y 74 % of 339; orr 40 % of 300, a subset; median OS 125.1), cohort b
// (os_5y 60 % of 50; median 35), a review range; y90 cohort c with a median of 70 months and a response without n;
// a placebo-controlled everolimus trial t (median PFS 11.0 vs 4.6).
const records = [
  studyRecord({ row_id: 'a1', cohort_id: 'a', n: '339', value: '74' }, 2),
  studyRecord({ row_id: 'a2', cohort_id: 'a', n: '300', outcome: 'orr', value: '40', time_months: '' }, 3),
  studyRecord({ row_id: 'b1', cohort_id: 'b', study: 'Other 2004', n: '50', value: '60' }, 4),
  studyRecord({ row_id: 'm1', cohort_id: 'b', outcome: 'os_median_months', value: '35', time_months: '', n: '50' }, 5),
  studyRecord({ row_id: 'm2', cohort_id: 'a', outcome: 'os_median_months', value: '125.1', time_months: '', n: '339' }, 6),
  studyRecord({ row_id: 'rv', cohort_id: 'review', design: 'review_range', n: '', value: '', low: '60', high: '80' }, 7),
  studyRecord({ row_id: 'c1', cohort_id: 'c', modality: 'y90', outcome: 'os_median_months', value: '70', time_months: '', n: '20' }, 8),
  studyRecord({ row_id: 'c2', cohort_id: 'c', modality: 'y90', outcome: 'orr', value: '35', time_months: '', n: '' }, 9),
  studyRecord({ row_id: 't1', cohort_id: 't', study: 'Yao 2011', modality: 'everolimus', arm: 'everolimus', design: 'phase3', n: '', outcome: 'pfs_median_months', value: '11.0', time_months: '', quote: 'a median PFS of 11.0 months' }, 10),
  studyRecord({ row_id: 't2', cohort_id: 't', study: 'Yao 2011', modality: 'placebo', arm: 'placebo', design: 'phase3', n: '', outcome: 'pfs_median_months', value: '4.6', time_months: '', quote: '4.6 months' }, 11),
];

const settings = { measure: 'PLO', method: 'REML', test: 'knha', by: 'modality', modality: '' } as const;

/** The map view's path: one Analysis per series outcome (skipped when nothing pools), then the model. */
function mapModel(rs: readonly StudyRecord[], exclude: string[] = []) {
  const input: AnalysisInput & { kind: 'studies' } = { kind: 'studies', records: rs, problems: [] };
  const analyses = new Map<string, Analysis>();
  for (const se of MAP_SERIES) {
    const a = analyse(input, { ...settings, outcome: se.key, exclude });
    if (a.pooled) analyses.set(se.key, a);
  }
  return modelOf(input, analyses, { ...settings, exclude });
}

describe('mapModel(input, analyses, spec)', () => {
  test('one row per modality with any evidence; the placebo arm appears inside its trial, not as a modality', () => {
    const m = mapModel(records);
    expect(m.rows.map((r) => r.modality)).toEqual(['resection', 'y90', 'everolimus']);
    expect(m.series.map((s) => s.key)).toEqual(['os_5y', 'orr']);
    expect(m.medianSeries.map((s) => s.key)).toEqual(['os_median_months']);
  });

  test('proportion cells: the Analysis of that outcome, with the k and N of that outcome', () => {
    const [r] = mapModel(records).rows;
    const input = { kind: 'studies' as const, records, problems: [] };
    const os = analyse(input, { ...settings, by: undefined, outcome: 'os_5y' }).pooled!.overall;
    expect(r.cells.os_5y).toEqual({
      k: 2, n: 339 + 50, estimate: os.back.estimate, ci: os.back.ci, pi: os.back.pi, subgroups: [],
    });
    expect(r.cells.orr?.k).toBe(1);
    expect(r.cells.orr?.n).toBe(300); // the response outcome's own N, not the cohort's 339
    expect(r.target).toEqual({ view: 'forest', outcome: 'os_5y' });
  });

  test('pooled median of single-arm series (median of 35 and 125.1 = 80.05), review statements, what is not pooled', () => {
    const [res, y90, eve] = mapModel(records).rows;
    expect(res.medians.os_median_months).toMatchObject({ k: 2, n: 389, estimate: 80.05, ci: null, range: [35, 125.1] });
    expect(res.reviews.map((v) => v.text)).toEqual(['5-year OS 60–80 %']);
    expect(y90.medians.os_median_months?.estimate).toBe(70);
    expect(y90.notPooled).toEqual([{ reason: 'no n', text: 'response 35 %' }]);
    // the trial: its key figures as printed (11.0, not 11), the comparator inside it
    expect(eve.trials.map((t) => t.key)).toEqual(['Yao 2011: median PFS 11.0 vs 4.6 months (placebo)']);
    expect(eve.medians).toEqual({});
    expect(eve.target).toEqual({ view: 'trials' });
    const spec = mapSpec(mapModel(records));
    expect(spec.rows[2].lines).toEqual([{ kind: 'trial', text: 'Yao 2011: median PFS 11.0 vs 4.6 months (placebo)' }]);
    expect(spec.rows[1].lines).toEqual([{ kind: 'not-pooled', text: 'not pooled, no n: response 35 %' }]);
  });

  test('an excluded cohort leaves every pooled cell and pooled median of the map', () => {
    const m = mapModel(records, ['a']);
    const [r] = m.rows;
    expect(r.cells.os_5y?.k).toBe(1);
    expect(r.cells.os_5y?.n).toBe(50);
    expect(r.medians.os_median_months?.estimate).toBe(35);
    // cohort a was the only response series of resection: the y90 row keeps no orr either, so the column is gone
    expect(m.series.map((s) => s.key)).toEqual(['os_5y']);
  });
});

describe('mapModel on the bundled table', () => {
  const table = readStudies(readFileSync('public/studies.csv', 'utf8')).records;
  const m = mapModel(table);
  const row = (id: string) => m.rows.find((r) => r.modality === id)!;

  test('every modality but placebo has a row: PRRT, somatostatin analogues, everolimus, sunitinib, interferon, bevacizumab, chemotherapy', () => {
    const present = new Set(table.map((r) => r.modality));
    expect(m.rows.map((r) => r.modality).sort()).toEqual([...present].filter((x) => x !== 'placebo').sort());
  });

  test('key figures: PROMID HR 0.34, everolimus 11.0 vs 4.6, sunitinib 11.4 vs 5.5 (seed 000: 11.1)', () => {
    expect(row('ssa').trials[0].key).toBe('PROMID (Rinke 2009): HR 0.34 (0.20–0.59) for TTP; median TTP 14.3 vs 6 months (placebo)');
    expect(row('everolimus').trials[0].key).toBe('RADIANT-3 (Yao 2011): median PFS 11.0 vs 4.6 months (placebo)');
    expect(row('sunitinib').trials[0].key).toBe('Raymond 2011: median PFS 11.4 vs 5.5 months (placebo; seed 000: 11.1)');
    expect(row('prrt').medians.os_median_months?.estimate).toBe(46);
    expect(row('prrt').notPooled.some((x) => x.reason === 'no n' && x.text.includes('response 35 %'))).toBe(true);
  });

  test('resection: 5-year OS k and N of that outcome (k = 9); the high-grade 6-month median is marked as a subgroup', () => {
    const r = row('resection');
    expect(r.cells.os_5y?.k).toBe(9);
    expect(r.cells.os_5y?.n).toBe(914);
    expect(r.medians.os_median_months?.subgroups.some((s) => s.includes('high grade'))).toBe(true);
  });
});
