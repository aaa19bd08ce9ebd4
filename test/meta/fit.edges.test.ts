import { describe, expect, test } from 'vitest';
import { proportionEffect } from '../../src/meta/effectSizes.ts';
import { fit } from '../../src/meta/fit.ts';

describe('fit(effects, options) edge cases', () => {
  test('fit([]) throws a RangeError', () => {
    expect(() => fit([], { measure: 'GEN', method: 'REML', test: 'z' })).toThrow(RangeError);
  });
  test('fit with vi ≤ 0 or a non-finite yi throws, naming the study', () => {
    expect(() => fit([{ study: 'A', yi: 0, vi: 0 }], { measure: 'GEN', method: 'DL', test: 'z' })).toThrow(/study A/);
    expect(() => fit([{ study: 'B', yi: Number.NaN, vi: 1 }], { measure: 'GEN', method: 'DL', test: 'z' })).toThrow(/study B/);
  });
  test('k = 1: the estimate is the study, test falls back to z with warnings k1 and test_z_k1', () => {
    const r = fit([{ study: 'A', yi: 0.4, vi: 0.09 }], { measure: 'GEN', method: 'REML', test: 'knha' });
    expect([r.estimate, r.se, r.tau2, r.I2, r.H2, r.Q, r.Q_p]).toEqual([0.4, 0.3, 0, 0, 1, 0, 1]);
    expect(r.test).toBe('z');
    expect(r.pi).toBeNull();
    expect(r.tau2_ci).toBeNull();
    expect(r.warnings.map((w) => w.code)).toEqual(['k1', 'test_z_k1']);
    expect(r.studies[0].weight).toBe(100);
  });
  test('identical studies under knha: s² = 0 so the HK SE is 0 (as metafor), adhoc keeps the z SE', () => {
    const es = [{ study: 'A', yi: 0.2, vi: 0.04 }, { study: 'B', yi: 0.2, vi: 0.04 }];
    expect(fit(es, { measure: 'GEN', method: 'REML', test: 'knha' }).se).toBe(0);
    // z SE = √(1/(25 + 25)) = √0.02
    expect(fit(es, { measure: 'GEN', method: 'REML', test: 'adhoc' }).se).toBeCloseTo(Math.sqrt(0.02), 15);
  });
  test('PLO with a 0-event study warns continuity_correction; PFT warns pft_backtransform', () => {
    const es = [proportionEffect('A', 0, 10, 'PLO'), proportionEffect('B', 3, 10, 'PLO')];
    expect(fit(es, { measure: 'PLO', method: 'DL', test: 'z' }).warnings.map((w) => w.code)).toContain('continuity_correction');
    const ft = [proportionEffect('A', 0, 10, 'PFT'), proportionEffect('B', 3, 10, 'PFT')];
    const codes = fit(ft, { measure: 'PFT', method: 'DL', test: 'z' }).warnings.map((w) => w.code);
    expect(codes).toContain('pft_backtransform');
    expect(codes).not.toContain('continuity_correction');
  });
  test('the result is frozen and its studies are stable between reads', () => {
    const r = fit([{ study: 'A', yi: 0.1, vi: 0.1 }, { study: 'B', yi: 0.5, vi: 0.2 }], { measure: 'GEN', method: 'DL', test: 'z' });
    expect(Object.isFrozen(r)).toBe(true);
    expect(r.studies).toBe(r.studies);
    expect(JSON.parse(JSON.stringify(r)).studies).toHaveLength(2);
  });

  test('identical studies under knha warn se_zero "every study has the same effect"', () => {
    const es = [{ study: 'A', yi: 0.2, vi: 0.04 }, { study: 'B', yi: 0.2, vi: 0.04 }];
    const w = fit(es, { measure: 'GEN', method: 'REML', test: 'knha' }).warnings.find((x) => x.code === 'se_zero');
    expect(w?.message).toMatch(/^every study has the same effect/);
  });
  test('k = 2 far apart: tau2_ci = [lb, 100] as metafor\'s confint, with tau2_ci_censored', () => {
    // metafor 3.8.1 confint(rma(c(0.1, 1.5), c(0.01, 0.02))): τ² CI 0.1801, >100 (scripts/reference/large-k.R)
    const r = fit([{ study: 'A', yi: 0.1, vi: 0.01 }, { study: 'B', yi: 1.5, vi: 0.02 }], { measure: 'GEN', method: 'REML', test: 'z' });
    expect(r.tau2_ci![1]).toBe(100);
    expect(r.warnings.filter((w) => w.code === 'tau2_ci_censored')).toHaveLength(1);
  });
  test('a back-transform that overflows (exp of 800) is named in non_finite; the analysis scale stays finite', () => {
    const es = [{ study: 'A', yi: 800, vi: 1 }, { study: 'B', yi: 801, vi: 1 }];
    const r = fit(es, { measure: 'GEN', method: 'DL', test: 'z', exponentiate: true });
    expect(r.estimate).toBeCloseTo(800.5, 12);
    expect(r.back.estimate).toBe(Infinity);
    const w = r.warnings.find((x) => x.code === 'non_finite');
    expect(w?.message).toMatch(/^not a finite number \(shown as null\): back\.estimate, back\.ci, back\.pi; /);
  });
  test('a finite fit carries no non_finite warning', () => {
    const es = [{ study: 'A', yi: 0.1, vi: 0.04 }, { study: 'B', yi: 0.5, vi: 0.02 }, { study: 'C', yi: 0.3, vi: 0.03 }];
    for (const method of ['FE', 'DL', 'REML'] as const) {
      expect(fit(es, { measure: 'GEN', method, test: 'knha' }).warnings.map((w) => w.code)).not.toContain('non_finite');
    }
  });
});
