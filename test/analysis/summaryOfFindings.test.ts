import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_THRESHOLDS, hazardRatioOis, imprecision, inconsistency, indirectness, proportionOis, publicationBias, rate,
  riskOfBias, startingLevel, summaryOfFindings, targetHalfWidth,
  type SofEffect, type SofFacts, type SofRow, type SofStudy,
} from '../../src/analysis/summaryOfFindings.ts';
import { readStudies } from '../../src/data/readStudies.ts';
import type { StudyColumn } from '../../src/data/vocabulary.ts';
import { studyRecord } from '../data/studyCsv.ts';
import { relError, TOL } from '../meta/tolerances.ts';

// Hand-made evidence: each rule of src/analysis/summaryOfFindings.ts firing and not firing, with its reason string.
// Thresholds are DEFAULT_THRESHOLDS (docs/methods/summary-of-findings.md): I² 50 %, decision thresholds 5-year OS 40 %,
// response 20 %, perioperative mortality 5 %, HR 1; target half-width 10 points; medians: spread 2, OIS at ±10 points.

const T = DEFAULT_THRESHOLDS;

function study(design: string, n: number | null, label = 'S', subgroup = false): SofStudy {
  return { key: label, cohortId: label, label, design, n, subgroup };
}

function proportion(estimate: number, ci: [number, number], pi: [number, number] | null, I2: number | null): SofEffect {
  return { kind: 'proportion', estimate, ci, pi, I2, method: 'REML, knha, PLO' };
}

/** Two pooled retrospective-free series, 5-year OS 50 % [45, 55], PI [42, 58], I² 20 %, N = 200: nothing fires. */
function facts(change: Partial<SofFacts> = {}): SofFacts {
  return {
    basis: 'pooled', outcome: 'os_5y', effect: proportion(0.5, [0.45, 0.55], [0.42, 0.58], 20),
    studies: [study('prospective', 100, 'A'), study('prospective', 100, 'B')], n: 200, eggerP: null, ...change,
  };
}

describe('optimal information sizes (worked by hand)', () => {
  test('proportionOis(p, d) = ⌈1.959964² p (1 − p) / d²⌉', () => {
    // 3.841459 × 0.25 / 0.01 = 96.04 → 97
    expect(proportionOis(0.5, 0.1)).toBe(97);
    // 3.841459 × 0.02 × 0.98 / 0.0001 = 752.93 → 753
    expect(proportionOis(0.02, 0.01)).toBe(753);
  });

  test('targetHalfWidth: 10 points, half the rarer of p and 1 − p below 20 %, never under half a point', () => {
    expect(targetHalfWidth(0.5, 0.1)).toBe(0.1);
    expect(targetHalfWidth(0.02, 0.1)).toBe(0.01);
    expect(targetHalfWidth(0.9, 0.1)).toBeCloseTo(0.05, 12);
    expect(targetHalfWidth(0.001, 0.1)).toBe(0.005);
  });

  test('hazardRatioOis(0.75) = ⌈4 (1.959964 + 0.841621)² / (ln 0.75)²⌉ = ⌈379.35⌉ = 380 (Schoenfeld 1983)', () => {
    expect(hazardRatioOis(0.75)).toBe(380);
  });
});

describe('startingLevel', () => {
  test('a randomised comparison starts at high', () => {
    expect(startingLevel(facts({ basis: 'trial', studies: [study('randomised phase III', 171, 'Raymond 2011')] }))).toEqual({
      level: 'high', reason: 'randomised: 1 trial (Raymond 2011), arm against comparator within the trial: starts at high',
    });
  });

  test('pooled single-arm series start at low, an arm of a trial among them too', () => {
    expect(startingLevel(facts())).toEqual({ level: 'low', reason: 'observational: 2 single-arm series pooled (non-comparative): starts at low' });
    expect(startingLevel(facts({ studies: [study('rct', 40, 'A'), study('retrospective', 60, 'B')] })).reason)
      .toBe('observational: 2 single-arm series pooled (non-comparative); 1 of them an arm of a randomised trial, read without its comparator: starts at low');
  });

  test('review-level statements start at low', () => {
    const f = facts({ basis: 'review', effect: { kind: 'review', statements: [] }, studies: [study('review_range', null)], n: null });
    expect(startingLevel(f)).toEqual({ level: 'low', reason: 'observational: 1 review-level statement (ranges across single-arm series): starts at low' });
  });
});

