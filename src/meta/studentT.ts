/**
 * Student t distribution functions from stdlib (accurate to double precision); upper tails by symmetry; df = 1 in
 * closed form. Checked against R's pt/qt for df 1 … 10⁶ and tail probabilities down
 * to 1e-300 (test/fixtures/distributions.json).
 */
import tCdfFn from '@stdlib/stats-base-dists-t-cdf';
import tQuantileFn from '@stdlib/stats-base-dists-t-quantile';

/**
 * Student t CDF with `df` degrees of freedom. df = 1 is the Cauchy distribution, F(x) = atan(1/|x|)/π in the lower
 * tail (Johnson, Kotz & Balakrishnan 1994, ch. 16), written out because stdlib squares x and loses |x| > 1e154.
 */
export function tCdf(x: number, df: number): number {
  if (df === 1 && Number.isFinite(x) && x !== 0) {
    const tail = Math.atan(1 / Math.abs(x)) / Math.PI;
    return x < 0 ? tail : 1 - tail;
  }
  return tCdfFn(x, df);
}

/**
 * Student t quantile with `df` degrees of freedom. df = 1 (Cauchy): −1/tan(πp) from the smaller tail (Johnson,
 * Kotz & Balakrishnan 1994, ch. 16), where stdlib returns −∞ for p = 1e-300.
 */
export function tQuantile(p: number, df: number): number {
  if (df === 1 && p > 0 && p < 1) {
    if (p === 0.5) return 0;
    return p < 0.5 ? -1 / Math.tan(Math.PI * p) : 1 / Math.tan(Math.PI * (1 - p));
  }
  return tQuantileFn(p, df);
}

/** Two-sided p-value of a t statistic: 2 F_t(−|t|; df). */
export function tTwoSidedP(t: number, df: number): number {
  return 2 * tCdf(-Math.abs(t), df);
}
