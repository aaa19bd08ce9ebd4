import { tTwoSidedP } from './distributions.ts';
import { smallKBiasWarnings } from './smallKBiasWarnings.ts';
import type { EffectSize, Warning } from './types.ts';
import { weightedRegression } from './weightedRegression.ts';

export interface EggerTest {
  /** t statistic of the slope on the standard error (the funnel-asymmetry coefficient) */
  readonly t: number;
  /** residual degrees of freedom, k − 2 */
  readonly df: number;
  readonly p: number;
  /** the limit estimate at sei = 0 (metafor's `est`; the PET estimate of Stanley & Doucouliagos 2014) */
  readonly intercept: number;
  readonly slope: number;
  readonly warnings: readonly Warning[];
}

/**
 * Egger's regression test for funnel-plot asymmetry (Egger et al. 1997; Sterne & Egger 2005), as metafor's
 * regtest(model = "lm", predictor = "sei"): weighted least squares of yᵢ on seᵢ = √vᵢ with weights 1/vᵢ and a
 * multiplicative dispersion (residual variance estimated, s² = RSS_w / (k − 2)); t-test with k − 2 df of the
 * slope on seᵢ. This slope is the intercept of Egger's original regression of yᵢ/seᵢ on 1/seᵢ.
 */
export function egger(effects: readonly EffectSize[]): EggerTest {
  const k = effects.length;
  const y = effects.map((e) => e.yi);
  const se = effects.map((e) => Math.sqrt(e.vi));
  const w = effects.map((e) => 1 / e.vi);
  const fit = weightedRegression(y, se, w);
  const df = k - 2;
  const s2 = fit.rss / df;
  const t = fit.slope / Math.sqrt(s2 * fit.unscaledCov[1][1]);
  return {
    t: df > 0 ? t : NaN,
    df,
    p: df > 0 ? tTwoSidedP(t, df) : NaN,
    intercept: fit.intercept,
    slope: fit.slope,
    warnings: smallKBiasWarnings(k, 'Egger\'s regression test'),
  };
}
