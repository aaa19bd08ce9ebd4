import { derivedRow, type DerivedRow } from './derivedRow.ts';
import { fit } from './fit.ts';
import type { EffectSize, FitOptions } from './types.ts';

/** Ascending comparison of two sort keys; NaN (a missing number) sorts last, as R's order(na.last = TRUE). */
function compareKeys(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number(Number.isNaN(a)) - Number(Number.isNaN(b));
    return a - b;
  }
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * Cumulative meta-analysis (metafor cumul; Lau et al. 1992): the studies sorted by `order` (one key per study,
 * ascending; numbers numerically, text by code point; ties keep the input order), and row j the model fitted with
 * the same options to the first j studies, labelled with the j-th study. The first row (k = 1) is that study alone.
 * `onProgress(done, total)` is called after each refit.
 */
export function cumulative(
  effects: readonly EffectSize[],
  options: FitOptions,
  order: readonly number[] | readonly string[],
  onProgress?: (done: number, total: number) => void,
): readonly DerivedRow[] {
  if (order.length !== effects.length) {
    throw new RangeError(`cumulative: ${order.length} order keys for ${effects.length} studies`);
  }
  const keys: readonly (number | string)[] = order;
  const sorted = effects.map((e, i) => ({ e, i })).sort((a, b) => compareKeys(keys[a.i], keys[b.i]) || a.i - b.i);
  const ordered = sorted.map((s) => s.e);
  return ordered.map((e, j) => {
    const row = derivedRow(e.study, fit(ordered.slice(0, j + 1), options));
    onProgress?.(j + 1, ordered.length);
    return row;
  });
}
