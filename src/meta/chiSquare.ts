/**
 * χ² distribution functions: P(X ≤ x) = P(df/2, x/2) and P(X > x) = Q(df/2, x/2), the regularized incomplete
 * gamma functions, each tail computed directly (never as 1 − the other), so tiny p-values keep their digits.
 * stdlib's gammainc for x/2 ≤ 1000; our own series / continued fraction above (incompleteGamma.ts), where
 * stdlib 0.3.1 is wrong (4 % at df = 2500). Checked against R's pchisq/qchisq for df 1 … 10⁶ and tail
 * probabilities down to 1e-300 (test/fixtures/distributions.json).
 */
import chisqQuantileFn from '@stdlib/stats-base-dists-chisquare-quantile';
import gammainc from '@stdlib/math-base-special-gammainc';
import { logGammaDensity, regularizedGamma } from './incompleteGamma.ts';

/** Above this x/2, stdlib's gammainc takes its faulty large-x branch. */
const STDLIB_MAX_HALF_X = 1000;
const LOG_MIN = Math.log(Number.MIN_VALUE);

/** χ² CDF with `df` degrees of freedom: P(X ≤ x) = P(df/2, x/2) (regularized lower incomplete gamma). */
export function chisqCdf(x: number, df: number): number {
  if (x <= 0) return 0;
  if (x / 2 <= STDLIB_MAX_HALF_X) return gammainc(x / 2, df / 2, true, false);
  return regularizedGamma(df / 2, x / 2)[0];
}

/** χ² upper tail P(X > x) = Q(df/2, x/2), the regularized upper incomplete gamma. */
export function chisqUpper(x: number, df: number): number {
  if (x <= 0) return 1;
  if (x / 2 <= STDLIB_MAX_HALF_X) return gammainc(x / 2, df / 2, true, true);
  return regularizedGamma(df / 2, x / 2)[1];
}

/**
 * χ² quantile with `df` degrees of freedom: stdlib's value as the start, then Newton steps on the log of the
 * smaller tail inside a shrinking bracket, to full precision: log P against log x below the median (P ∝ x^{df/2}
 * near 0, so one step is nearly exact), log Q against x above it (log Q ≈ −x/2 far out).
 */
export function chisqQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || Number.isNaN(df) || !(df > 0) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  const a = df / 2;
  const start = chisqQuantileFn(p, df);
  if (p <= 0.5) {
    // u = log x; d log P / du = x f(x) / P(x)
    const target = Math.log(p);
    const x = Math.exp(newton((u) => {
      const t = Math.exp(u);
      const tail = chisqCdf(t, df);
      return [Math.log(tail) - target, Math.exp(logGammaDensity(a, t / 2) + Math.log(t / 2) - Math.log(tail))];
    }, start > 0 ? Math.log(start) : LOG_MIN, LOG_MIN, Math.log(df + 1)));
    // a quantile below the smallest double (df = 1, p = 1e-300: 1.6e-600) is 0, as R's qchisq
    return x <= Number.MIN_VALUE ? 0 : x;
  }
  // d log Q / dx = −f(x) / Q(x), f(x) = ½ · the Gamma(df/2) density at x/2
  const target = Math.log1p(-p);
  return newton((x) => {
    const tail = chisqUpper(x, df);
    return [target - Math.log(tail), Math.exp(logGammaDensity(a, x / 2) - Math.log(2 * tail))];
  }, Number.isFinite(start) && start > 0 ? start : df, 0, Infinity);
}

/**
 * Root of an increasing function given as t ↦ [value, derivative]: Newton steps kept inside the bracket [lo, hi]
 * (bisection or doubling when a step leaves it or a value is not finite), to 4 ulp.
 */
function newton(f: (t: number) => readonly [number, number], start: number, lo0: number, hi0: number): number {
  let lo = lo0;
  let hi = hi0;
  let t = Math.min(Math.max(start, lo), hi);
  for (let iter = 0; iter < 200; iter++) {
    const [g, dg] = f(t);
    if (g === 0) return t;
    if (g < 0 || Number.isNaN(g)) lo = t; // a NaN value is an underflowed tail: the root lies above
    else hi = t;
    let next = t - g / dg;
    if (!(next > lo && next < hi)) {
      next = Number.isFinite(hi) ? 0.5 * (lo + hi) : Math.max(2 * t, t + 1);
    }
    if (Math.abs(next - t) <= 4 * Number.EPSILON * Math.abs(t) || hi - lo <= 4 * Number.EPSILON * Math.abs(t)) {
      return next;
    }
    t = next;
  }
  return t;
}
