import { describe, expect, test } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { analysisFor } from '../../src/app/appAnalysis.ts';
import { changeText, forestModel as modelOf } from '../../src/app/forestModel.ts';
import type { Dataset } from '../../src/app/dataset.ts';
import { DEFAULT_STATE, type AppState } from '../../src/app/state.ts';
import type { StudyRecord } from '../../src/data/types.ts';
import { studyRecord } from '../data/studyCsv.ts';

// Hand-written rows: two resection series (74 % of 339, 60 % of 50) and one transplant series (47 % of 85).
const records: StudyRecord[] = [
  studyRecord({ row_id: 'a', cohort_id: 'a', study: 'Mayo 2010', n: '339', value: '74' }, 2),
  studyRecord({ row_id: 'b', cohort_id: 'b', study: 'Other 2004', year: '2004', n: '50', value: '60' }, 3),
  studyRecord({ row_id: 'c', cohort_id: 'c', study: 'Le Treut 2007', year: '2007', modality: 'transplant', n: '85', value: '47' }, 4),
  studyRecord({ row_id: 'd', cohort_id: 'd', study: 'Range', design: 'review_range', value: '', low: '60', high: '80', n: '' }, 5),
];
const dataset: Dataset = { source: 'bundled', name: 't', input: { kind: 'studies', records, problems: [] } };
const state = (patch: Partial<AppState> = {}): AppState => ({ ...DEFAULT_STATE, view: 'forest', ...patch });

/** The view's path: the state's Analysis and the same without exclusions, then the model. */
function forestModel(d: Dataset, s: AppState) {
  const a = analysisFor(d, s);
  const b = analysisFor(d, s, { exclusions: false });
  if (a.status !== 'ready' || b.status !== 'ready') throw new Error('not ready');
  return modelOf(a.analysis, s.excluded.length ? b.analysis : null, s);
}
const spec = { measure: 'PLO', method: 'REML', test: 'knha', by: 'modality', outcome: 'os_5y' } as const;

describe('forestModel(dataset, state)', () => {
  test('draws each study\'s 95% CI as metafor summary(escalc("PLO"), transf = transf.ilogit) gives it', () => {
    const m = forestModel(dataset, state());
    const mayo = m.spec!.groups.flatMap((g) => g.studies).find((s) => s.id === 'a')!;
    const other = m.spec!.groups.flatMap((g) => g.studies).find((s) => s.id === 'b')!;
    // Rscript: summary(escalc(measure = "PLO", xi = c(251, 30), ni = c(339, 50)), transf = transf.ilogit)
    expect(mayo.estimate).toBeCloseTo(0.740412979351032, 12);
    expect(mayo.ci[0]).toBeCloseTo(0.691107988121974, 12);
    expect(mayo.ci[1]).toBeCloseTo(0.784304204369374, 12);
    expect(other.ci[0]).toBeCloseTo(0.460003698962685, 12);
    expect(other.ci[1]).toBeCloseTo(0.725370167898769, 12);
  });

  test('groups by modality with the engine\'s subgroup weights and diamonds, and lists unpoolable rows', () => {
    const m = forestModel(dataset, state());
    const out = analyse({ kind: 'studies', records, problems: [] }, spec).pooled!;
    expect(m.spec!.groups.map((g) => g.label)).toEqual(['Resection', 'Liver transplant']);
    const res = m.spec!.groups[0];
    // sorted by year (Other 2004 first); the engine keeps input order (a, b)
    expect(res.studies.map((s) => s.id)).toEqual(['b', 'a']);
    const w = out.groups[0].weights.map((x) => x.weight);
    expect(res.studies.map((x) => x.weight)).toEqual([w[1], w[0]]);
    expect(res.summary!.estimate).toBe(out.groups[0].back.estimate);
    expect(m.spec!.overall!.estimate).toBe(out.overall.back.estimate);
    expect(m.notPooled).toEqual([{ row_id: 'd', study: 'Range', reason: 'review-level range' }]);
  });

  test('an excluded study keeps its row (weight null) and the overall re-pools without it', () => {
    const m = forestModel(dataset, state({ excluded: ['b'] }));
    // the engine run on the remaining rows
    const without = analyse({ kind: 'studies', records: records.filter((r) => r.row_id !== 'b'), problems: [] }, spec).pooled!;
    const b = m.spec!.groups[0].studies.find((s) => s.id === 'b')!;
    expect(b).toMatchObject({ excluded: true, weight: null });
    expect(m.spec!.overall!.estimate).toBe(without.overall.back.estimate);
    expect(m.excludedUnits.map((u) => [u.id, u.label, u.rows])).toEqual([['b', 'Other 2004', 1]]);
    expect(m.change).toMatch(/^Overall \d+\.\d% → \d+\.\d% \([−+]\d+\.\d points\) after excluding 1 study$/);
  });

  test('on the analysis scale the values are the logits (yi = log(251/88) for 251 of 339)', () => {
    const m = forestModel(dataset, state({ scale: 'analysis' }));
    expect(m.spec!.percent).toBe(false);
    expect(m.spec!.groups[0].studies.find((s) => s.id === 'a')!.estimate).toBeCloseTo(Math.log(251 / 88), 12);
  });
});