describe('riskOfBias (more than half of the patients in retrospective or design-unknown series)', () => {
  test('fires: 80 of 100 patients in retrospective series', () => {
    expect(riskOfBias(facts({ studies: [study('retrospective', 80, 'A'), study('prospective', 20, 'B')] }))).toEqual({
      domain: 'risk of bias', decision: 'downgrade', levels: 1,
      reason: 'retrospective or design-unknown series hold 80.0% of the patients (80 of 100; 1 of 2 studies): more than 50.0%, so most of the information is at high risk of bias (no protocol, selection and loss to follow-up unrecorded)',
    });
  });

  test('fires: all series of unknown design', () => {
    expect(riskOfBias(facts({ studies: [study('unknown', 30, 'A'), study('unknown', 70, 'B')] })).decision).toBe('downgrade');
  });

  test('does not fire: 40 of 100 patients, or exactly half', () => {
    expect(riskOfBias(facts({ studies: [study('retrospective', 40, 'A'), study('registry', 60, 'B')] }))).toEqual({
      domain: 'risk of bias', decision: 'no change', levels: 0,
      reason: 'retrospective or design-unknown series hold 40.0% of the patients (40 of 100; 1 of 2 studies): not more than 50.0%',
    });
    expect(riskOfBias(facts({ studies: [study('retrospective', 50, 'A'), study('prospective', 50, 'B')] })).decision).toBe('no change');
  });

  test('counts studies when one prints no n', () => {
    expect(riskOfBias(facts({ studies: [study('retrospective', null, 'A'), study('prospective', 900, 'B')] })).reason)
      .toBe('retrospective or design-unknown series hold 1 of 2 studies (50.0%; not every study prints n): not more than 50.0%');
    expect(riskOfBias(facts({ studies: [study('retrospective', null, 'A'), study('unknown', 900, 'B'), study('phase2', 10, 'C')] })).decision)
      .toBe('downgrade');
  });

  test('not assessable for trials and review statements', () => {
    expect(riskOfBias(facts({ basis: 'trial' }))).toEqual({
      domain: 'risk of bias', decision: 'not assessable', levels: 0,
      reason: 'randomised; the table records no item of risk of bias (allocation concealment, blinding, attrition): the panel\'s judgement',
    });
    expect(riskOfBias(facts({ basis: 'review' })).reason).toBe('the studies behind a review-level range are not named: their design cannot be read');
  });
});

