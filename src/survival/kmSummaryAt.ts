import type { KmResult } from './kaplanMeier.ts';

/** One row of a Kaplan–Meier summary at a requested time. */
export interface KmSummaryRow {
  readonly time: number;
  readonly surv: number;
  readonly stdErr: number;
  readonly lower: number;
  readonly upper: number;
  /** Patients still under observation at `time` (observed time ≥ `time`). */
  readonly nRisk: number;
}

/**
 * The curve read at chosen times, as R survival's summary(survfit, times, extend = TRUE): the step value at the
 * largest observed time ≤ t (S = 1, se 0 and limits 1 before the first time), and the number at risk at t
 * (0 beyond the last time). Source: R survival documentation of summary.survfit.
 */
export function kmSummaryAt(km: KmResult, at: readonly number[]): KmSummaryRow[] {
  const { times } = km;
  return at.map((t) => {
    let lo = 0;
    let hi = times.length;
    // First index with times[i] ≥ t.
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    const nRisk = lo < times.length ? km.nRisk[lo] : 0;
    const k = lo < times.length && times[lo] === t ? lo : lo - 1;
    if (k < 0) {
      const one = km.confType === 'log-log' ? NaN : 1;
      return { time: t, surv: 1, stdErr: 0, lower: one, upper: one, nRisk };
    }
    return { time: t, surv: km.surv[k], stdErr: km.stdErr[k], lower: km.lower[k], upper: km.upper[k], nRisk };
  });
}
