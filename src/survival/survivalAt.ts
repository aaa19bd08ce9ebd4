/** The fields of a step curve that a right-continuous lookup needs. */
export interface StepCurve {
  readonly times: readonly number[];
  readonly surv: readonly number[];
}

/**
 * S(t) of a right-continuous step curve: the value at the largest time ≤ t, and 1 before the first time.
 * Source: definition of the Kaplan–Meier estimator as a right-continuous step function (Kaplan & Meier 1958).
 */
export function survivalAt(km: StepCurve, t: number): number {
  const { times, surv } = km;
  if (times.length === 0 || t < times[0]) return 1;
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return surv[lo];
}
