import { backTransform, backTransformName } from './backTransform.ts';
import { inference } from './inference.ts';
import type { BackTransformed, EffectSize, Interval, Measure, Test } from './types.ts';

export interface FixedTauOptions {
  readonly measure: Measure;
  readonly test: Test;
  /** GEN only: the effects are log ratios, so `back` is exp(·). Default false. */
  readonly exponentiate?: boolean;
}

export interface FixedTauFit {
  readonly k: number;
  readonly tau2: number;
  readonly estimate: number;
  readonly se: number;
  readonly ci: Interval;
  /** 95% prediction interval (null for k = 1) */
  readonly pi: Interval | null;
  readonly df: number | null;
  readonly back: BackTransformed;
  readonly back_transform: string;
}

/**
 * The random-effects model with τ² given rather than estimated, as metafor's rma(yi, vi, tau2 = …) + predict()
 * (Viechtbauer 2010, JSS 36(3), §3.2 "tau2 can be set to a fixed value"): weights 1/(vᵢ + τ²), the same CI test and
 * prediction interval as fit() (inference.ts). Throws RangeError on empty input, a non-finite yi, a non-positive vi
 * or a negative / non-finite τ².
 */
export function fitAtTau(effects: readonly EffectSize[], tau2: number, options: FixedTauOptions): FixedTauFit {
  const k = effects.length;
  if (k === 0) throw new RangeError('fitAtTau: no studies');
  if (!(tau2 >= 0) || !Number.isFinite(tau2)) throw new RangeError(`fitAtTau: invalid tau2: ${tau2}`);
  const y = new Float64Array(k);
  const v = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const e = effects[i];
    if (!Number.isFinite(e.yi)) throw new RangeError(`fitAtTau: study ${e.study}: yi is not a finite number`);
    if (!(e.vi > 0) || !Number.isFinite(e.vi)) throw new RangeError(`fitAtTau: study ${e.study}: vi must be positive`);
    y[i] = e.yi;
    v[i] = e.vi;
  }
  const exponentiate = options.measure === 'GEN' && options.exponentiate === true;
  const inf = inference(y, v, tau2, k > 1 ? options.test : 'z', k > 1);
  return {
    k,
    tau2,
    estimate: inf.estimate,
    se: inf.se,
    ci: inf.ci,
    pi: inf.pi,
    df: inf.df,
    back: backTransform(options.measure, inf, effects, exponentiate),
    back_transform: backTransformName(options.measure, exponentiate),
  };
}
