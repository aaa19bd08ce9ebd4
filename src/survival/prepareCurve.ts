import { detectDigitisation, type Digitisation, type DigitisationChoice } from './detectDigitisation.ts';
import { isotonicDecreasing } from './isotonic.ts';

/** How survival was written: 'auto' reads a maximum above 1.5 as percent. */
export type SurvivalScale = 'auto' | 'fraction' | 'percent';

/** The digitised points lying in one risk-table interval [start, end): indices lower..upper (empty when lower > upper). */
export interface CurveInterval {
  readonly start: number;
  /** The next risk-table time; Infinity for the last interval. */
  readonly end: number;
  readonly lower: number;
  readonly upper: number;
}

/** A digitised curve as the reconstruction needs it: sorted, on [0, 1], non-increasing, starting at (0, 1). */
export interface PreparedCurve {
  readonly time: readonly number[];
  readonly survival: readonly number[];
  readonly scale: 'fraction' | 'percent';
  readonly intervals: readonly CurveInterval[];
  /** How the points were digitised (stated, or detected from the points): decides where each fall is placed. */
  readonly digitised: Digitisation;
  readonly warnings: readonly string[];
}

export interface PrepareOptions {
  /** Times of the published numbers at risk (increasing, the first 0); without them one interval [0, ∞). */
  readonly riskTimes?: readonly number[];
  readonly scale?: SurvivalScale;
  /** How the figure was digitised; 'auto' (default) detects it from the points (detectDigitisation). */
  readonly digitised?: DigitisationChoice;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** First index with time[k] ≥ t (time sorted). */
function lowerBound(time: readonly number[], t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Prepares digitised Kaplan–Meier points as a careful user would before the Guyot et al. (2012) reconstruction:
 * percent → fraction (detected when the maximum exceeds 1.5, or as told), negative times → 0, sort by time
 * (ties: higher survival first, as a step is drawn), survival clamped to [0, 1], S(0) = 1, survival made
 * non-increasing by monotone rearrangement (the values sorted in decreasing order over the sorted times;
 * Chernozhukov, Fernández-Val & Galichon 2009, Biometrika 96:559–575), exact duplicates dropped, and the points
 * indexed by risk-table interval. Every change is counted in `warnings`. The digitisation style is the one stated
 * in `options.digitised`, or detected from the prepared points.
 *
 * prepareCurve([{time: 5, survival: 80}, {time: 2, survival: 90}]) → time [0, 2, 5], survival [1, 0.9, 0.8], scale 'percent'
 */
export function prepareCurve(
  points: readonly { readonly time: number; readonly survival: number }[],
  options: PrepareOptions = {},
): PreparedCurve {
  const warnings: string[] = [];
  const finite = points.filter((p) => Number.isFinite(p.time) && Number.isFinite(p.survival));
  if (finite.length < points.length) warnings.push(`${plural(points.length - finite.length, 'point')} with a missing value dropped`);
  const maxS = finite.reduce((m, p) => Math.max(m, p.survival), -Infinity);
  const requested = options.scale ?? 'auto';
  const scale = requested === 'auto' ? (maxS > 1.5 ? 'percent' : 'fraction') : requested;
  if (requested === 'auto' && scale === 'percent') warnings.push(`survival read as percent (maximum ${maxS} > 1.5)`);
  if (requested === 'fraction' && maxS > 1.5) warnings.push(`survival told to be a fraction but reaches ${maxS}: values above 1 are clamped`);
  const factor = scale === 'percent' ? 0.01 : 1;

  let negative = 0;
  let clamped = 0;
  let atZero = 0;
  const pts = finite.map((p) => {
    let time = p.time;
    let s = p.survival * factor;
    if (time < 0) {
      negative++;
      time = 0;
    }
    if (s < 0 || s > 1) {
      clamped++;
      s = Math.min(1, Math.max(0, s));
    }
    if (time === 0 && s !== 1) {
      atZero++;
      s = 1;
    }
    return { time, s };
  });
  if (negative) warnings.push(`${plural(negative, 'negative time')} set to 0`);
  if (clamped) warnings.push(`${plural(clamped, 'point')} clamped to survival in [0, 1]`);
  if (atZero) warnings.push(`${plural(atZero, 'point')} at time 0 set to survival 1`);
  if (!pts.some((p) => p.time === 0)) pts.push({ time: 0, s: 1 });
  pts.sort((a, b) => a.time - b.time || b.s - a.s);

  // Monotone by rearrangement: the survival values sorted in decreasing order, given to the points in time order.
  // Unlike pooling, it keeps every step's height, so two corners digitised in the wrong time order stay one drop.
  const smooth = pts.map((p) => p.s).sort((a, b) => b - a);
  const violations = pts.reduce((n, p, i) => n + (i > 0 && p.s > pts[i - 1].s ? 1 : 0), 0);
  if (violations) warnings.push(`${plural(violations, 'rise')} in survival removed by rearranging the survival values in decreasing order`);

  const time: number[] = [];
  const survival: number[] = [];
  let dupes = 0;
  for (const [i, p] of pts.entries()) {
    if (time.length && time[time.length - 1] === p.time && survival[survival.length - 1] === smooth[i]) {
      dupes++;
      continue;
    }
    time.push(p.time);
    survival.push(smooth[i]);
  }
  if (dupes) warnings.push(`${plural(dupes, 'duplicate point')} dropped`);

  const riskTimes = options.riskTimes && options.riskTimes.length ? options.riskTimes : [0];
  const intervals: CurveInterval[] = riskTimes.map((start, i) => {
    const end = i + 1 < riskTimes.length ? riskTimes[i + 1] : Infinity;
    return { start, end, lower: lowerBound(time, start), upper: lowerBound(time, end) - 1 };
  });
  const choice = options.digitised ?? 'auto';
  // The style is read from the points smoothed by pooling (isotonic regression), where the digitiser's noise on a
  // horizontal segment pools into a flat run instead of small falls.
  const detected = detectDigitisation(pts.map((p) => p.time), isotonicDecreasing(pts.map((p) => p.s)));
  const digitised: Digitisation = choice === 'auto' ? detected : { ...detected, style: choice, how: 'stated' };
  return { time, survival, scale, intervals, digitised, warnings };
}
