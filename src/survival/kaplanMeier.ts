/**
 * Kaplan–Meier estimate from individual patient data, with Greenwood variance, pointwise confidence limits,
 * numbers at risk, and the median with its confidence interval — all as R survival's survfit computes them.
 * The default interval is conf.type 'log' (survfit's default): S·exp(±z·σ), σ² the Greenwood sum.
 */
import { normalQuantile } from '../meta/normal.ts';
import { survivalQuantile } from './survivalQuantile.ts';

export { survivalAt } from './survivalAt.ts';
export { rmst, rmstSe } from './rmst.ts';

export type ConfType = 'log' | 'log-log' | 'plain';

export interface KmData {
  readonly time: readonly number[];
  readonly event: readonly (0 | 1)[];
}

export interface KmOptions {
  /** Confidence level of the pointwise limits and the median CI (default 0.95). */
  readonly confLevel?: number;
  /** Scale of the pointwise interval (default 'log', as survfit). */
  readonly confType?: ConfType;
}

export interface KmResult {
  readonly n: number;
  readonly events: number;
  /** Distinct observed times (events or censorings), ascending. */
  readonly times: readonly number[];
  /** S(t) at each time (right-continuous). */
  readonly surv: readonly number[];
  /** Greenwood standard error of S(t) (NaN where S = 0, as R). */
  readonly stdErr: readonly number[];
  /** Pointwise limits; NaN where undefined (S = 0; S = 1 for 'log-log'), as R's NA. */
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  readonly nRisk: readonly number[];
  readonly nEvent: readonly number[];
  readonly nCensor: readonly number[];
  readonly median: number | null;
  readonly medianCi: readonly [number | null, number | null];
  readonly confType: ConfType;
  readonly confLevel: number;
}

function validate(data: KmData): void {
  const { time, event } = data;
  if (time.length !== event.length) {
    throw new Error(`time and event differ in length: ${time.length} vs ${event.length}`);
  }
  for (let i = 0; i < time.length; i++) {
    if (!Number.isFinite(time[i]) || time[i] < 0) throw new Error(`invalid time at index ${i}: ${time[i]}`);
    if (event[i] !== 0 && event[i] !== 1) throw new Error(`invalid event at index ${i}: ${String(event[i])}`);
  }
}

/** Pointwise limits for S with Greenwood σ = se(log S). Source: R survival survfit conf.type documentation. */
function limits(s: number, sigma: number, z: number, type: ConfType): [number, number] {
  if (s === 0 || Number.isNaN(sigma)) return [NaN, NaN];
  if (type === 'plain') {
    const half = z * sigma * s;
    return [Math.max(0, s - half), Math.min(1, s + half)];
  }
  if (type === 'log') return [Math.exp(Math.log(s) - z * sigma), Math.min(1, Math.exp(Math.log(s) + z * sigma))];
  if (s === 1) return [NaN, NaN];
  const ll = Math.log(-Math.log(s));
  const w = (z * sigma) / Math.log(s);
  return [Math.exp(-Math.exp(ll - w)), Math.exp(-Math.exp(ll + w))];
}

/**
 * Kaplan–Meier product-limit estimate (Kaplan & Meier 1958) with Greenwood's variance (Greenwood 1926) and
 * the median CI of Brookmeyer & Crowley (1982) read off the pointwise limits, as R survival's survfit.
 */
export function kaplanMeier(data: KmData, options: KmOptions = {}): KmResult {
  validate(data);
  const confLevel = options.confLevel ?? 0.95;
  const confType = options.confType ?? 'log';
  if (!(confLevel > 0 && confLevel < 1)) throw new Error(`invalid confLevel: ${confLevel}`);
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const n = data.time.length;
  const order = Float64Array.from(data.time.keys()).sort((a, b) => data.time[a] - data.time[b]);
  const times: number[] = [];
  const nRisk: number[] = [];
  const nEvent: number[] = [];
  const nCensor: number[] = [];
  const surv: number[] = [];
  const stdErr: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  let atRisk = n;
  let s = 1;
  let greenwood = 0;
  let events = 0;
  for (let i = 0; i < n;) {
    const t = data.time[order[i]];
    let d = 0;
    let c = 0;
    for (; i < n && data.time[order[i]] === t; i++) {
      if (data.event[order[i]] === 1) d++;
      else c++;
    }
    if (d > 0) {
      s *= 1 - d / atRisk;
      greenwood += atRisk === d ? Infinity : d / (atRisk * (atRisk - d));
    }
    const sigma = Math.sqrt(greenwood);
    const [lo, hi] = limits(s, sigma, z, confType);
    times.push(t);
    nRisk.push(atRisk);
    nEvent.push(d);
    nCensor.push(c);
    surv.push(s);
    stdErr.push(s * sigma);
    lower.push(lo);
    upper.push(hi);
    events += d;
    atRisk -= d + c;
  }
  const median = survivalQuantile(times, surv, 0.5);
  const medianCi: [number | null, number | null] = [
    survivalQuantile(times, lower, 0.5),
    survivalQuantile(times, upper, 0.5),
  ];
  return {
    n, events, times, surv, stdErr, lower, upper, nRisk, nEvent, nCensor, median, medianCi, confType, confLevel,
  };
}
