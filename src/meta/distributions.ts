/**
 * Distribution functions for inference, from stdlib (well-kept, accurate to double precision) — not
 * approximations. Upper tails are computed as upper tails (by symmetry or the upper incomplete gamma),
 * never as 1 − CDF, so tiny p-values keep their digits.
 */
import chisqQuantileFn from '@stdlib/stats-base-dists-chisquare-quantile';
import gammainc from '@stdlib/math-base-special-gammainc';
import normalCdfFn from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileFn from '@stdlib/stats-base-dists-normal-quantile';
import tCdfFn from '@stdlib/stats-base-dists-t-cdf';
import tQuantileFn from '@stdlib/stats-base-dists-t-quantile';

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

/** χ² CDF with `df` degrees of freedom: P(X ≤ x) = P(df/2, x/2) (regularized lower incomplete gamma). */
export function chisqCdf(x: number, df: number): number {
  if (x <= 0) return 0;
  return gammainc(x / 2, df / 2, true, false);
}

/** χ² upper tail P(X > x) = Q(df/2, x/2), the regularized upper incomplete gamma. */
export function chisqUpper(x: number, df: number): number {
  if (x <= 0) return 1;
  return gammainc(x / 2, df / 2, true, true);
}

/** χ² quantile with `df` degrees of freedom. */
export function chisqQuantile(p: number, df: number): number {
  return chisqQuantileFn(p, df);
}
