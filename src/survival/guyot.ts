import { fallTimes } from './fallTimes.ts';
import type { PreparedCurve } from './prepareCurve.ts';
import { MAX_PATIENTS, MAX_TIME } from './reconstructLimits.ts';
import { solveCensored } from './solveCensored.ts';

/** One reconstructed patient: time of the event (event = 1) or of censoring (event = 0). */
export interface IpdRow {
  readonly time: number;
  readonly event: 0 | 1;
}

/** A published number at risk. */
export interface RiskPoint {
  readonly time: number;
  readonly nRisk: number;
}

export interface GuyotOptions {
  /** The published total number of events; used for the last interval (Guyot et al. 2012, step 6). */
  readonly totalEvents?: number;
  /** Cap on the censoring iterations per interval (default 1000). */
  readonly maxIterations?: number;
}

/** What the reconstruction did in one risk-table interval [start, end); one per risk-table row used. */
export interface GuyotInterval {
  readonly start: number;
  readonly end: number;
  /** Number at risk at `start`: as published, and as reconstructed (they differ only after a warning). */
  readonly published: number;
  readonly reconstructed: number;
  readonly events: number;
  readonly censored: number;
  readonly iterations: number;
}

export interface GuyotResult {
  readonly ipd: readonly IpdRow[];
  readonly n: number;
  readonly events: number;
  readonly intervals: readonly GuyotInterval[];
  readonly warnings: readonly string[];
}

interface IntervalRun {
  readonly nEnd: number;
  readonly sLast: number;
  readonly events: number;
  readonly censored: number;
}

const fmt = (x: number) => String(Number(x.toPrecision(6)));

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
 * Runs the inverted Kaplan–Meier equations over one interval, points lower..upper, with `nc` censorings spread
 * evenly over (a, b): censoring j falls at a + j (b − a) / (nc + 1). At point k (fall time F_k), the censorings
 * before F_k leave the risk set, then d_k = round(n_k (1 − S_k / Ŝ_last)) deaths happen at F_k and
 * Ŝ_last ← Ŝ_last (1 − d_k / n_k) (Guyot et al. 2012, steps 2–4). Counts never go negative. With `out`, the
 * patients are written to it.
 */
function runInterval(
  F: readonly number[], S: readonly number[], lower: number, upper: number, a: number, b: number,
  nStart: number, sStart: number, nc: number, out?: IpdRow[],
): IntervalRun {
  const h = (b - a) / (nc + 1);
  // How many of the censorings a + j·h (j = 1..nc) fall before t.
  const before = (t: number) => {
    if (nc === 0) return 0;
    if (h <= 0) return t > a ? nc : 0;
    return Math.min(nc, Math.max(0, Math.ceil((t - a) / h) - 1));
  };
  let n = nStart;
  let s = sStart;
  let taken = 0; // censorings (by index j) already passed
  let events = 0;
  let censored = 0;
  const censorUpTo = (j: number) => {
    const want = j - taken;
    const k = Math.min(want, n);
    if (out) for (let c = 1; c <= k; c++) out.push({ time: a + (taken + c) * h, event: 0 });
    n -= k;
    censored += k;
    taken = j;
  };
  for (let k = lower; k <= upper; k++) {
    censorUpTo(before(F[k]));
    if (n <= 0 || s <= 0) continue;
    const d = Math.min(n, Math.max(0, Math.round(n * (1 - S[k] / s))));
    if (d > 0) {
      if (out) for (let e = 0; e < d; e++) out.push({ time: F[k], event: 1 });
      s *= 1 - d / n;
      n -= d;
      events += d;
    }
  }
  censorUpTo(nc);
  return { nEnd: n, sLast: s, events, censored };
}

/**
 * Reconstructs individual patient data from a digitised Kaplan–Meier curve and the published numbers at risk
 * (and, optionally, the total number of events): Guyot, Ades, Ouwens & Welton (2012) BMC Med Res Methodol 12:9.
 * In each risk-table interval the number censored is iterated until the reconstructed number at risk at the next
 * table time equals the published one; censorings are spread evenly over the interval and deaths are read from the
 * curve by inverting the KM product, each fall placed where the curve's digitisation style says it happened
 * (fallTimes: at the point's own time for one point per step, as in the paper; at the midpoint between two points
 * for corners and traces, a vertical drop at its time). In the last interval the censoring rate is the average of the earlier
 * intervals, or, when the total number of events is given, the number censored is iterated until the total matches.
 * Leftover patients are censored at the last digitised time.
 *
 * `curve` must be prepared with the same risk times (prepareCurve(points, {riskTimes})); the first time must be 0.
 */
