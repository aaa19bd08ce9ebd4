import { RSS, RSS2, SUMS_LENGTH, weightedSums } from './weightedSums.ts';

/**
 * The τ² ≥ 0 at which the generalised Q equals `target`: the Paule–Mandel estimating equation (target k − 1;
 * Paule & Mandel 1982) and the Q-profile bounds (target a χ² quantile; Viechtbauer 2007). Q(τ²) is strictly
 * decreasing in τ², so the root is unique. Newton steps on 1/Q (nearly linear in τ², as Q ≈ c/(v̄ + τ²)) kept
 * inside a shrinking bracket, bisection otherwise, to full double precision.
 * Returns 0 when Q(0) ≤ target and `upper` when Q(upper) > target (as metafor, which searches [0, upper]).
 */
export function solveGeneralisedQ(y: Float64Array, v: Float64Array, target: number, upper: number): number {
  const s = new Float64Array(SUMS_LENGTH);
  weightedSums(y, v, 0, s);
  if (s[RSS] <= target) return 0;
  let q = s[RSS];
  let dq = -s[RSS2];
  weightedSums(y, v, upper, s);
  if (s[RSS] > target) return upper;
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
    weightedSums(y, v, next, s);
    q = s[RSS];
    dq = -s[RSS2];
    if (q > target) lo = next;
    else hi = next;
    const step = Math.abs(next - x);
    x = next;
    const hit = Math.abs(q - target) <= 4 * Number.EPSILON * target;
    if (hit || step <= 1e-14 * Math.max(1e-3, x) || hi - lo <= 1e-15 * Math.max(1, x)) break;
  }
  return x;
}