describe('inconsistency (I² > 50 % or a PI across the decision threshold; medians: spread > 2)', () => {
  test('fires on I² alone', () => {
    expect(inconsistency(facts({ effect: proportion(0.7, [0.65, 0.75], [0.6, 0.8], 60) }))).toEqual({
      domain: 'inconsistency', decision: 'downgrade', levels: 1,
      reason: 'I² = 60.0% > 50%; 95% PI 60.0%–80.0% does not include the decision threshold 40.0%',
    });
  });

  test('fires on the prediction interval alone', () => {
    expect(inconsistency(facts({ effect: proportion(0.5, [0.45, 0.55], [0.3, 0.7], 30) }))).toEqual({
      domain: 'inconsistency', decision: 'downgrade', levels: 1,
      reason: 'I² = 30.0% ≤ 50%; 95% PI 30.0%–70.0% includes the decision threshold 40.0%',
    });
  });

  test('does not fire: I² at most 50 % and the PI on one side', () => {
    expect(inconsistency(facts())).toEqual({
      domain: 'inconsistency', decision: 'no change', levels: 0,
      reason: 'I² = 20.0% ≤ 50%; 95% PI 42.0%–58.0% does not include the decision threshold 40.0%',
    });
    expect(inconsistency(facts({ effect: proportion(0.5, [0.45, 0.55], [0.42, 0.58], 50) })).decision).toBe('no change');
  });

  test('the threshold follows the outcome (response 20 %)', () => {
    expect(inconsistency(facts({ outcome: 'orr', effect: proportion(0.3, [0.25, 0.35], [0.15, 0.45], 10) })).reason)
      .toBe('I² = 10.0% ≤ 50%; 95% PI 15.0%–45.0% includes the decision threshold 20.0%');
  });

  test('GLMM (no I²) and no threshold', () => {
    expect(inconsistency(facts({ effect: proportion(0.5, [0.45, 0.55], [0.3, 0.7], null) })).reason)
      .toBe('I² not estimated by this model; 95% PI 30.0%–70.0% includes the decision threshold 40.0%');
    const noThreshold = { ...T, decision: {} };
    expect(inconsistency(facts({ effect: proportion(0.5, [0.45, 0.55], [0.3, 0.7], 10) }), noThreshold)).toEqual({
      domain: 'inconsistency', decision: 'no change', levels: 0,
      reason: 'I² = 10.0% ≤ 50%; 95% PI 30.0%–70.0%; no decision threshold for this outcome',
    });
  });

  test('hazard ratios: the PI against 1', () => {
    const e: SofEffect = {
      kind: 'ratio', endpoint: 'pfs', comparison: 'x vs placebo', estimate: 0.9, ci: [0.85, 0.95], pi: [0.8, 1.2], I2: 10, pooled: true, trials: [],
    };
    expect(inconsistency(facts({ outcome: 'hazard_ratio', basis: 'trial', effect: e })).reason)
      .toBe('I² = 10.0% ≤ 50%; 95% PI 0.80–1.20 includes the decision threshold 1.00');
  });

  test('not assessable with one study, one trial or a review statement', () => {
    expect(inconsistency(facts({ studies: [study('prospective', 100)] }))).toEqual({
      domain: 'inconsistency', decision: 'not assessable', levels: 0, reason: 'one study: consistency cannot be judged',
    });
    expect(inconsistency(facts({ basis: 'trial', studies: [study('rct', 100)] })).reason).toBe('one trial: consistency cannot be judged');
    expect(inconsistency(facts({ basis: 'review', effect: { kind: 'review', statements: [] } })).reason)
      .toBe('a review-level range: no study results to compare');
  });

  test('medians: fires when the largest is more than twice the smallest', () => {
    const median = (range: [number, number]): SofEffect => ({ kind: 'median', estimate: 20, ci: null, range, weighted: null });
    expect(inconsistency(facts({ outcome: 'os_median_months', effect: median([10, 25]) }))).toEqual({
      domain: 'inconsistency', decision: 'downgrade', levels: 1,
      reason: 'study medians range 10–25 months: the largest is 2.5 times the smallest (> 2)',
    });
    expect(inconsistency(facts({ outcome: 'os_median_months', effect: median([10, 20]) }))).toEqual({
      domain: 'inconsistency', decision: 'no change', levels: 0,
      reason: 'study medians range 10–20 months: the largest is 2 times the smallest (≤ 2)',
    });
  });

  test('trial comparisons not pooled: fires when they point different ways', () => {
    const c = (t: number, ctl: number) => ({
      cohortId: 'x', trial: 'x', arm: 'a', comparator: 'placebo', treatment: String(t), control: String(ctl), treatmentValue: t, controlValue: ctl, unit: 'months',
    });
    const two = [study('rct', 100, 'A'), study('rct', 100, 'B')];
    expect(inconsistency(facts({ basis: 'trial', studies: two, effect: { kind: 'comparison', comparisons: [c(11, 5), c(4, 6)] } })))
      .toEqual({ domain: 'inconsistency', decision: 'downgrade', levels: 1, reason: 'the 2 trials point in different directions' });
    expect(inconsistency(facts({ basis: 'trial', studies: two, effect: { kind: 'comparison', comparisons: [c(11, 5), c(8, 6)] } })))
      .toEqual({ domain: 'inconsistency', decision: 'no change', levels: 0, reason: 'the 2 trials point in the same direction' });
  });
});

