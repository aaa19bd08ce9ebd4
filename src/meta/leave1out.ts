import { derivedRow, type DerivedRow } from './derivedRow.ts';
import { fit } from './fit.ts';
import type { EffectSize, FitOptions } from './types.ts';

/**
 * Leave-one-out sensitivity analysis (metafor leave1out; Viechtbauer & Cheung 2010): for each study i, the model
 * refitted with the same options to the other k − 1 studies; row i is labelled with the study left out.
 * Fewer than two studies: no rows. `onProgress(done, total)` is called after each refit (for a progress bar).
 */
export function leave1out(
  effects: readonly EffectSize[], options: FitOptions, onProgress?: (done: number, total: number) => void,
): readonly DerivedRow[] {
  if (effects.length < 2) return [];
  return effects.map((e, i) => {
    const row = derivedRow(e.study, fit(effects.filter((_, j) => j !== i), options));
    onProgress?.(i + 1, effects.length);
    return row;
  });
}
