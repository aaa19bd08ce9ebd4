import { landmarkKnots } from './landmarkKnots.ts';
import type { LandmarkInput } from './landmarkKnots.ts';

export interface WeibullCurve {
  readonly kind: 'model-based';
  readonly method: 'weibull';
  /** Scale λ and shape k of S(t) = exp(−(t/λ)^k). */
  readonly scale: number;
  readonly shape: number;
  /** Points used in the fit (0 < S < 1). */
  readonly points: readonly { readonly time: number; readonly surv: number }[];
  readonly warnings: readonly string[];
}

/**
 * Weibull curve through published landmarks by ordinary least squares of log(−log S) on log t:
 * log(−log S) = k·log t − k·log λ. Source: the Weibull probability plot (Nelson 1982, Applied Life Data Analysis,
 * ch. 3). With one usable point the shape is fixed at 1 (exponential); a non-positive fitted slope also falls back
 * to k = 1 — both with a warning.
 */
export function weibullFromLandmarks(input: LandmarkInput): WeibullCurve {
  const warnings: string[] = [];
  const knots = landmarkKnots(input, warnings);
  const points = knots.filter((k) => k.time > 0 && k.surv > 0 && k.surv < 1);
  if (points.length < knots.length - 1) warnings.push('points with S = 0 or S = 1 carry no Weibull information; left out');
  const x = points.map((p) => Math.log(p.time));
  const y = points.map((p) => Math.log(-Math.log(p.surv)));
  const m = points.length;
  if (m === 0) {
    warnings.push('no usable landmark (0 < S < 1): the curve is S(t) = 1');
    return { kind: 'model-based', method: 'weibull', scale: Infinity, shape: 1, points, warnings };
  }
  const mx = x.reduce((s, v) => s + v, 0) / m;
  const my = y.reduce((s, v) => s + v, 0) / m;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < m; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  let shape = sxx > 0 ? sxy / sxx : NaN;
  if (m < 2) warnings.push('one landmark: shape fixed at 1 (exponential)');
  else if (!(shape > 0)) warnings.push(`fitted Weibull shape ${shape} is not positive; shape fixed at 1 (exponential)`);
  if (!(shape > 0)) shape = 1;
  // Intercept for the chosen slope: my − k·mx = −k·log λ.
  const scale = Math.exp(mx - my / shape);
  return { kind: 'model-based', method: 'weibull', scale, shape, points, warnings };
}

/** S(t) = exp(−(t/λ)^k). */
export function weibullAt(curve: WeibullCurve, t: number): number {
  if (t <= 0) return 1;
  return Math.exp(-Math.pow(t / curve.scale, curve.shape));
}

/** The time at which the Weibull curve reaches S = p: λ(−log p)^{1/k}. */
export function weibullQuantile(curve: WeibullCurve, p: number): number | null {
  const t = curve.scale * Math.pow(-Math.log(p), 1 / curve.shape);
  return Number.isFinite(t) ? t : null;
}
