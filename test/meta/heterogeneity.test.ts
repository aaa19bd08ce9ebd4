import { describe, expect, test } from 'vitest';
import { heterogeneity } from '../../src/meta/heterogeneity.ts';

describe('heterogeneity(y, v, tau2, common)', () => {
  test('I² and H² with the typical variance ṽ = (k − 1) Σw / ((Σw)² − Σw²), by hand for k = 2', () => {
    // k = 2, v = (1, 4): Σw = 1.25, Σw² = 1.0625, ṽ = 1.25 / (1.5625 − 1.0625) = 2.5; τ² = 2.5 → I² = 50 %, H² = 2
    const h = heterogeneity(Float64Array.of(0, 1), Float64Array.of(1, 4), 2.5, false);
    expect(h.I2).toBeCloseTo(50, 12);
    expect(h.H2).toBeCloseTo(2, 12);
  });

  test('one study with nearly all the weight (v = 1 and 1e-20): ṽ keeps its digits (was 0 / cancelled → I² = 0)', () => {
    // (Σw)² − Σw² = 2·w₁w₂ = 2e20 exactly; ṽ = (1 + 1e20) / 2e20 = 0.5 (to 1e-20); τ² = 0.5 → I² = 50 %, H² = 2
    const h = heterogeneity(Float64Array.of(0, 1), Float64Array.of(1, 1e-20), 0.5, false);
    expect(h.I2).toBeCloseTo(50, 10);
    expect(h.H2).toBeCloseTo(2, 10);
  });

  test('identical effects give Q = 0 and p = 1; k = 1 gives Q = 0, p = 1, I² = 0, H² = 1', () => {
    // common-effect model: H² = Q/(k − 1) = 0 (metafor's rma.uni, method = "FE")
    expect(heterogeneity(Float64Array.of(1, 1, 1), Float64Array.of(1, 2, 3), 0, true))
      .toEqual({ Q: 0, Q_p: 1, I2: 0, H2: 0 });
    expect(heterogeneity(Float64Array.of(1), Float64Array.of(1), 0, false)).toEqual({ Q: 0, Q_p: 1, I2: 0, H2: 1 });
  });
});