describe('imprecision (CI against the threshold and 2d; N against the OIS)', () => {
  test('does not fire: a narrow CI on one side of the threshold and N above the OIS', () => {
    expect(imprecision(facts())).toEqual({
      domain: 'imprecision', decision: 'no change', levels: 0,
      reason: '95% CI 45.0%–55.0% (width 10.0 percentage points) does not include the decision threshold 40.0% and is not wider than 2d = 20.0 percentage points; N = 200 ≥ OIS 97 (z²·p(1−p)/d², p = 50.0%, d = 10.0 percentage points)',
    });
  });

  test('fires (one level) on a CI across the threshold alone', () => {
    expect(imprecision(facts({ effect: proportion(0.45, [0.38, 0.52], null, 0) }))).toEqual({
      domain: 'imprecision', decision: 'downgrade', levels: 1,
      reason: '95% CI 38.0%–52.0% (width 14.0 percentage points) includes the decision threshold 40.0% and is not wider than 2d = 20.0 percentage points; N = 200 ≥ OIS 96 (z²·p(1−p)/d², p = 45.0%, d = 10.0 percentage points)',
    });
  });

  test('fires (one level) on a CI wider than 2d alone', () => {
    const s = imprecision(facts({ effect: proportion(0.6, [0.45, 0.72], null, 0) }));
    expect(s.levels).toBe(1);
    expect(s.reason).toBe('95% CI 45.0%–72.0% (width 27.0 percentage points) does not include the decision threshold 40.0% and is wider than 2d = 20.0 percentage points; N = 200 ≥ OIS 93 (z²·p(1−p)/d², p = 60.0%, d = 10.0 percentage points)');
  });

  test('fires (one level) on N below the OIS alone', () => {
    const s = imprecision(facts({ n: 50 }));
    expect([s.decision, s.levels]).toEqual(['downgrade', 1]);
    expect(s.reason.endsWith('; N = 50 < OIS 97 (z²·p(1−p)/d², p = 50.0%, d = 10.0 percentage points)')).toBe(true);
  });

  test('fires two levels when the CI crosses the threshold and N is below the OIS', () => {
    expect(imprecision(facts({ n: 50, effect: proportion(0.45, [0.3, 0.6], null, 0) }))).toEqual({
      domain: 'imprecision', decision: 'downgrade', levels: 2,
      reason: '95% CI 30.0%–60.0% (width 30.0 percentage points) includes the decision threshold 40.0% and is wider than 2d = 20.0 percentage points; N = 50 < OIS 96 (z²·p(1−p)/d², p = 45.0%, d = 10.0 percentage points)',
    });
  });

  test('a rare event is judged on its relative precision (perioperative mortality 2 %: d = 1 point, OIS 753)', () => {
    const s = imprecision(facts({ outcome: 'mortality_periop', n: 417, effect: proportion(0.02, [0.012, 0.028], null, 0) }));
    expect(s).toEqual({
      domain: 'imprecision', decision: 'downgrade', levels: 1,
      reason: '95% CI 1.2%–2.8% (width 1.6 percentage points) does not include the decision threshold 5.0% and is not wider than 2d = 2.0 percentage points; N = 417 < OIS 753 (z²·p(1−p)/d², p = 2.0%, d = 1.0 percentage points)',
    });
    expect(imprecision(facts({ outcome: 'mortality_periop', n: 800, effect: proportion(0.02, [0.012, 0.028], null, 0) })).decision).toBe('no change');
  });

  test('N not printed', () => {
    expect(imprecision(facts({ n: null })).reason.endsWith('; N not printed: the OIS of 97 cannot be shown to be met')).toBe(true);
  });

  test('medians: no CI below k = 6 fires; a narrow CI with N above the OIS does not', () => {
    const m = (ci: [number, number] | null): SofEffect => ({ kind: 'median', estimate: 50, ci, range: [30, 60], weighted: null });
    const three = [study('retrospective', 100, 'A'), study('retrospective', 100, 'B'), study('retrospective', 212, 'C')];
    expect(imprecision(facts({ outcome: 'os_median_months', studies: three, n: 412, effect: m(null) }))).toEqual({
      domain: 'imprecision', decision: 'downgrade', levels: 1,
      reason: 'no 95% CI (k = 3: too few medians for a distribution-free interval); N = 412 ≥ OIS 97 (S = 50% at the median to ± 10.0 percentage points)',
    });
    expect(imprecision(facts({ outcome: 'os_median_months', n: 500, effect: m([40, 60]) }))).toEqual({
      domain: 'imprecision', decision: 'no change', levels: 0,
      reason: '95% CI 40–60 months is not wider than the pooled median (50 months); N = 500 ≥ OIS 97 (S = 50% at the median to ± 10.0 percentage points)',
    });
    expect(imprecision(facts({ outcome: 'os_median_months', n: 500, effect: m([20, 90]) })).reason)
      .toBe('95% CI 20–90 months is wider than the pooled median (50 months); N = 500 ≥ OIS 97 (S = 50% at the median to ± 10.0 percentage points)');
    expect(imprecision(facts({ outcome: 'os_median_months', n: 60, effect: m([40, 60]) })).decision).toBe('downgrade');
  });

  test('hazard ratios: the CI against 1, N against the events needed for HR 0.75', () => {
    const hr = (ci: [number, number] | null): SofEffect => ({
      kind: 'ratio', endpoint: 'ttp', comparison: 'ssa vs placebo', estimate: 0.34, ci, pi: null, I2: null, pooled: false, trials: [],
    });
    const trial = (n: number | null, ci: [number, number] | null) => facts({ basis: 'trial', outcome: 'hazard_ratio', n, effect: hr(ci) });
    expect(imprecision(trial(85, [0.2, 0.59]))).toEqual({
      domain: 'imprecision', decision: 'downgrade', levels: 1,
      reason: '95% CI 0.20–0.59 does not include 1 (no difference); N = 85 < OIS 380 (events to detect HR 0.75 with α = 5%, power 80%; patients ≥ events)',
    });
    expect(imprecision(trial(85, [0.8, 1.2])).levels).toBe(2);
    expect(imprecision(trial(500, [0.5, 0.8]))).toEqual({
      domain: 'imprecision', decision: 'no change', levels: 0,
      reason: '95% CI 0.50–0.80 does not include 1 (no difference); N = 500 ≥ OIS 380 (events to detect HR 0.75 with α = 5%, power 80%; patients ≥ events); events are not in the table',
    });
    expect(imprecision(trial(500, [0.8, 1.2])).levels).toBe(1);
    expect(imprecision(trial(500, null)).reason).toBe('no 95% CI is printed; N = 500 ≥ OIS 380 (events to detect HR 0.75 with α = 5%, power 80%; patients ≥ events); events are not in the table');
  });

  test('trial comparisons of medians: N against the OIS', () => {
    const e: SofEffect = { kind: 'comparison', comparisons: [] };
    expect(imprecision(facts({ basis: 'trial', effect: e, n: 171 }))).toEqual({
      domain: 'imprecision', decision: 'downgrade', levels: 1,
      reason: 'no CI of the difference is printed; N = 171 < OIS 380 (events to detect HR 0.75 with α = 5%, power 80%; patients ≥ events)',
    });
    expect(imprecision(facts({ basis: 'trial', effect: e, n: 410 })).decision).toBe('no change');
    expect(imprecision(facts({ basis: 'trial', effect: e, n: null })).reason)
      .toBe('no CI of the difference is printed; patients randomised not printed: the OIS 380 (events to detect HR 0.75 with α = 5%, power 80%; patients ≥ events) cannot be shown to be met');
  });

  test('not assessable for a review statement', () => {
    expect(imprecision(facts({ basis: 'review', effect: { kind: 'review', statements: [] } }))).toEqual({
      domain: 'imprecision', decision: 'not assessable', levels: 0, reason: 'a review-level range: no patients are counted',
    });
  });
});

