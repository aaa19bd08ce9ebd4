import { chisqQuantile } from './chiSquare.ts';
import { solveGeneralisedQ } from './solveGeneralisedQ.ts';
import type { Interval } from './types.ts';

/**
 * 95% Q-profile confidence interval for τ² (Viechtbauer 2007; metafor's confint.rma.uni): the τ² values at which
 * the generalised Q equals the χ²(k − 1) 97.5% and 2.5% quantiles, each truncated at 0, searched on
 * [0, max(100, 10 τ̂²)] as metafor (a bound beyond that is reported as the search limit). Needs k ≥ 2.
 */
export function qProfileTau2Ci(y: Float64Array, v: Float64Array, tau2: number): Interval {
  const df = y.length - 1;
  const upper = Math.max(100, 10 * tau2);
  const lb = solveGeneralisedQ(y, v, chisqQuantile(0.975, df), upper);
  const ub = solveGeneralisedQ(y, v, chisqQuantile(0.025, df), upper);
  return [lb, ub];
}
