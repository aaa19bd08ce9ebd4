import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { endpointOfNote, exponentialCurve, trialCohortIds, trialsOf } from '../../src/analysis/trials.ts';
import { readStudies } from '../../src/data/readStudies.ts';
import { relError } from '../meta/tolerances.ts';
import { studyRecord } from '../data/studyCsv.ts';

const records = readStudies(readFileSync('public/studies.csv', 'utf8')).records;

describe('trialsOf(records) on the bundled table', () => {
  const { trials, hazardRatioGroups } = trialsOf(records);
  const byId = new Map(trials.map((t) => [t.cohortId, t]));

  test('finds every randomised or phase 3 trial: PROMID, RADIANT-3, the sunitinib trial, bevacizumab vs interferon, the two IFN + octreotide RCTs', () => {
    expect([...byId.keys()].sort()).toEqual(['raymond_2011', 'rinke_2009', 's000ref70', 's000ref83', 'yao_2008', 'yao_2011']);
    expect(byId.get('rinke_2009')!.title).toBe('PROMID (Rinke 2009)');
    expect(byId.get('yao_2011')!.title).toBe('RADIANT-3 (Yao 2011)');
    // patients randomised, from the notes of seed 001 (85, 410, 171)
    expect(['rinke_2009', 'yao_2011', 'raymond_2011'].map((id) => byId.get(id)!.randomised)).toEqual([85, 410, 171]);
    // no cohort of single-arm series or of a propensity-matched comparison is a trial
    expect(trialCohortIds(records).has('mayo_2011')).toBe(false);
    expect(trialCohortIds(records).has('rhee_2008')).toBe(false);
  });

  test('arms side by side, the comparator named: placebo, or the single agent of a combination', () => {
    const promid = byId.get('rinke_2009')!;
    expect(promid.arms.map((a) => [a.id, a.modality, a.comparator])).toEqual([['octreotide LAR', 'ssa', false], ['placebo', 'placebo', true]]);
    const ifn = byId.get('s000ref83')!;
    expect(ifn.arms.find((a) => a.comparator)?.modality).toBe('ssa');
    expect(byId.get('yao_2008')!.arms.some((a) => a.comparator)).toBe(false);
  });

  test('PROMID: HR 0.34 (0.20–0.59) for time to progression; TTP 14.3 vs 6 months; implied HR 6 / 14.3', () => {
    const promid = byId.get('rinke_2009')!;
    expect(promid.hazardRatios).toHaveLength(1);
    const hr = promid.hazardRatios[0];
    expect([hr.endpoint, hr.comparison, hr.estimate, hr.ci]).toEqual(['ttp', 'ssa vs placebo', 0.34, [0.2, 0.59]]);
    const ttp = promid.curves.find((c) => c.endpoint === 'ttp')!;
    expect([ttp.treatment.median, ttp.control.median]).toEqual([14.3, 6]);
    expect(ttp.impliedHr).toBe(6 / 14.3);
    expect(ttp.treatment.hazard).toBe(Math.LN2 / 14.3);
    expect(ttp.published?.rowId).toBe('s001-0095');
  });

  test('the sunitinib trial: seeds disagree on median PFS (11.1 vs 11.4), both implied HRs are given', () => {
    const arm = byId.get('raymond_2011')!.arms.find((a) => a.modality === 'sunitinib')!;
    const pfs = arm.outcomes.find((o) => o.outcome === 'pfs_median_months')!;
    expect(pfs.seedsDisagree).toBe(true);
    expect(pfs.values.map((v) => [v.seed, v.value])).toEqual([['000', 11.1], ['001', 11.4]]);
    expect(pfs.preferred.value).toBe(11.4);
    expect(pfs.disagreements[0]).toMatch(/^disagrees with seed 001: seed 001 gives median PFS 11.4 months/);
    const c = byId.get('raymond_2011')!.curves[0];
    expect(c.impliedHr).toBe(5.5 / 11.4);
    expect(c.alternatives).toEqual([{ treatmentMedian: 11.1, controlMedian: 5.5, impliedHr: 5.5 / 11.1 }]);
    // the placebo arm agrees across seeds
    const placebo = byId.get('raymond_2011')!.arms.find((a) => a.comparator)!.outcomes[0];
    expect(placebo.seedsDisagree).toBe(false);
  });

  test('hazard ratios: one comparison and endpoint reported by one trial is shown per trial, not pooled', () => {
    expect(hazardRatioGroups).toHaveLength(1);
    expect(hazardRatioGroups[0].analysis).toBeNull();
    // Mayo 2010's prognostic-factor hazard ratios are not trials
    expect(trials.flatMap((t) => t.hazardRatios).map((h) => h.rowId)).toEqual(['s001-0095']);
  });
});