describe('publicationBias (not assessable at k < 10; Egger p < 0.10 from k = 10)', () => {
  const ten = Array.from({ length: 10 }, (_, i) => study('prospective', 50, `S${i}`));
  test('not assessable below k = 10, never a downgrade on that alone', () => {
    expect(publicationBias(facts({ studies: ten.slice(0, 9) }))).toEqual({
      domain: 'publication bias', decision: 'not assessable', levels: 0,
      reason: 'k = 9 < 10: funnel-plot tests have too little power; not rated down on that alone',
    });
  });
  test('fires on Egger p < 0.10', () => {
    expect(publicationBias(facts({ studies: ten, eggerP: 0.03 }))).toEqual({
      domain: 'publication bias', decision: 'downgrade', levels: 1, reason: 'k = 10; Egger\'s test p = 0.030 < 0.1: small-study effects',
    });
  });
  test('does not fire on Egger p ≥ 0.10', () => {
    expect(publicationBias(facts({ studies: ten, eggerP: 0.5 }))).toEqual({
      domain: 'publication bias', decision: 'no change', levels: 0, reason: 'k = 10; Egger\'s test p = 0.500 ≥ 0.1',
    });
  });
  test('not assessable for medians at k = 10', () => {
    const e: SofEffect = { kind: 'median', estimate: 20, ci: [15, 25], range: [10, 30], weighted: null };
    expect(publicationBias(facts({ studies: ten, effect: e })).reason).toBe('k = 10, but no funnel-plot test applies to medians');
  });
});

describe('indirectness (review-level statements; subgroup rows holding most patients)', () => {
  test('fires for a review-level statement', () => {
    expect(indirectness(facts({ basis: 'review', effect: { kind: 'review', statements: [] } }))).toEqual({
      domain: 'indirectness', decision: 'downgrade', levels: 1,
      reason: 'review-level statement only: a range across studies the review does not name, not study data',
    });
  });
  test('fires when subgroup rows hold 60 of 100 patients', () => {
    expect(indirectness(facts({ studies: [study('retrospective', 60, 'Mayo 2011 (IAT)', true), study('retrospective', 40, 'B')] }))).toEqual({
      domain: 'indirectness', decision: 'downgrade', levels: 1,
      reason: 'rows reporting a subgroup of their cohort (Mayo 2011 (IAT)) hold 60.0% of the patients (60 of 100; 1 of 2 studies): more than 50.0%',
    });
  });
  test('does not fire when subgroup rows hold 30 of 100 patients, or there are none', () => {
    expect(indirectness(facts({ studies: [study('retrospective', 30, 'X (high grade)', true), study('retrospective', 70, 'B')] }))).toEqual({
      domain: 'indirectness', decision: 'no change', levels: 0,
      reason: 'rows reporting a subgroup of their cohort (X (high grade)) hold 30.0% of the patients (30 of 100; 1 of 2 studies): not more than 50.0%',
    });
    expect(indirectness(facts())).toEqual({ domain: 'indirectness', decision: 'no change', levels: 0, reason: 'no pooled row reports a subgroup of its cohort' });
    expect(indirectness(facts({ basis: 'trial' })).reason).toBe('no trial result reports a subgroup of its cohort');
  });
});

