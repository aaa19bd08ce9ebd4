import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { trialsModel } from '../../src/app/trialsModel.ts';
import { readStudies } from '../../src/data/readStudies.ts';

const records = readStudies(readFileSync('public/studies.csv', 'utf8')).records;

describe('trialsModel(records, exclude) on the bundled table', () => {
  const m = trialsModel(records);
  const card = (id: string) => m.cards.find((c) => c.cohortId === id)!;

  test('PROMID: arms side by side (TTP 14.3 vs 6 months, stable disease with both seeds), HR 0.34 (0.20–0.59)', () => {
    const promid = card('rinke_2009');
    expect(promid.title).toBe('PROMID (Rinke 2009)');
    expect(promid.arms.map((a) => a.comparator)).toEqual([false, true]);
    const ttp = promid.table.find((r) => r.outcome === 'ttp_median_months')!;
    expect(ttp.label).toBe('Median time to progression');
    expect(ttp.cells.map((c) => c?.text)).toEqual(['14.3 months', '6 months']);
    const sd = promid.table.find((r) => r.outcome === 'stable_disease')!;
    expect(sd.cells[0]).toMatchObject({ text: '66.7 % (seed 001) vs 69 % (seed 000)', disagree: true });
    expect(promid.hazardRatios).toEqual(['HR 0.34 (0.20–0.59), time to progression, octreotide LAR vs placebo']);
  });

  test('model-based curves through each median, labelled so, with the implied HR beside the published one', () => {
    const [c] = card('rinke_2009').curves;
    expect(c.spec.curves.map((x) => [x.kind, x.median])).toEqual([['model-based', 14.3], ['model-based', 6]]);
    expect(c.implied).toBe('HR implied by the medians (model-based): 6 / 14.3 = 0.42');
    expect(c.published).toBe('published HR 0.34 (0.20–0.59)');
    // the curve is exp(−ln 2 · t / median): S = 0.5 at the median (hand)
    const treat = c.spec.curves[0];
    expect(treat.surv[treat.times.indexOf(14.5)]).toBeCloseTo(Math.exp(-Math.LN2 * 14.5 / 14.3), 12);
  });

  test('sunitinib: the cross-seed disagreement inline (11.4 vs 11.1 months) and both implied HRs', () => {
    const s = card('raymond_2011');
    const pfs = s.table.find((r) => r.outcome === 'pfs_median_months')!;
    expect(pfs.cells[0]?.text).toBe('11.4 months (seed 001) vs 11.1 months (seed 000)');
    expect(s.curves[0].implied).toBe('HR implied by the medians (model-based): 5.5 / 11.4 = 0.48; with the other seed\'s medians 5.5 / 11.1 = 0.50');
    expect(s.curves[0].published).toBe('no published HR for this endpoint in the seeds');
  });

  test('the forest plot groups hazard ratios by endpoint; none is pooled (one trial per comparison)', () => {
    expect(m.forest.groups.map((g) => [g.label, g.rows.map((r) => r.kind)])).toEqual([
      ['Time to progression', ['published', 'implied']],
      ['Progression-free survival', ['implied', 'implied']],
      ['Overall survival', ['implied']],
    ]);
    expect(m.pooled).toEqual([]);
  });

  test('bevacizumab vs interferon (Yao 2008): two active arms, no comparator, no curves', () => {
    const y = card('yao_2008');
    expect(y.arms.some((a) => a.comparator)).toBe(false);
    expect(y.curves).toEqual([]);
    expect(y.table.find((r) => r.outcome === 'other')?.cells.map((c) => c?.text)).toEqual(['95 %', '67 %']);
  });
});
