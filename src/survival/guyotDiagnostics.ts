import type { GuyotResult, RiskPoint } from './guyot.ts';
import { kaplanMeier, type KmResult } from './kaplanMeier.ts';
import type { PreparedCurve } from './prepareCurve.ts';

/** One published number at risk beside the reconstruction's. */
export interface RiskDiagnostic {
  readonly time: number;
  readonly published: number;
  readonly reconstructed: number | null;
  readonly note?: typeof NOT_USED;
}

/** The note on a risk-table row after the last digitised time, which the reconstruction cannot use. */
export const NOT_USED = 'not used (after the last digitised time)';

/** How well a reconstruction reproduces what was published. */
export interface GuyotDiagnostics {
  /** Root mean square of the vertical distance from each digitised point to the reconstructed KM step curve. */
  readonly rmse: number;
  readonly maxAbsError: number;
  /**
   * Numbers at risk at each risk-table time: published, and counted in the reconstructed IPD (time ≥ t); a row the
   * reconstruction did not use (after the last digitised time) has reconstructed null and a note saying so.
   */
  readonly risk: readonly RiskDiagnostic[];
  readonly events: { readonly published: number | null; readonly reconstructed: number };
  /** Median of the reconstructed KM (null when it stays above 0.5). */
  readonly median: number | null;
  readonly km: KmResult;
}

/** S just before t: the value at the largest time < t, 1 before the first. */
function leftLimit(km: KmResult, t: number): number {
  let lo = 0;
  let hi = km.times.length; // first index with times ≥ t
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (km.times[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 1 : km.surv[lo - 1];
}

/** S at t (right-continuous). */
function rightValue(km: KmResult, t: number): number {
  let lo = 0;
  let hi = km.times.length; // first index with times > t
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (km.times[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 1 : km.surv[lo - 1];
}

/**
 * Diagnostics of a Guyot et al. (2012) reconstruction, as their validation compares: the reconstructed KM
 * (Kaplan & Meier 1958) against the digitised points, numbers at risk, total events and median. A digitised point
 * on the vertical part of a step (between S(t−) and S(t)) counts as on the curve: its error is its distance to
 * the closed range [S(t), S(t−)], since a digitiser places the corners of each drop at the same time.
 */
export function guyotDiagnostics(
  curve: PreparedCurve, risk: readonly RiskPoint[], result: GuyotResult, totalEvents?: number,
): GuyotDiagnostics {
  const km = kaplanMeier({ time: result.ipd.map((r) => r.time), event: result.ipd.map((r) => r.event) });
  let sq = 0;
  let maxAbs = 0;
  for (let k = 0; k < curve.time.length; k++) {
    const hi = leftLimit(km, curve.time[k]);
    const lo = rightValue(km, curve.time[k]);
    const s = curve.survival[k];
    const e = s > hi ? s - hi : s < lo ? lo - s : 0;
    sq += e * e;
    maxAbs = Math.max(maxAbs, e);
  }
  const times = result.ipd.map((r) => r.time); // sorted ascending by guyot()
  const atRisk = (t: number) => {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return times.length - lo;
  };
  return {
    rmse: curve.time.length ? Math.sqrt(sq / curve.time.length) : 0,
    maxAbsError: maxAbs,
    // guyot() uses the first intervals.length rows: the later ones lie after the last digitised time.
    risk: risk.map((r, i): RiskDiagnostic => (i < result.intervals.length
      ? { time: r.time, published: r.nRisk, reconstructed: atRisk(r.time) }
      : { time: r.time, published: r.nRisk, reconstructed: null, note: NOT_USED })),
    events: { published: totalEvents ?? null, reconstructed: result.events },
    median: km.median,
    km,
  };
}