describe('rate: the starting level lowered by every step, never below very low', () => {
  test('observational with no downgrade stays low; one downgrade makes it very low', () => {
    expect(rate(facts()).certainty).toBe('low');
    expect(rate(facts({ n: 50 })).certainty).toBe('very low');
  });
  test('randomised: high, moderate with one level, low with two', () => {
    const hr = (ci: [number, number]): SofEffect => ({
      kind: 'ratio', endpoint: 'pfs', comparison: 'x vs placebo', estimate: 0.6, ci, pi: null, I2: null, pooled: false, trials: [],
    });
    const trial = (n: number, ci: [number, number]) => facts({ basis: 'trial', outcome: 'hazard_ratio', studies: [study('rct', n)], n, effect: hr(ci) });
    expect(rate(trial(500, [0.5, 0.8])).certainty).toBe('high');
    expect(rate(trial(85, [0.5, 0.8])).certainty).toBe('moderate');
    expect(rate(trial(85, [0.5, 1.2])).certainty).toBe('low');
  });
  test('never below very low, and five steps in the GRADE order', () => {
    const r = rate(facts({ n: 10, studies: [study('retrospective', 5, 'A', true), study('retrospective', 5, 'B', true)], effect: proportion(0.45, [0.2, 0.7], [0.1, 0.9], 80) }));
    expect(r.steps.reduce((a, s) => a + s.levels, 0)).toBe(5);
    expect(r.certainty).toBe('very low');
    expect(r.steps.map((s) => s.domain)).toEqual(['risk of bias', 'inconsistency', 'imprecision', 'publication bias', 'indirectness']);
  });
});

// ------------------------------------------------------------------------------------------------------------------
// summaryOfFindings on small hand-made study tables; pooled values from metafor 3.8.1 rma(PLO, REML, knha) and
// regtest(model = "lm", predictor = "sei"): scripts/reference/summary-of-findings.R → test/fixtures/summary-of-findings.json

interface RefGroup {
  k: number; estimate: number; ci: [number, number]; pi: [number, number]; I2: number; egger_p?: number;
}
const ref = JSON.parse(readFileSync('test/fixtures/summary-of-findings.json', 'utf8')) as Record<'hetero' | 'homo' | 'asym' | 'sym', RefGroup>;

type Change = Partial<Record<StudyColumn, string>>;
let rowNumber = 2;
function rec(change: Change) {
  const row = rowNumber++;
  return studyRecord({ row_id: `r${row}`, cohort_id: `c${row}`, study: `Study ${row}`, quote: 'a phrase', ...change }, row);
}
const series = (
  modality: string, outcome: string, design: string, pairs: readonly [number, number][],
) => pairs.map(([percent, n]) => rec({
  modality, outcome, design, value: String(percent), n: String(n), time_months: outcome === 'os_5y' ? '60' : '',
}));

const records = [
  // tace 5-year OS: 10/50, 30/50, 20/40 (hetero)
  ...series('tace', 'os_5y', 'retrospective', [[20, 50], [60, 50], [50, 40]]),
  // rfa 5-year OS: 30/50, 31/50 (homo)
  ...series('rfa', 'os_5y', 'prospective', [[60, 50], [62, 50]]),
  // y90 response: ten series, the small ones responding more (asym)
  ...series('y90', 'orr', 'retrospective', [[70, 20], [64, 25], [60, 30], [55, 40], [50, 50], [45, 60], [42.5, 80], [40, 100], [38, 150], [36, 200]]),
  // prrt response: ten series (sym)
  ...series('prrt', 'orr', 'prospective', [[40, 20], [52, 25], [40, 30], [50, 40], [40, 50], [50, 60], [40, 80], [50, 100], [40, 150], [50, 200]]),
  // resection median OS: three series, 20, 30, 45 months
  ...series('resection', 'os_median_months', 'retrospective', [[20, 40], [30, 50], [45, 60]]),
  // a randomised phase III trial: sunitinib vs placebo, median PFS and the PFS hazard ratio
  rec({ cohort_id: 'trial1', study: 'Trial 2011', modality: 'sunitinib', arm: 'sunitinib', design: 'phase3', n: '', outcome: 'pfs_median_months', value: '11.4', time_months: '', note: '171 patients randomised' }),
  rec({ cohort_id: 'trial1', study: 'Trial 2011', modality: 'placebo', arm: 'placebo', design: 'phase3', n: '', outcome: 'pfs_median_months', value: '5.5', time_months: '' }),
  rec({ cohort_id: 'trial1', study: 'Trial 2011', modality: 'sunitinib', arm: 'sunitinib vs placebo', design: 'phase3', n: '', outcome: 'hazard_ratio', value: '0.42', low: '0.26', high: '0.66', time_months: '', note: 'progression-free survival' }),
  // a review-level range only: TAE 5-year OS 20–40 %
  rec({ cohort_id: 'review_tae', study: 'Review range', modality: 'tae', design: 'review_range', n: '', outcome: 'os_5y', value: '', low: '20', high: '40' }),
];
const input = { kind: 'studies' as const, records, problems: [] };
const sof = summaryOfFindings(input, { method: 'REML', test: 'knha' });
const byId = new Map(sof.rows.map((r) => [r.id, r]));
const row = (id: string): SofRow => {
  const r = byId.get(id);
  if (!r) throw new Error(`no row ${id}; rows: ${[...byId.keys()].join(', ')}`);
  return r;
};
const stepOf = (r: SofRow, domain: string) => r.steps.find((s) => s.domain === domain)!;

