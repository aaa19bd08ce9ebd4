import { chisqQuantile } from './chiSquare.ts';
import { solveGeneralisedQ } from './solveGeneralisedQ.ts';
import type { Interval } from './types.ts';

export interface QProfileCi {
  readonly ci: Interval;
  /** the end of the searched range, max(100, 10 τ̂²) */
  readonly limit: number;
  /**
   * which bounds lie beyond `limit` and are reported as `limit` (metafor's confint prints them as ">100"):
   * 'upper' (common at k = 2), 'both' (Q(limit) still above the 97.5 % quantile), or null
   */
  readonly censored: 'upper' | 'both' | null;
}

/**
 * 95% Q-profile confidence interval for τ² (Viechtbauer 2007; metafor's confint.rma.uni): the τ² values at which
 * the generalised Q equals the χ²(k − 1) 97.5% and 2.5% quantiles, each truncated at 0, searched on
 * [0, max(100, 10 τ̂²)] as metafor; a bound beyond that is reported as the limit and flagged `censored`.
 * Needs k ≥ 2.
 */
export function qProfileTau2Ci(y: Float64Array, v: Float64Array, tau2: number): QProfileCi {
  const df = y.length - 1;
  const limit = Math.max(100, 10 * tau2);
  const lb = solveGeneralisedQ(y, v, chisqQuantile(0.975, df), limit);
  const ub = solveGeneralisedQ(y, v, chisqQuantile(0.025, df), limit);
  const censored = lb >= limit ? 'both' : ub >= limit ? 'upper' : null;
  return { ci: [lb, ub], limit, censored };
}
