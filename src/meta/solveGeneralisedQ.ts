import { generalisedQ } from './generalisedQ.ts';

/**
 * The τ² ≥ 0 at which the generalised Q equals `target`: the Paule–Mandel estimating equation (target k − 1;
 * Paule & Mandel 1982) and the Q-profile bounds (target a χ² quantile; Viechtbauer 2007). Q(τ²) is strictly
 * decreasing in τ², so the root is unique: safeguarded Newton steps inside a shrinking bracket, to full precision.
 * Returns 0 when Q(0) ≤ target and `upper` when Q(upper) > target (as metafor, which searches [0, upper]).
 */
export function solveGeneralisedQ(y: Float64Array, v: Float64Array, target: number, upper: number): number {
  const q0 = generalisedQ(y, v, 0);
  if (q0.q <= target) return 0;
  const qUp = generalisedQ(y, v, upper);
  if (qUp.q > target) return upper;
  let lo = 0;
  let hi = upper;
  let x = 0;
  let f = q0;
  for (let iter = 0; iter < 500; iter++) {
    // Newton step from x, kept inside (lo, hi); otherwise bisect.
    let next = f.dq < 0 ? x - (f.q - target) / f.dq : Number.NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const fn = generalisedQ(y, v, next);
    if (fn.q > target) lo = next;
    else hi = next;
    const step = Math.abs(next - x);
    x = next;
    f = fn;
    if (fn.q === target || step <= 1e-15 * Math.max(1, x) || hi - lo <= 1e-15 * Math.max(1, x)) break;
  }
  return x;
}