describe('hazard ratios of two trials of the same comparison and endpoint are pooled', () => {
  // two hand-made placebo-controlled SSA trials with HRs for time to progression
  const rows = (id: string, hr: string, low: string, high: string, first: number) => [
    studyRecord({ row_id: `${id}1`, cohort_id: id, study: id, modality: 'ssa', arm: 'octreotide', design: 'rct', n: '', outcome: 'ttp_median_months', value: '14', time_months: '' }, first),
    studyRecord({ row_id: `${id}2`, cohort_id: id, study: id, modality: 'placebo', arm: 'placebo', design: 'rct', n: '', outcome: 'ttp_median_months', value: '6', time_months: '' }, first + 1),
    studyRecord({
      row_id: `${id}3`, cohort_id: id, study: id, modality: 'ssa', arm: 'octreotide vs placebo', design: 'rct', n: '',
      outcome: 'hazard_ratio', value: hr, low, high, time_months: '', note: 'time to progression; 95% CI',
    }, first + 2),
  ];
  const fixture = JSON.parse(readFileSync('test/fixtures/trials-hr.json', 'utf8')) as { estimate: number; ci: [number, number]; tau2: number };
  const table = [...rows('t1', '0.34', '0.20', '0.59', 2), ...rows('t2', '0.5', '0.3125', '0.8', 5)];

  test('inverse variance on log HR (REML, Hartung–Knapp) matches metafor (scripts/reference/trials-hr.R) to 1e-6', () => {
    const { hazardRatioGroups } = trialsOf(table);
    expect(hazardRatioGroups).toHaveLength(1);
    const fit = hazardRatioGroups[0].analysis!.pooled!.overall;
    expect(fit.k).toBe(2);
    expect(relError(fit.back.estimate, fixture.estimate)).toBeLessThan(1e-6);
    expect(relError(fit.back.ci[0], fixture.ci[0])).toBeLessThan(1e-6);
    expect(relError(fit.back.ci[1], fixture.ci[1])).toBeLessThan(1e-6);
  });

  test('an arm\'s n is the largest n its rows print (one row 40, one 44, one without: 44)', () => {
    const ns = (a: string, b: string, c: string) => [
      studyRecord({ row_id: 'n1', cohort_id: 'tn', study: 'tn', modality: 'ssa', arm: 'octreotide', design: 'rct', n: a, outcome: 'ttp_median_months', value: '14', time_months: '' }, 2),
      studyRecord({ row_id: 'n2', cohort_id: 'tn', study: 'tn', modality: 'ssa', arm: 'octreotide', design: 'rct', n: b, outcome: 'orr', value: '2', time_months: '' }, 3),
      studyRecord({ row_id: 'n3', cohort_id: 'tn', study: 'tn', modality: 'placebo', arm: 'placebo', design: 'rct', n: c, outcome: 'ttp_median_months', value: '6', time_months: '' }, 4),
    ];
    expect(trialsOf(ns('40', '44', '')).trials[0].arms.map((a) => [a.id, a.n])).toEqual([['octreotide', 44], ['placebo', null]]);
    expect(trialsOf(ns('44', '', '42')).trials[0].arms.map((a) => [a.id, a.n])).toEqual([['octreotide', 44], ['placebo', 42]]);
  });

  test('an excluded trial is marked and leaves the pool (k = 1)', () => {
    const { trials, hazardRatioGroups } = trialsOf(table, ['t2']);
    expect(trials.map((t) => t.excluded)).toEqual([false, true]);
    expect(hazardRatioGroups[0].analysis!.pooled!.overall.k).toBe(1);
  });

  test('a different endpoint is a different comparison: shown per trial', () => {
    const other = table.map((r) => (r.row_id === 't23' ? { ...r, note: 'overall survival; 95% CI' } : r));
    const { hazardRatioGroups } = trialsOf(other);
    expect(hazardRatioGroups.map((g) => [g.endpoint, g.analysis])).toEqual([['ttp', null], ['os', null]]);
  });
});

test('endpointOfNote reads the endpoint a note names', () => {
  expect(endpointOfNote('Figure 3A legend; PROMID time to progression; 95% CI')).toBe('ttp');
  expect(endpointOfNote('progression-free survival')).toBe('pfs');
  expect(endpointOfNote('prognostic factor for worse overall survival')).toBe('os');
  expect(endpointOfNote('')).toBe('unspecified');
});

test('exponentialCurve(median) passes through S = 0.5 at the median and is exp(−ln 2 · t / median) (hand)', () => {
  const c = exponentialCurve(14.3, 30, 0.1);
  const at = (t: number) => c.surv[c.times.findIndex((x) => Math.abs(x - t) < 1e-9)];
  expect(at(0)).toBe(1);
  expect(relError(at(14.3), 0.5)).toBeLessThan(1e-12);
  expect(relError(at(28.6), 0.25)).toBeLessThan(1e-12);
  expect(relError(at(7), Math.exp(-Math.LN2 * 7 / 14.3))).toBeLessThan(1e-12);
});
