/**
 * Regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x) for large arguments, each computed
 * directly (never as 1 − the other when that one is near 1), so both tails keep their relative precision down to
 * 1e-300. Written for x > 1000, where stdlib's gammainc 0.3.1 uses a large-x asymptotic series with the wrong
 * first factor (a instead of a − 1) and is off by up to 4 % near x ≈ a; it is correct for any a > 0, x ≥ 0.
 *
 * Source: the power series of P and Legendre's continued fraction of Q (DLMF 8.7.1 and 8.9.2; Press et al.,
 * Numerical Recipes 3rd ed. §6.2, gser/gcf with the modified Lentz method), with the prefactor
 * xᵃe⁻ˣ/Γ(a + 1) written as exp(a·(log(1 + μ) − μ)) / (√(2πa)·e^{s(a)}), μ = (x − a)/a and s(a) Stirling's
 * series of log Γ(a + 1) (DLMF 5.11.1), so no digits cancel between a·log x, x and log Γ(a + 1) (Temme 1979).
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import log1pmx from '@stdlib/math-base-special-log1pmx';

const LN_2PI = Math.log(2 * Math.PI);
const EPS = Number.EPSILON;
/** Far more than either expansion needs: about 10√a terms near x ≈ a, fewer elsewhere. */
const MAX_TERMS = 1_000_000;
const TINY = 1e-300;

/** s(a) = log Γ(a + 1) − (a + ½) log a + a − ½ log 2π, Stirling's series (DLMF 5.11.1); error < 1e-17 for a ≥ 10. */
function stirlingError(a: number): number {
  const r = 1 / a;
  const r2 = r * r;
  return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 * (1 / 1188 - r2 * (691 / 360360))))));
}

/** log(xᵃ e⁻ˣ / Γ(a + 1)). */
function logPrefix(a: number, x: number): number {
  if (a < 10) return a * Math.log(x) - x - gammaln(a + 1);
  return a * log1pmx((x - a) / a) - 0.5 * (LN_2PI + Math.log(a)) - stirlingError(a);
}

/** Σ xⁿ / ((a + 1)…(a + n)) for x < a + 1 (all terms positive, ratio x/(a + n) < 1). */
function lowerSeries(a: number, x: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 1; n < MAX_TERMS; n++) {
    term *= x / (a + n);
    sum += term;
    if (term <= sum * EPS) break;
  }
  return sum;
}

/** Legendre's continued fraction 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − …)) for x ≥ a + 1 (modified Lentz). */
function upperFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let n = 1; n < MAX_TERMS; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= EPS) break;
  }
  return h;
}

/** The pair [P(a, x), Q(a, x)], each with full relative precision in its own tail. */
export function regularizedGamma(a: number, x: number): readonly [number, number] {
  if (Number.isNaN(a) || Number.isNaN(x) || !(a > 0)) return [Number.NaN, Number.NaN];
  if (x <= 0) return [0, 1];
  if (x === Infinity) return [1, 0];
  const lp = logPrefix(a, x);
  if (x < a + 1) {
    const p = Math.exp(lp + Math.log(lowerSeries(a, x)));
    return [p, 1 - p];
  }
  // Q = xᵃe⁻ˣ/Γ(a) · CF = a · prefix · CF
  const q = Math.exp(lp + Math.log(a * upperFraction(a, x)));
  return [1 - q, q];
}

/** log of the χ²-type density xᵃ⁻¹e⁻ˣ/Γ(a), the derivative of P(a, x) in x. */
export function logGammaDensity(a: number, x: number): number {
  return logPrefix(a, x) + Math.log(a / x);
}
