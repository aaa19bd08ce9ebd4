/**
 * Standard normal distribution functions from stdlib (accurate to double precision, not approximations).
 * Upper tails are computed as upper tails (by symmetry), never as 1 − CDF, so tiny p-values keep their digits.
 * One file per distribution so a bundle takes only the stdlib packages it uses.
 */
import normalCdfFn from '@stdlib/stats-base-dists-normal-cdf';
import erfcinv from '@stdlib/math-base-special-erfcinv';

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return normalCdfFn(x, 0, 1);
}

/**
 * Standard normal quantile Φ⁻¹(p) = −√2 erfc⁻¹(2p) (DLMF 7.17.2), by symmetry from the smaller tail, so that
 * p = 1e-300 gives −37.047 (stdlib's normal quantile uses erfinv(2p − 1) and returns −∞ below p ≈ 1e-17).
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  return p <= 0.5 ? -Math.SQRT2 * erfcinv(2 * p) : Math.SQRT2 * erfcinv(2 * (1 - p));
}

/** Two-sided p-value of a z statistic: 2 Φ(−|z|). */
export function normalTwoSidedP(z: number): number {
  return 2 * normalCdfFn(-Math.abs(z), 0, 1);
}
