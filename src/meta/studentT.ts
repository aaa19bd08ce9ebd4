/** Student t distribution functions from stdlib (accurate to double precision); upper tails by symmetry. */
import tCdfFn from '@stdlib/stats-base-dists-t-cdf';
import tQuantileFn from '@stdlib/stats-base-dists-t-quantile';

/** Student t CDF with `df` degrees of freedom. */
export function tCdf(x: number, df: number): number {
  return tCdfFn(x, df);
}

/** Student t quantile with `df` degrees of freedom. */
export function tQuantile(p: number, df: number): number {
  return tQuantileFn(p, df);
}

/** Two-sided p-value of a t statistic: 2 F_t(−|t|; df). */
export function tTwoSidedP(t: number, df: number): number {
  return 2 * tCdfFn(-Math.abs(t), df);
}
