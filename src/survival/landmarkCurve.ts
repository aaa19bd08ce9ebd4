/**
 * Survival curves from published landmarks (a median and/or x-year survival rates) for series with no figure.
 * Always model-based: the curve is an assumption that passes through the published numbers, not data.
 * - landmarkCurve: piecewise exponential through (0, 1), each (tᵢ, Sᵢ) and (median, 0.5); constant hazard
 *   between consecutive knots; beyond the last knot the last interval's hazard is extended.
 * - weibullFromLandmarks (re-exported): the smooth alternative S(t) = exp(−(t/λ)^k).
 */
import { landmarkKnots } from './landmarkKnots.ts';
import type { Landmark, LandmarkInput } from './landmarkKnots.ts';

export { weibullFromLandmarks } from './weibullFromLandmarks.ts';
export type { WeibullCurve } from './weibullFromLandmarks.ts';
export type { Landmark, LandmarkInput } from './landmarkKnots.ts';

export interface PiecewiseExponentialCurve {
  readonly kind: 'model-based';
  readonly method: 'piecewise-exponential';
  /** Knots the curve passes through, from (0, 1), ascending in time, non-increasing in S. */
  readonly knots: readonly Landmark[];
  /** Constant hazard on (knots[i], knots[i+1]]; the last entry also applies beyond the last knot. */
  readonly hazards: readonly number[];
  readonly warnings: readonly string[];
}

/** Constant hazard between two knots: log(S₀/S₁)/(t₁ − t₀) (Infinity when S₁ = 0 < S₀). */
function hazard(a: Landmark, b: Landmark): number {
  if (a.surv === b.surv) return 0;
  return (Math.log(a.surv) - Math.log(b.surv)) / (b.time - a.time);
}

/**
 * Piecewise-exponential curve through the published landmarks (constant hazard between knots; the last hazard
 * extended beyond the last knot). Source: the piecewise exponential model (Friedman 1982, Ann Stat 10:101) used
 * as an interpolant; inconsistent inputs are repaired with a warning, never NaN.
 */
export function landmarkCurve(input: LandmarkInput): PiecewiseExponentialCurve {
  const warnings: string[] = [];
  const knots = landmarkKnots(input, warnings);
  if (knots.length === 1) warnings.push('no usable landmark: the curve is S(t) = 1');
  const hazards = knots.slice(1).map((k, i) => hazard(knots[i], k));
  if (hazards.length > 0) {
    warnings.push(`beyond t = ${knots[knots.length - 1].time} the last interval's hazard is extended (an assumption)`);
  }
  return { kind: 'model-based', method: 'piecewise-exponential', knots, hazards, warnings };
}

/** S(t) of a piecewise-exponential curve: log S linear between knots, the last hazard extended beyond them. */
export function piecewiseExponentialAt(curve: PiecewiseExponentialCurve, t: number): number {
  const { knots, hazards } = curve;
  if (t <= 0 || hazards.length === 0) return 1;
  let i = 1;
  while (i < knots.length && knots[i].time < t) i++;
  const from = i < knots.length ? knots[i - 1] : knots[knots.length - 1];
  const h = i < knots.length ? hazards[i - 1] : hazards[hazards.length - 1];
  if (from.surv === 0 || h === Infinity) return 0;
  return from.surv * Math.exp(-h * (t - from.time));
}

/**
 * The time at which the piecewise-exponential curve reaches S = p (0 < p < 1), or null when it never does
 * (a flat last interval above p).
 */
export function piecewiseExponentialQuantile(curve: PiecewiseExponentialCurve, p: number): number | null {
  const { knots, hazards } = curve;
  for (let i = 1; i < knots.length; i++) {
    if (knots[i].surv <= p) {
      const a = knots[i - 1];
      if (hazards[i - 1] === Infinity) return knots[i].time;
      return a.time + (Math.log(a.surv) - Math.log(p)) / hazards[i - 1];
    }
  }
  const last = knots[knots.length - 1];
  const h = hazards.length > 0 ? hazards[hazards.length - 1] : 0;
  if (!(h > 0)) return null;
  return last.time + (Math.log(last.surv) - Math.log(p)) / h;
}
