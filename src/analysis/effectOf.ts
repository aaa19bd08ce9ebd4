/**
 * The one place rows become effect sizes: events / n → PR, PLO, PAS or PFT; yi, vi as given (GEN); a ratio with its
 * printed CI → log ratio with SE = (log high − log low) / (2 × 1.959964) (Higgins & Green, Cochrane Handbook 6.3.2).
 */
import { genericEffect, proportionEffect, ratioCiEffect } from '../meta/effectSizes.ts';
import type { EffectSize, Measure } from '../meta/types.ts';
import type { RowData } from './selection.ts';

/** A row's effect size under `measure`, labelled `label`. Counts under GEN are refused by resolveSpec before this. */
export function effectOf(label: string, data: RowData, measure: Measure): EffectSize {
  switch (data.kind) {
    case 'count':
      return proportionEffect(label, data.events, data.n, measure === 'GEN' ? 'PLO' : measure);
    case 'generic':
      return genericEffect(label, data.yi, data.vi);
    case 'ratio':
      return ratioCiEffect(label, data.estimate, data.low, data.high);
  }
}