export function guyot(curve: PreparedCurve, risk: readonly RiskPoint[], options: GuyotOptions = {}): GuyotResult {
  const T = curve.time;
  const S = curve.survival;
  const F = fallTimes(T, curve.digitised.style);
  const maxIter = options.maxIterations ?? 1000;
  const D = options.totalEvents;
  if (risk.length === 0) throw new RangeError('the reconstruction needs at least the number of patients at time 0');
  if (risk[0].time !== 0) throw new RangeError(`the numbers at risk must start at time 0 (the first is at ${risk[0].time})`);
  const n0 = risk[0].nRisk;
  if (!Number.isInteger(n0) || n0 < 1 || n0 > MAX_PATIENTS) {
    throw new RangeError(`the number at risk at time 0 must be a whole number from 1 to ${MAX_PATIENTS}: ${n0}`);
  }
  if (!(T[T.length - 1] <= MAX_TIME)) throw new RangeError(`the digitised times must be at most ${MAX_TIME}: ${T[T.length - 1]}`);
  if (risk.length !== curve.intervals.length || risk.some((r, i) => r.time !== curve.intervals[i].start)) {
    throw new RangeError('the curve was prepared with other risk times than the risk table given');
  }
  if (D !== undefined && (!Number.isInteger(D) || D < 0)) throw new RangeError(`invalid total events: ${D}`);
  const warnings: string[] = [];
  const tMax = T[T.length - 1];
  let used = risk.length;
  while (used > 1 && risk[used - 1].time > tMax) used--;
  if (used < risk.length) {
    warnings.push(`${risk.length - used} number(s) at risk after the last digitised time (${fmt(tMax)}) not used`);
  }
  if (used === 1 && D === undefined) {
    warnings.push('only the number of patients is known (no numbers at risk after time 0, no total events): no censoring is assumed before the last digitised time, so event counts are unreliable');
  } else if (used === 1) {
    warnings.push('no numbers at risk after time 0: censoring is spread evenly to match the total events; event times are approximate');
  }

  const ipd: IpdRow[] = [];
  const intervals: GuyotInterval[] = [];
  let nStart = risk[0].nRisk;
  let sLast = 1;
  let eventsSoFar = 0;
  let censoredSoFar = 0;
  for (let i = 0; i < used; i++) {
    // The points whose fall time lies in [start, end): a fall between two points either side of a risk time is
    // counted on the side of its fall time.
    const start = curve.intervals[i].start;
    const end = curve.intervals[i].end;
    const iv = { start, end, lower: lowerBound(F, start), upper: lowerBound(F, end) - 1 };
    const last = i === used - 1;
    const a = iv.start;
    const b = last ? tMax : iv.end;
    const upper = last ? T.length - 1 : iv.upper;
    const run = (nc: number, out?: IpdRow[]) => runInterval(F, S, iv.lower, upper, a, b, nStart, sLast, nc, out);
    let nc: number;
    let iterations = 0;
    let extra = 0;
    if (!last) {
      const target = risk[i + 1].nRisk;
      const sEnd = iv.lower <= upper ? S[upper] : sLast;
      const guess = Math.round(nStart * (sLast > 0 ? sEnd / sLast : 0) - target);
      const sol = solveCensored(guess, nStart, maxIter, (c) => run(c).nEnd - target);
      ({ nc, iterations } = sol);
      if (sol.miss > 0) {
        extra = sol.miss;
        warnings.push(`[${fmt(a)}, ${fmt(b)}): reaching the published ${target} at risk would need deaths the curve does not show; ${extra} more censored at ${fmt(iv.lower <= upper ? F[upper] : a)}`);
      } else if (sol.miss < 0) {
        warnings.push(`[${fmt(a)}, ${fmt(b)}): the curve falls more than the numbers at risk allow (${target + sol.miss} at risk at ${fmt(b)} reconstructed, ${target} published)`);
      }
    } else if (D !== undefined) {
      const need = D - eventsSoFar;
      const rate = i > 0 && a > risk[0].time ? censoredSoFar / (a - risk[0].time) : 0;
      const guess = Math.round(rate * (b - a));
      const sol = solveCensored(guess, nStart, maxIter, (c) => run(c).events - need);
      ({ nc, iterations } = sol);
      if (sol.miss !== 0) {
        warnings.push(`total events: ${D} published, ${D + sol.miss} reconstructed (the curve after ${fmt(a)} cannot give ${need} events)`);
      }
    } else if (i > 0) {
      // The average censoring per unit time of the earlier intervals, over the last interval's length.
      const rate = censoredSoFar / (a - risk[0].time);
      nc = Math.min(nStart, Math.round(rate * (b - a)));
    } else {
      nc = 0;
    }
    const rows: IpdRow[] = [];
    const r = run(nc, rows);
    let nEnd = r.nEnd;
    if (extra > 0) {
      const k = Math.min(extra, nEnd);
      const at = iv.lower <= upper ? F[upper] : a;
      for (let c = 0; c < k; c++) rows.push({ time: at, event: 0 });
      nEnd -= k;
    }
    if (last) for (let c = 0; c < nEnd; c++) rows.push({ time: tMax, event: 0 });
    for (const row of rows) ipd.push(row);
    const censored = rows.length - r.events;
    intervals.push({
      start: a, end: last ? Infinity : iv.end, published: risk[i].nRisk, reconstructed: nStart,
      events: r.events, censored, iterations,
    });
    eventsSoFar += r.events;
    censoredSoFar += censored;
    sLast = r.sLast;
    nStart = nEnd;
  }
  ipd.sort((x, y) => x.time - y.time || y.event - x.event);
  return { ipd, n: ipd.length, events: eventsSoFar, intervals, warnings };
}
