import type { DigitisationStyle } from './detectDigitisation.ts';

/**
 * When the fall to each digitised point k happened (non-decreasing). `steps`: at its own time T_k, since the
 * point is the left end of the horizontal segment the curve fell to (Guyot et al. 2012 place deaths at T_k).
 * `corners` and `trace`: at a vertical drop (the point shares its time with the one before) that time; otherwise
 * the midpoint of the two points' times, because the curve fell somewhere between them (a drop whose corners
 * were not digitised, corners whose times the digitiser misread, or a step between two traced points).
 */
export function fallTimes(T: readonly number[], style: DigitisationStyle): number[] {
  if (style === 'steps') return [...T];
  return T.map((t, k) => (k > 0 && T[k - 1] < t ? T[k - 1] + (t - T[k - 1]) / 2 : t));
}
