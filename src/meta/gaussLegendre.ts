/**
 * Gauss–Legendre quadrature on [−1, 1]: ∫ f(x) dx ≈ Σ wᵢ f(xᵢ). Roots of Pₙ by Newton's method from
 * xᵢ ≈ cos(π(i − ¼)/(n + ½)), weights 2 / ((1 − x²) P′ₙ(x)²) (Abramowitz & Stegun 1964, 25.4.29;
 * Press et al., Numerical Recipes 3rd ed., §4.6.1).
 */
import type { Quadrature } from './gaussHermite.ts';

const cache = new Map<number, Quadrature>();

/** Nodes (increasing) and weights of the n-point Gauss–Legendre rule on [−1, 1]; n ≥ 1. */
export function gaussLegendre(n: number): Quadrature {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`invalid quadrature size: ${n}`);
  const hit = cache.get(n);
  if (hit) return hit;
  const x = new Array<number>(n);
  const w = new Array<number>(n);
  const half = Math.floor((n + 1) / 2);
  for (let i = 0; i < half; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let pp = 0;
    for (let it = 0; it < 100; it++) {
      // Bonnet's recurrence: j Pⱼ = (2j − 1) x Pⱼ₋₁ − (j − 1) Pⱼ₋₂
      let p1 = 1;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
      }
      pp = (n * (z * p1 - p2)) / (z * z - 1);
      const step = p1 / pp;
      z -= step;
      if (Math.abs(step) <= 1e-15) break;
    }
    x[i] = -z;
    x[n - 1 - i] = z;
    w[i] = 2 / ((1 - z * z) * pp * pp);
    w[n - 1 - i] = w[i];
  }
  const q: Quadrature = Object.freeze({ nodes: Object.freeze(x), weights: Object.freeze(w) });
  cache.set(n, q);
  return q;
}
