/**
 * How a Kaplan–Meier figure was digitised, which decides where each fall between two digitised points happened
 * (fallTimes):
 * - `steps`: one point at the left end of each horizontal segment — the curve fell to that point's survival at
 *   that point's time (the placement of Guyot et al. 2012, who put the deaths at the digitised time);
 * - `corners`: both corners of each drop (the top corner ends a horizontal segment, the bottom one starts the next);
 * - `trace`: a dense trace along the drawn line, by hand or by automatic extraction.
 */
export type DigitisationStyle = 'steps' | 'corners' | 'trace';

/** The styles a user may state, and `auto` (detect from the points). */
export const DIGITISATION_CHOICES = ['auto', 'steps', 'corners', 'trace'] as const;
export type DigitisationChoice = (typeof DIGITISATION_CHOICES)[number];

/** The style used for a curve, whether it was stated or detected, and the evidence the detection read. */
export interface Digitisation {
  readonly style: DigitisationStyle;
  readonly how: 'stated' | 'detected';
  /** Share of the gaps between consecutive points across which survival falls by less than a quarter of the mean fall per gap. */
  readonly flatShare: number;
}

/** Below this flat share the points read as steps (every gap carries a fall); above TRACE_ABOVE as a trace. */
export const STEPS_BELOW = 0.3;
export const TRACE_ABOVE = 0.65;

/**
 * Reads the digitisation style from points sorted by time with survival non-increasing. Clicking the left
 * end of each step puts a fall across every gap between consecutive points; clicking both corners makes every
 * other gap a flat horizontal segment; a dense trace makes most gaps flat. So the share of *flat* gaps — those
 * whose fall is under a quarter of the mean fall per gap (a tolerance for the digitiser's vertical noise) —
 * separates them: under 0.3 steps, over 0.65 a trace, else corners. Thresholds chosen on the simulated round
 * trips (test/survival/guyotSimulate.ts; docs/methods/reconstruction.md, "Detecting the style"). With fewer than
 * 4 gaps, or no fall at all, the points cannot tell and the result is `corners` (the placement that is right for
 * exact vertical drops under every style).
 *
 * detectDigitisation([0, 2, 5, 9, 12], [1, 0.8, 0.6, 0.5, 0.4]) → {style: 'steps', how: 'detected', flatShare: 0}
 */
export function detectDigitisation(time: readonly number[], survival: readonly number[]): Digitisation {
  const falls: number[] = []; // one per gap between consecutive points; an exact repeat is no gap
  for (let k = 1; k < time.length; k++) {
    if (time[k] !== time[k - 1] || survival[k] !== survival[k - 1]) falls.push(survival[k - 1] - survival[k]);
  }
  const gaps = falls.length;
  const fall = falls.reduce((a, b) => a + b, 0);
  if (gaps < 4 || !(fall > 0)) return { style: 'corners', how: 'detected', flatShare: NaN };
  const tolerance = fall / gaps / 4;
  const flatShare = falls.filter((f) => f <= tolerance).length / gaps;
  const style = flatShare < STEPS_BELOW ? 'steps' : flatShare > TRACE_ABOVE ? 'trace' : 'corners';
  return { style, how: 'detected', flatShare };
}
