/**
 * χ² distribution functions from stdlib. The upper tail is the regularized upper incomplete gamma Q(df/2, x/2),
 * computed directly rather than as 1 − CDF, so tiny p-values keep their digits.
 */
import chisqQuantileFn from '@stdlib/stats-base-dists-chisquare-quantile';
import gammainc from '@stdlib/math-base-special-gammainc';

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
