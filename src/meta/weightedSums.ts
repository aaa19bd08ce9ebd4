/**
 * One pass over the studies at a given τ²: the weighted sums from which the random-effects quantities follow
 * (w = 1/(v + τ²); residuals e = y − μ̂_w with μ̂_w = Σwy/Σw). y is shifted by y₀ inside the pass so the
 * one-pass formulas Σwe² = Σwy² − (Σwy)²/Σw keep their digits (Chan, Golub & LeVeque 1983). Writes into `out`
 * (no allocation, for the iterations of the τ² estimators):
 * out[SW] = Σw, out[SW2] = Σw², out[SW3] = Σw³, out[MU] = μ̂_w, out[RSS] = Σwe², out[RSS2] = Σw²e².
 */
export const SW = 0;
export const SW2 = 1;
export const SW3 = 2;
export const MU = 3;
export const RSS = 4;
export const RSS2 = 5;
export const SUMS_LENGTH = 6;

export function weightedSums(y: Float64Array, v: Float64Array, tau2: number, out: Float64Array): Float64Array {
  const k = y.length;
  const c = y[0];
  let sw = 0;
  let sw2 = 0;
  let sw3 = 0;
  let swy = 0;
  let swy2 = 0;
  let sw2y = 0;
  let sw2y2 = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / (v[i] + tau2);
    const d = y[i] - c;
    const w2 = w * w;
    const wd = w * d;
    const w2d = w2 * d;
    sw += w;
    sw2 += w2;
    sw3 += w2 * w;
    swy += wd;
    swy2 += wd * d;
    sw2y += w2d;
    sw2y2 += w2d * d;
  }
  const m = swy / sw;
  out[SW] = sw;
  out[SW2] = sw2;
  out[SW3] = sw3;
  out[MU] = c + m;
  out[RSS] = Math.max(0, swy2 - swy * m);
  out[RSS2] = Math.max(0, sw2y2 - 2 * m * sw2y + m * m * sw2);
  return out;
}
