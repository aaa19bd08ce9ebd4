import { interceptModel, T_RSS, T_RSS2, TAU2_SUMS_LENGTH, type Tau2Model } from './tau2Model.ts';

/**
 * The τ² ≥ 0 at which the generalised Q equals `target`: the Paule–Mandel estimating equation (target k − p;
 * Paule & Mandel 1982) and the Q-profile bounds (target a χ² quantile; Viechtbauer 2007). Q(τ²) = yᵀPy is strictly
 * decreasing in τ², so the root is unique. Newton steps on 1/Q (nearly linear in τ², as Q ≈ c/(v̄ + τ²)) kept
 * inside a shrinking bracket, bisection otherwise, to full double precision.
 * Returns 0 when Q(0) ≤ target and `upper` when Q(upper) > target (as metafor, which searches [0, upper]).
 */
export function solveGeneralisedQ(y: Float64Array, v: Float64Array, target: number, upper: number): number {
  return solveGeneralisedQFor(interceptModel(y, v), target, upper);
}

/** solveGeneralisedQ for any model (intercept only or a meta-regression), Q = yᵀPy and dQ/dτ² = −yᵀPPy. */
export function solveGeneralisedQFor(model: Tau2Model, target: number, upper: number): number {
  const s = new Float64Array(TAU2_SUMS_LENGTH);
  model.sums(0, s);
  if (s[T_RSS] <= target) return 0;
  let q = s[T_RSS];
  let dq = -s[T_RSS2];
  model.sums(upper, s);
  if (s[T_RSS] > target) return upper;
  let lo = 0;
  let hi = upper;
  let x = 0;
  const inv = 1 / target;
  for (let iter = 0; iter < 200; iter++) {
    // g(τ²) = 1/Q − 1/target is increasing; g' = −Q'/Q².
    const g = 1 / q - inv;
    const dg = -dq / (q * q);
    let next = dg > 0 ? x - g / dg : Number.NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    model.sums(next, s);
    q = s[T_RSS];
    dq = -s[T_RSS2];
    if (q > target) lo = next;
    else hi = next;
    const step = Math.abs(next - x);
    x = next;
    const hit = Math.abs(q - target) <= 4 * Number.EPSILON * target;
    if (hit || step <= 1e-14 * Math.max(1e-3, x) || hi - lo <= 1e-15 * Math.max(1, x)) break;
  }
  return x;
}
