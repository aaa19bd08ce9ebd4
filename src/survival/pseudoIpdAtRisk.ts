import type { PseudoIpd } from './pseudoIpd.ts';

/**
 * Numbers at risk of pseudo individual data at each time: patients whose time is ≥ t (the Kaplan–Meier risk set;
 * Kaplan & Meier 1958). With pseudoIpd's events at the quantiles S = 1 − (i − ½)/n and t ≤ its follow-up, this is
 * the expected number at risk with no censoring, n·S(t) rounded to a whole patient (⌊n·S(t) + ½⌋).
 */
export function pseudoIpdAtRisk(ipd: PseudoIpd, times: readonly number[]): number[] {
  return times.map((t) => ipd.time.reduce((k, ti) => k + (ti >= t ? 1 : 0), 0));
}