test('changeText(before, after, percent, count) reads as a sentence with signed points', () => {
  expect(changeText(0.662, 0.639, true, 1)).toBe('Overall 66.2% → 63.9% (−2.3 points) after excluding 1 study');
  expect(changeText(0.5, 0.75, false, 2)).toBe('Overall 0.50 → 0.75 (+0.25) after excluding 2 studies');
});

describe('forestModel at large k (issue 16: a summary, not 100 000 SVG rows)', () => {
  // 300 studies with n from 20 to 319 and 30-70 % events, made up for the test
  const rows = Array.from({ length: 300 }, (_, i) => {
    const n = 20 + i;
    return { row: i + 2, study: `S${i + 1}`, events: Math.round(n * (0.3 + 0.4 * ((i * 37) % 100) / 100)), n, extra: {} };
  });
  const big: Dataset = { source: 'upload', name: 'big.csv', input: { kind: 'proportions', rows, problems: [] } };

  test('draws the 25 heaviest and the 10 most extreme on each side; the diamond pools all 300', () => {
    const a = analyse(big.input, { method: 'REML', test: 'knha' });
    const m = modelOf(a, null, state());
    const drawn = m.spec!.groups.flatMap((g) => g.studies);
    expect(m.selection!.total).toBe(300);
    expect(drawn.length).toBe(m.selection!.shown);
    expect(drawn.length).toBeLessThanOrEqual(45);
    expect(m.spec!.overall!.estimate).toBe(a.pooled!.overall.back.estimate);
    expect(m.spec!.overall!.label).toContain('k = 300');
    // the heaviest study (largest n here) is drawn
    const heaviest = a.pooled!.overall.weights.reduce((x, y) => (y.weight > x.weight ? y : x));
    expect(drawn.some((s) => s.id === heaviest.key)).toBe(true);
  });

  test('with ties, draws exactly the rows a stable sort ranks first (25 by weight, 10 lowest and 10 highest estimates)', () => {
    // 300 made-up studies from 6 distinct (events, n) pairs: every weight and every estimate is shared by 50 rows
    const tied = Array.from({ length: 300 }, (_, i) => ({ row: i + 2, study: `T${i + 1}`, events: 10 + (i % 3), n: 40 + 10 * (i % 2), extra: {} }));
    const a = analyse({ kind: 'proportions', rows: tied, problems: [] }, { method: 'REML', test: 'knha' });
    const weight = new Map(a.pooled!.overall.weights.map((w) => [w.key, w.weight]));
    const yi = new Map(a.effects.map((e) => [e.key, e.effect.yi]));
    // oracle: Array.prototype.sort is stable (ECMAScript 2019), so equal values keep file order
    const byWeight = [...a.rows].sort((x, y) => weight.get(y.key)! - weight.get(x.key)!);
    const byEstimate = [...a.rows].sort((x, y) => yi.get(x.key)! - yi.get(y.key)!);
    const expected = new Set([...byWeight.slice(0, 25), ...byEstimate.slice(0, 10), ...byEstimate.slice(-10)]
      .map((r) => r.key));
    const drawn = modelOf(a, null, state()).spec!.groups.flatMap((g) => g.studies).map((s) => s.id);
    expect(new Set(drawn)).toEqual(expected);
  });

  test('a search adds the matching studies; an excluded study is always drawn', () => {
    const a = analyse(big.input, { method: 'REML', test: 'knha', exclude: ['5'] });
    const m = modelOf(a, null, state({ excluded: ['5'] }), { query: 's17' });
    const drawn = m.spec!.groups.flatMap((g) => g.studies).map((s) => s.label);
    // S17 and S170-S179 match "s17"
    expect(m.selection!.matches).toBe(11);
    for (const s of ['S17', 'S170', 'S179']) expect(drawn).toContain(s);
    expect(drawn).toContain('S4');
    expect(m.selection!.text).toContain('11 of 11 matching "s17"');
  });
});
