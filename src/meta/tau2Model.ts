/**
 * The view of a random-effects model y ~ N(Xβ, diag(v) + τ²I) that the τ² estimators are written in, so one
 * implementation per estimator serves the intercept-only model (pooling) and meta-regression alike
 * (Viechtbauer 2005; Raudenbush 2009). With W = diag(1/(vᵢ + τ²)) and P = W − WX(XᵀWX)⁻¹XᵀW, `sums(τ²)` writes
 * out[T_SW] = Σw, out[T_SW2] = Σw², out[T_SW3] = Σw³, out[T_TRP] = tr(P), out[T_TRPP] = tr(PP),
 * out[T_RSS] = yᵀPy (the generalised Q), out[T_RSS2] = yᵀPPy (−dQ/dτ²) and out[T_LOGDET] = log|XᵀWX| up to a
 * constant that does not depend on τ².
 */
import { RSS, RSS2, SUMS_LENGTH, SW, SW2, SW3, weightedSums } from './weightedSums.ts';

export const T_SW = 0;
export const T_SW2 = 1;
export const T_SW3 = 2;
export const T_TRP = 3;
export const T_TRPP = 4;
export const T_RSS = 5;
export const T_RSS2 = 6;
export const T_LOGDET = 7;
export const TAU2_SUMS_LENGTH = 8;

export interface Tau2Model {
  readonly y: Float64Array;
  readonly v: Float64Array;
  /** the number of fixed-effect coefficients (1: intercept only) */
  readonly p: number;
  /** the sums at τ², written into `out` (length TAU2_SUMS_LENGTH) */
  sums(tau2: number, out: Float64Array): Float64Array;
  /** unweighted least squares: the residual sum of squares yᵀP₀y and tr(P₀V), P₀ = I − X(XᵀX)⁻¹Xᵀ (for HE) */
  unweighted(): { readonly rss: number; readonly trPV: number };
}

/**
 * The intercept-only model (X = 1): every sum from one pass of `weightedSums`, with
 * tr(P) = Σw − Σw²/Σw and tr(PP) = Σw² − 2Σw³/Σw + (Σw²/Σw)².
 */
export function interceptModel(y: Float64Array, v: Float64Array): Tau2Model {
  const s = new Float64Array(SUMS_LENGTH);
  return {
    y,
    v,
    p: 1,
    sums(tau2: number, out: Float64Array): Float64Array {
      weightedSums(y, v, tau2, s);
      const sw = s[SW];
      const sw2 = s[SW2];
      out[T_SW] = sw;
      out[T_SW2] = sw2;
      out[T_SW3] = s[SW3];
      out[T_TRP] = sw - sw2 / sw;
      out[T_TRPP] = sw2 - 2 * s[SW3] / sw + (sw2 * sw2) / (sw * sw);
      out[T_RSS] = s[RSS];
      out[T_RSS2] = s[RSS2];
      out[T_LOGDET] = Math.log(sw);
      return out;
    },
    unweighted() {
      const k = y.length;
      let sy = 0;
      let sv = 0;
      for (let i = 0; i < k; i++) {
        sy += y[i];
        sv += v[i];
      }
      const mean = sy / k;
      let rss = 0;
      for (let i = 0; i < k; i++) rss += (y[i] - mean) * (y[i] - mean);
      return { rss, trPV: sv * (k - 1) / k };
    },
  };
}
