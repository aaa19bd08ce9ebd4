import { describe, expect, test } from 'vitest';
import { landmarkCurve } from '../../src/survival/landmarkCurve.ts';
import { pseudoIpd } from '../../src/survival/pseudoIpd.ts';
import { pseudoIpdAtRisk } from '../../src/survival/pseudoIpdAtRisk.ts';

describe('pseudoIpdAtRisk(ipd, times) — expected numbers at risk with no censoring', () => {
  // S(12) = 0.62, S(24) = 0.37 with a constant hazard before 12 months, so S(6) = √0.62 = 0.7874.
  const curve = landmarkCurve({ landmarks: [{ time: 12, surv: 0.62 }, { time: 24, surv: 0.37 }], median: null });
  test('is n·S(t) rounded to whole patients: n = 10 → 10, 8, 6, 4 at 0, 6, 12, 24 months', () => {
    // by hand: 10·1 = 10; 10·0.7874 = 7.87 → 8; 10·0.62 = 6.2 → 6; 10·0.37 = 3.7 → 4 (censored at follow-up 24 still at risk)
    expect(pseudoIpdAtRisk(pseudoIpd(curve, 10, 24), [0, 6, 12, 24])).toEqual([10, 8, 6, 4]);
  });
  test('no one is at risk after the follow-up', () => {
    expect(pseudoIpdAtRisk(pseudoIpd(curve, 10, 24), [36])).toEqual([0]);
  });
  test('Mayo 2010: n = 339 with S(60) = 0.74 → 251 at 60 months', () => {
    // by hand: 339 × 0.74 = 250.86 → 251
    const mayo = landmarkCurve({ landmarks: [{ time: 60, surv: 0.74 }, { time: 120, surv: 0.51 }], median: null });
    expect(pseudoIpdAtRisk(pseudoIpd(mayo, 339, 120), [60])).toEqual([251]);
  });
});
