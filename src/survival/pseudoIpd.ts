import { piecewiseExponentialQuantile } from './landmarkCurve.ts';
import { weibullQuantile } from './weibullFromLandmarks.ts';
import type { ModelCurve } from './modelCurveAt.ts';

export interface PseudoIpd {
  readonly kind: 'model-based';
  readonly time: readonly number[];
  readonly event: readonly (0 | 1)[];
}

/**
 * Deterministic pseudo individual data from a model-based curve: patient i (1…n) has its event at the curve's
 * quantile S(t) = 1 − (i − ½)/n; times beyond `followUp` (or never reached) are censored at `followUp`
 * (administrative censoring only). A device for plotting and round-trip checks, not data.
 */
export function pseudoIpd(curve: ModelCurve, n: number, followUp: number): PseudoIpd {
  if (!Number.isInteger(n) || n < 1) throw new Error(`invalid n: ${n} (must be a positive integer)`);
  if (!(followUp > 0)) throw new Error(`invalid followUp: ${followUp} (must be > 0)`);
  const time: number[] = [];
  const event: (0 | 1)[] = [];
  for (let i = 1; i <= n; i++) {
    const p = 1 - (i - 0.5) / n;
    const t = curve.method === 'weibull' ? weibullQuantile(curve, p) : piecewiseExponentialQuantile(curve, p);
    if (t === null || t > followUp) {
      time.push(followUp);
      event.push(0);
    } else {
      time.push(t);
      event.push(1);
    }
  }
  return { kind: 'model-based', time, event };
}