describe('summaryOfFindings(input, spec) on a hand-made table', () => {
  test('one row per modality × outcome and kind of evidence, in vocabulary order', () => {
    expect(sof.rows.map((r) => r.id)).toEqual([
      'resection.os_median_months', 'rfa.os_5y', 'tae.os_5y', 'tace.os_5y', 'y90.orr', 'prrt.orr',
      'sunitinib.pfs_median_months.trial', 'sunitinib.hazard_ratio.pfs',
    ]);
  });

  test('pooled proportion: k, N, designs and the effect as metafor', () => {
    const r = row('tace.os_5y');
    expect([r.k, r.n, r.designs]).toEqual([3, 140, ['retrospective']]);
    if (r.effect.kind !== 'proportion') throw new Error('not a proportion');
    expect(relError(r.effect.estimate, ref.hetero.estimate)).toBeLessThan(TOL.back);
    r.effect.ci.forEach((x, i) => expect(relError(x, ref.hetero.ci[i])).toBeLessThan(TOL.ci));
    r.effect.pi!.forEach((x, i) => expect(relError(x, ref.hetero.pi[i])).toBeLessThan(TOL.pi));
    expect(relError(r.effect.I2!, ref.hetero.I2)).toBeLessThan(TOL.heterogeneity);
  });

  test('heterogeneous retrospective series: risk of bias, inconsistency, imprecision fire → very low', () => {
    const r = row('tace.os_5y');
    expect(r.start).toEqual({ level: 'low', reason: 'observational: 3 single-arm series pooled (non-comparative): starts at low' });
    // metafor: I² 88.29 %, PI 0.87 %–98.38 %, CI 6.69 %–88.19 %, p̂ 42.26 % → OIS ⌈3.841459 × 0.4226 × 0.5774 / 0.01⌉ = 94
    expect(stepOf(r, 'inconsistency').reason).toBe('I² = 88.3% > 50%; 95% PI 0.9%–98.4% includes the decision threshold 40.0%');
    expect(stepOf(r, 'imprecision')).toEqual({
      domain: 'imprecision', decision: 'downgrade', levels: 1,
      reason: '95% CI 6.7%–88.2% (width 81.5 percentage points) includes the decision threshold 40.0% and is wider than 2d = 20.0 percentage points; N = 140 ≥ OIS 94 (z²·p(1−p)/d², p = 42.3%, d = 10.0 percentage points)',
    });
    expect(stepOf(r, 'risk of bias').decision).toBe('downgrade');
    expect(stepOf(r, 'publication bias').decision).toBe('not assessable');
    expect(r.certainty).toBe('very low');
  });

  test('homogeneous prospective series: only the CI width fires → very low', () => {
    const r = row('rfa.os_5y');
    // metafor: I² 0, PI = CI 47.83 %–72.74 %, p̂ 61.0 % → OIS ⌈3.841459 × 0.61 × 0.39 / 0.01⌉ = 92
    expect(r.steps.map((s) => [s.domain, s.decision])).toEqual([
      ['risk of bias', 'no change'], ['inconsistency', 'no change'], ['imprecision', 'downgrade'],
      ['publication bias', 'not assessable'], ['indirectness', 'no change'],
    ]);
    expect(stepOf(r, 'inconsistency').reason).toBe('I² = 0.0% ≤ 50%; 95% PI 47.8%–72.7% does not include the decision threshold 40.0%');
    expect(stepOf(r, 'imprecision').reason).toBe('95% CI 47.8%–72.7% (width 24.9 percentage points) does not include the decision threshold 40.0% and is wider than 2d = 20.0 percentage points; N = 100 ≥ OIS 92 (z²·p(1−p)/d², p = 61.0%, d = 10.0 percentage points)');
    expect(r.certainty).toBe('very low');
  });

  test('ten series: Egger\'s test fires on the asymmetric ones, not on the others (metafor regtest)', () => {
    expect(ref.asym.egger_p).toBeLessThan(0.001);
    expect(row('y90.orr').eggerP).toBeCloseTo(ref.asym.egger_p!, 12);
    expect(stepOf(row('y90.orr'), 'publication bias')).toEqual({
      domain: 'publication bias', decision: 'downgrade', levels: 1, reason: 'k = 10; Egger\'s test p < 0.001 < 0.1: small-study effects',
    });
    expect(relError(row('prrt.orr').eggerP!, ref.sym.egger_p!)).toBeLessThan(TOL.pvalue);
    expect(stepOf(row('prrt.orr'), 'publication bias')).toEqual({
      domain: 'publication bias', decision: 'no change', levels: 0, reason: 'k = 10; Egger\'s test p = 0.643 ≥ 0.1',
    });
  });

  test('pooled medians: the median of the medians, their spread and no CI at k = 3', () => {
    const r = row('resection.os_median_months');
    expect([r.k, r.n]).toEqual([3, 150]);
    expect(r.effect).toMatchObject({ kind: 'median', estimate: 30, ci: null, range: [20, 45] });
    expect(stepOf(r, 'inconsistency').reason).toBe('study medians range 20–45 months: the largest is 2.25 times the smallest (> 2)');
    expect(stepOf(r, 'imprecision').reason).toBe('no 95% CI (k = 3: too few medians for a distribution-free interval); N = 150 ≥ OIS 97 (S = 50% at the median to ± 10.0 percentage points)');
  });

  test('a randomised trial starts at high: the medians arm vs comparator, and the hazard ratio', () => {
    const m = row('sunitinib.pfs_median_months.trial');
    expect([m.basis, m.k, m.n, m.designs, m.start.level]).toEqual(['trial', 1, 171, ['randomised phase III'], 'high']);
    expect(m.effect).toEqual({
      kind: 'comparison', comparisons: [{
        cohortId: 'trial1', trial: 'Trial 2011', arm: 'sunitinib', comparator: 'placebo', treatment: '11.4', control: '5.5',
        treatmentValue: 11.4, controlValue: 5.5, unit: 'months',
      }],
    });
    expect(m.certainty).toBe('moderate');
    const hr = row('sunitinib.hazard_ratio.pfs');
    expect(hr.effect).toMatchObject({ kind: 'ratio', estimate: 0.42, ci: [0.26, 0.66], pooled: false, comparison: 'sunitinib vs placebo' });
    expect(stepOf(hr, 'imprecision').reason).toBe('95% CI 0.26–0.66 does not include 1 (no difference); N = 171 < OIS 380 (events to detect HR 0.75 with α = 5%, power 80%; patients ≥ events)');
    expect(hr.certainty).toBe('moderate');
  });

  test('a review-level range alone: indirectness fires → very low', () => {
    const r = row('tae.os_5y');
    expect(r.effect).toEqual({ kind: 'review', statements: [{ rowId: records.at(-1)!.row_id, printed: '20–40', seed: '001' }] });
    expect(stepOf(r, 'indirectness').decision).toBe('downgrade');
    expect(r.certainty).toBe('very low');
  });

  test('the exclusions of every view: a cohort leaves its row, a trial leaves its rows', () => {
    const out = summaryOfFindings(input, { method: 'REML', test: 'knha', exclude: [records[0].cohort_id, 'trial1', 'review_tae'] });
    const ids = new Map(out.rows.map((r) => [r.id, r]));
    expect(ids.get('tace.os_5y')!.k).toBe(2);
    expect(ids.get('tace.os_5y')!.n).toBe(90);
    expect([...ids.keys()].filter((id) => id.startsWith('sunitinib') || id.startsWith('tae.'))).toEqual([]);
  });

  test('thresholds can be changed (a panel\'s own)', () => {
    const out = summaryOfFindings(input, { method: 'REML', test: 'knha', thresholds: { decision: { os_5y: 0.5 } } });
    expect(out.rows.find((r) => r.id === 'rfa.os_5y')!.steps[1].reason).toBe('I² = 0.0% ≤ 50%; 95% PI 47.8%–72.7% includes the decision threshold 50.0%');
    expect(out.thresholds.decision.orr).toBe(0.2);
  });
});

describe('summaryOfFindings on the bundled table', () => {
  const table = readStudies(readFileSync('public/studies.csv', 'utf8'));
  const bundled = { kind: 'studies' as const, records: table.records, problems: table.problems };
  test('resection 5-year OS: k = 9, 8 without Mayo 2010 (as nelm pool --exclude mayo_2010)', () => {
    const all = summaryOfFindings(bundled, { method: 'REML', test: 'knha' }).rows.find((r) => r.id === 'resection.os_5y')!;
    const without = summaryOfFindings(bundled, { method: 'REML', test: 'knha', exclude: ['mayo_2010'] }).rows.find((r) => r.id === 'resection.os_5y')!;
    expect([all.k, without.k]).toEqual([9, 8]);
    expect(all.steps.every((s) => s.reason.length > 0)).toBe(true);
  });
});
