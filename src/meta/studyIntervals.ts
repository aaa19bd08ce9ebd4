import { backTransformValue } from './backTransform.ts';
import { normalQuantile } from './normal.ts';
import type { EffectSize, Interval, Measure } from './types.ts';

/** One study's point and 95% Wald interval, on the analysis scale and on the display scale. */
export interface StudyInterval {
  readonly study: string;
  readonly yi: number;
  readonly ci: Interval;
  /** back-transformed for display (proportions clamped to [0, 1]; GEN: exp when exponentiated, else identity) */
  readonly back: { readonly estimate: number; readonly ci: Interval };
}

export interface StudyIntervalOptions {
  /** GEN only: yi are log ratios, shown as exp(·). Default false. */
  readonly exponentiate?: boolean;
  /** confidence level, default 0.95 */
  readonly level?: number;
}

/**
 * Each study's Wald interval yi ± z₁₋α/₂ √vi and its back-transform, as metafor's summary.escalc and forest()
 * draw them (Viechtbauer 2010, escalc/forest documentation): PLO inverse logit, PAS sin², PR identity, PFT Miller's
 * (1978) inverse with the study's OWN n (transf.ipft with ni), GEN identity or exp. Each bound is transformed.
 *
 * studyIntervals([{ study: 'a', yi: 0, vi: 0.25 }], 'PLO')[0].back → { estimate: 0.5, ci: [0.273, 0.727] }
 */
export function studyIntervals(
  effects: readonly EffectSize[],
  measure: Measure,
  options: StudyIntervalOptions = {},
): readonly StudyInterval[] {
  const z = normalQuantile(1 - (1 - (options.level ?? 0.95)) / 2);
  const exponentiate = measure === 'GEN' && options.exponentiate === true;
  return effects.map((e) => {
    const half = z * Math.sqrt(e.vi);
    const ci: Interval = [e.yi - half, e.yi + half];
    const n = e.n ?? Number.NaN;
    const f = (y: number): number => backTransformValue(measure, y, n, exponentiate);
    return { study: e.study, yi: e.yi, ci, back: { estimate: f(e.yi), ci: [f(ci[0]), f(ci[1])] } };
  });
}
