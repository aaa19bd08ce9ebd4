import type { Warning } from './types.ts';

/** Below this many studies funnel-asymmetry tests have too little power (Sterne et al. 2011, BMJ 343:d4002). */
export const SMALL_K_BIAS = 10;

/** The `small_k_bias` warning for a small-study (funnel asymmetry) method run on fewer than 10 studies. */
export function smallKBiasWarnings(k: number, what: string): readonly Warning[] {
  if (k >= SMALL_K_BIAS) return [];
  return [{
    code: 'small_k_bias',
    message: `${what} with k = ${k} < ${SMALL_K_BIAS} studies has low power and can mislead (Sterne et al. 2011)`,
  }];
}
