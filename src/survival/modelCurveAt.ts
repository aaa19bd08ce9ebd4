import { piecewiseExponentialAt } from './landmarkCurve.ts';
import type { PiecewiseExponentialCurve } from './landmarkCurve.ts';
import { weibullAt } from './weibullFromLandmarks.ts';
import type { WeibullCurve } from './weibullFromLandmarks.ts';

/** A curve built from published landmarks (always `kind: 'model-based'`). */
export type ModelCurve = PiecewiseExponentialCurve | WeibullCurve;

/** S(t) of a model-based curve, whichever its method (piecewise exponential or Weibull). */
export function modelCurveAt(curve: ModelCurve, t: number): number {
  return curve.method === 'weibull' ? weibullAt(curve, t) : piecewiseExponentialAt(curve, t);
}
