import { tTwoSidedP } from './studentT.ts';
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
  const warnings = [...smallKBiasWarnings(k, 'Egger\'s regression test')];
  // Not defined (NaN, as R's lm gives NA) when every study has the same standard error, or the effects lie
  // exactly on a line in it (zero residual variance); each case is said in a warning.
  const sameSe = k > 1 && !Number.isFinite(fit.unscaledCov[1][1]);
  if (sameSe) {
    warnings.push({
      code: 'egger_same_se',
      message: 'every study has the same standard error: Egger\'s regression on the standard error is not defined',
    });
  } else if (df > 0 && !Number.isFinite(t)) {
    warnings.push({
      code: 'egger_exact_fit',
      message: 'the effects lie exactly on a line in the standard error (no residual variance): Egger\'s test is not defined',
    });
  }
  const defined = df > 0 && !sameSe && Number.isFinite(t);
  return {
    t: defined ? t : NaN,
    df,
    p: defined ? tTwoSidedP(t, df) : NaN,
    intercept: sameSe ? NaN : fit.intercept,
    slope: sameSe ? NaN : fit.slope,
    warnings,
  };
}
