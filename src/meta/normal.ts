/**
 * Standard normal distribution functions from stdlib (accurate to double precision, not approximations).
 * Upper tails are computed as upper tails (by symmetry), never as 1 − CDF, so tiny p-values keep their digits.
 * One file per distribution so a bundle takes only the stdlib packages it uses.
 */
import normalCdfFn from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileFn from '@stdlib/stats-base-dists-normal-quantile';

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return normalCdfFn(x, 0, 1);
}

/** Standard normal quantile Φ⁻¹(p). */
export function normalQuantile(p: number): number {
  return normalQuantileFn(p, 0, 1);
}

/** Two-sided p-value of a z statistic: 2 Φ(−|z|). */
export function normalTwoSidedP(z: number): number {
  return 2 * normalCdfFn(-Math.abs(z), 0, 1);
}
