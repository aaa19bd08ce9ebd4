/**
 * Gauss–Hermite quadrature: ∫ f(x) e^{−x²} dx ≈ Σ wᵢ f(xᵢ).
 * Nodes are the eigenvalues of the Jacobi matrix (Golub & Welsch), bracketed by Sturm-sequence bisection
 * and polished by Newton's method on the orthonormal three-term recurrence; weights are 2 / (p′ₙ(xᵢ))² for the orthonormal polynomial
 * (Golub & Welsch 1969, Math. Comp. 23:221–230; Press et al., Numerical Recipes 3rd ed., §4.6.1).
 */

export interface Quadrature {
  /** nodes in increasing order */
  readonly nodes: readonly number[];
  readonly weights: readonly number[];
}

const cache = new Map<number, Quadrature>();

/**
 * Orthonormal Hermite p_n(x) and p_{n−1}(x) by the recurrence (Numerical Recipes §4.6, eq. 4.6.21), both divided
 * by e^{scale} so that they stay finite for the outer nodes of large rules (|x| ≳ 38, where p_n exceeds 1e308).
 */
function hermiteOrthonormal(n: number, x: number): [number, number, number] {
  let p1 = Math.PI ** -0.25;
  let p2 = 0;
  let scale = 0;
  for (let j = 1; j <= n; j++) {
    const p3 = p2;
    p2 = p1;
    p1 = x * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
    if (Math.abs(p1) > 1e250) {
      p1 *= 1e-250;
      p2 *= 1e-250;
      scale += 250 * Math.LN10;
    }
  }
  return [p1, p2, scale];
}

/**
 * Number of eigenvalues below x of the Jacobi matrix of the Hermite weight (zero diagonal, off-diagonal
 * √(j/2)) — a Sturm sequence count (Wilkinson 1965, The Algebraic Eigenvalue Problem, §5.37).
 */
function countBelow(n: number, x: number): number {
  let count = 0;
  let d = 1;
  for (let j = 0; j < n; j++) {
    const b2 = j === 0 ? 0 : j / 2;
    d = -x - b2 / d;
    if (d === 0) d = -1e-300;
    if (d < 0) count++;
  }
  return count;
}

/** Nodes and weights of the n-point Gauss–Hermite rule (weight e^{−x²}); n ≥ 1. */
export function gaussHermite(n: number): Quadrature {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`invalid quadrature size: ${n}`);
  const hit = cache.get(n);
  if (hit) return hit;
  const x = new Array<number>(n);
  const w = new Array<number>(n);
  const bound = Math.sqrt(2 * n) + 1;
  const half = Math.floor(n / 2);
  for (let i = n - half; i < n; i++) {
    // bracket the i-th smallest root (a positive one) by bisection on the Sturm count ...
    let lo = 0;
    let hi = bound;
    for (let it = 0; it < 200 && hi - lo > 1e-6 * hi; it++) {
      const mid = (lo + hi) / 2;
      if (countBelow(n, mid) <= i) lo = mid;
      else hi = mid;
    }
    // ... then polish it by Newton's method on the orthonormal recurrence
    let z = (lo + hi) / 2;
    for (let it = 0; it < 20; it++) {
      const [p, pm1] = hermiteOrthonormal(n, z);
      const step = p / (Math.sqrt(2 * n) * pm1);
      z -= step;
      if (Math.abs(step) <= 1e-15 * Math.max(1, z)) break;
    }
    const [, pm1, scale] = hermiteOrthonormal(n, z);
    x[i] = z;
    // w = 2 / p′ₙ(z)², p′ₙ = √(2n)·p_{n−1}; in logs where p_{n−1} was rescaled (w underflows to 0 there)
    w[i] = Math.exp(-Math.log(n) - 2 * (Math.log(Math.abs(pm1)) + scale));
    x[n - 1 - i] = -z;
    w[n - 1 - i] = w[i];
  }
  if (n % 2 === 1) {
    const [, pm1] = hermiteOrthonormal(n, 0);
    x[half] = 0;
    w[half] = 2 / (2 * n * pm1 * pm1);
  }
  const q: Quadrature = Object.freeze({ nodes: Object.freeze(x), weights: Object.freeze(w) });
  cache.set(n, q);
  return q;
}
