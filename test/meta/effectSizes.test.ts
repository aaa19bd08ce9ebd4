import { describe, expect, test } from 'vitest';
import { genericEffect, proportionEffect, ratioCiEffect } from '../../src/meta/effectSizes.ts';

// Expected values: metafor 3.8-1 escalc() (Rscript, printed with %.17g), quoted beside each test.
describe('proportionEffect(study, events, n, measure) as metafor escalc', () => {
  test('PLO with 0 events adds 0.5 to both cells: escalc("PLO", xi=0, ni=12) = -3.2188758248682006, 2.08', () => {
    const e = proportionEffect('A', 0, 12, 'PLO');
    expect(e.yi).toBeCloseTo(-3.2188758248682006, 14);
    expect(e.vi).toBeCloseTo(2.08, 14);
    expect([e.events, e.n]).toEqual([0, 12]);
  });
  test('PR with n events is corrected too: escalc("PR", xi=12, ni=12) = 0.96153846153846156, 0.0028447883477469254', () => {
    const e = proportionEffect('A', 12, 12, 'PR');
    expect(e.yi).toBeCloseTo(0.96153846153846156, 14);
    expect(e.vi).toBeCloseTo(0.0028447883477469254, 16);
  });
  test('PAS is not corrected: escalc("PAS", xi=0, ni=12) = 0, 1/48', () => {
    const e = proportionEffect('A', 0, 12, 'PAS');
    expect(e.yi).toBe(0);
    expect(e.vi).toBeCloseTo(0.020833333333333332, 16);
  });
  test('PFT is not corrected: escalc("PFT", xi=12, ni=12) = 1.4302788760434899, 0.02', () => {
    const e = proportionEffect('A', 12, 12, 'PFT');
    expect(e.yi).toBeCloseTo(1.4302788760434899, 14);
    expect(e.vi).toBeCloseTo(0.02, 16);
  });
});

describe('ratioCiEffect(study, estimate, lb, ub)', () => {
  test('HR 0.75 (0.60–0.94) → log 0.75 with SE (log 0.94 − log 0.6)/(2·qnorm(0.975)) = 0.11453022187886241 (R)', () => {
    const e = ratioCiEffect('T', 0.75, 0.6, 0.94);
    expect(e.yi).toBeCloseTo(Math.log(0.75), 15);
    expect(Math.sqrt(e.vi)).toBeCloseTo(0.11453022187886241, 14);
  });
});

describe('genericEffect(study, yi, vi)', () => {
  test('keeps yi and vi as given', () => {
    expect(genericEffect('G', -0.2, 0.04)).toEqual({ study: 'G', yi: -0.2, vi: 0.04 });
  });
});
