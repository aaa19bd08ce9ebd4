import { chisqUpper } from './chiSquare.ts';
import { RSS, SUMS_LENGTH, SW, weightedSums } from './weightedSums.ts';

export interface Heterogeneity {
  readonly Q: number;
  readonly Q_p: number;
  /** percent */
  readonly I2: number;
  readonly H2: number;
}

/**
 * Cochran's Q with w = 1/v and its χ²(k − 1) upper-tail p; I² and H² as metafor's rma.uni: for the common-effect
 * model I² = (Q − (k−1))/Q (truncated at 0) and H² = Q/(k−1) (Higgins & Thompson 2002); for random effects
 * I² = τ²/(τ² + ṽ) and H² = (τ² + ṽ)/ṽ with the "typical" within-study variance
 * ṽ = (k − 1) Σw / ((Σw)² − Σw²) (Higgins & Thompson 2002, eq. 9). k = 1: Q = 0, p = 1, I² = 0, H² = 1.
 * Q and its p are not finite when Σw(y − μ̂)² overflows (|yi| or 1/vi beyond the range the readers accept);
 * fit() then says so in a `non_finite` warning.
 */
export function heterogeneity(y: Float64Array, v: Float64Array, tau2: number, common: boolean): Heterogeneity {
  const k = y.length;
  if (k < 2) return { Q: 0, Q_p: 1, I2: 0, H2: 1 };
  const s = weightedSums(y, v, 0, new Float64Array(SUMS_LENGTH));
  const sw = s[SW];
  const q = s[RSS];
  const df = k - 1;
  const Q_p = chisqUpper(q, df);
  if (common) {
    const I2 = q > 0 ? Math.max(0, 100 * (q - df) / q) : 0;
    return { Q: q, Q_p, I2, H2: q / df };
  }
  const vt = df * sw / crossSum(v);
  return { Q: q, Q_p, I2: 100 * tau2 / (vt + tau2), H2: tau2 / vt + 1 };
}

/**
 * (Σw)² − Σw² = 2 Σ_{i<j} wᵢwⱼ with w = 1/v, as a sum of positive terms (each w times the sum of the weights
 * before it), so it keeps its digits when one study has nearly all the weight (vᵢ spanning 1e16 or more), where
 * the difference of the two squares cancels to 0.
 */
function crossSum(v: Float64Array): number {
  let before = 0;
  let cross = 0;
  for (let i = 0; i < v.length; i++) {
    const w = 1 / v[i];
    cross += w * before;
    before += w;
  }
  return 2 * cross;
}
