import { normalQuantile } from './normal.ts';
import { tQuantile } from './studentT.ts';
import type { Interval, Test } from './types.ts';
import { MU, RSS, SUMS_LENGTH, SW, weightedSums } from './weightedSums.ts';

export interface Inference {
  readonly estimate: number;
  readonly se: number;
  readonly ci: Interval;
  /** null for the common-effect model and for k = 1 */
  readonly pi: Interval | null;
  /** degrees of freedom of the t reference distribution, or null for z */
  readonly df: number | null;
}

const LEVEL = 0.95;

/**
 * Inverse-variance estimate with w = 1/(v + τ²), its SE and 95% CI by `test`:
 * z: Wald, SE = √(1/Σw);
 * knha: Hartung & Knapp (2001) / Sidik & Jonkman (2002): SE² = s² / Σw with s² = Σw(y − μ̂)²/(k − 1), t(k − 1);
 * adhoc: the same with s² truncated below at 1, so never narrower than z's SE (Knapp & Hartung 2003; Röver et al. 2015).
 * Prediction interval as metafor's predict(): μ̂ ± crit · √(SE² + τ²), crit from t(k − 1) under knha/adhoc, z
 * otherwise (Higgins, Thompson & Spiegelhalter 2009; Riley et al. 2011). `withPi` false gives pi = null.
 */
export function inference(y: Float64Array, v: Float64Array, tau2: number, test: Test, withPi: boolean): Inference {
  const k = y.length;
  const s = weightedSums(y, v, tau2, new Float64Array(SUMS_LENGTH));
  const sw = s[SW];
  const estimate = s[MU];
  let s2w = 1;
  let df: number | null = null;
  if (test !== 'z' && k > 1) {
    const rss = s[RSS];
    // metafor sets s² = 0 when the residual sum of squares is numerically zero.
    s2w = rss <= Number.EPSILON ? 0 : rss / (k - 1);
    if (test === 'adhoc') s2w = Math.max(1, s2w);
    df = k - 1;
  }
  const se = Math.sqrt(s2w / sw);
  const crit = df === null ? normalQuantile(1 - (1 - LEVEL) / 2) : tQuantile(1 - (1 - LEVEL) / 2, df);
  const ci: Interval = [estimate - crit * se, estimate + crit * se];
  const sePred = Math.sqrt(se * se + tau2);
  const pi: Interval | null = withPi ? [estimate - crit * sePred, estimate + crit * sePred] : null;
  return { estimate, se, ci, pi, df };
}
