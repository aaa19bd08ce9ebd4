import { normalTwoSidedP } from './normal.ts';

export interface KendallTau {
  /** Kendall's τ_b (equal to τ_a when there are no ties) */
  readonly tau: number;
  /** two-sided p-value of H₀: τ = 0 */
  readonly p: number;
  /** true: exact permutation p-value (no ties); false: normal approximation with tie-corrected variance */
  readonly exact: boolean;
}

/**
 * P(T ≤ t) for t = 0..N, N = n(n−1)/2, where T is the number of concordant pairs between a fixed ranking and a
 * uniformly random permutation of n items (the Mahonian / inversion-number distribution; Kendall & Gibbons 1990).
 * Built by the recurrence f_m(t) = (1/m) Σ_{j=0}^{m−1} f_{m−1}(t − j), on probabilities so n! never overflows.
 */
function concordanceCdf(n: number): Float64Array {
  let f = new Float64Array([1]);
  for (let m = 2; m <= n; m++) {
    const len = f.length + m - 1;
    const prefix = new Float64Array(f.length + 1);
    for (let t = 0; t < f.length; t++) prefix[t + 1] = prefix[t] + f[t];
    const g = new Float64Array(len);
    for (let t = 0; t < len; t++) {
      const hi = Math.min(t, f.length - 1);
      const lo = Math.max(0, t - (m - 1));
      g[t] = hi >= lo ? (prefix[hi + 1] - prefix[lo]) / m : 0;
    }
    f = g;
  }
  const cdf = new Float64Array(f.length);
  let s = 0;
  for (let t = 0; t < f.length; t++) {
    s += f[t];
    cdf[t] = s;
  }
  return cdf;
}

/** Σ over tie groups of g(t) for the tie-group sizes t > 1 of `a`. */
function tieSum(a: readonly number[], g: (t: number) => number): number {
  const counts = new Map<number, number>();
  for (const v of a) counts.set(v, (counts.get(v) ?? 0) + 1);
  let s = 0;
  for (const t of counts.values()) if (t > 1) s += g(t);
  return s;
}

/**
 * Kendall's rank correlation τ_b of x and y with a two-sided test (Kendall 1938; Kendall & Gibbons 1990), as R's
 * cor.test(method = "kendall", exact = TRUE): without ties the exact null distribution of the concordant-pair count
 * (p = 2 · the smaller tail, capped at 1); with ties the normal approximation z = S / √Var(S) with the tie-corrected
 * variance of S = C − D (ties in both rankings; Kendall & Gibbons 1990) and no continuity correction.
 */
export function kendallTau(x: readonly number[], y: readonly number[]): KendallTau {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) s += Math.sign(x[i] - x[j]) * Math.sign(y[i] - y[j]);
  }
  const n0 = n * (n - 1) / 2;
  const n1 = tieSum(x, (t) => t * (t - 1) / 2);
  const n2 = tieSum(y, (t) => t * (t - 1) / 2);
  const tau = s / Math.sqrt((n0 - n1) * (n0 - n2));
  if (n1 === 0 && n2 === 0) {
    const cdf = concordanceCdf(n);
    const concordant = Math.round((s + n0) / 2);
    // the distribution is symmetric about N/2: P(T ≥ c) = P(T ≤ N − c); take the smaller tail directly
    const lower = concordant > n0 / 2 ? cdf[n0 - concordant] : cdf[concordant];
    return { tau, p: Math.min(1, 2 * lower), exact: true };
  }
  const v0 = n * (n - 1) * (2 * n + 5);
  const vt = tieSum(x, (t) => t * (t - 1) * (2 * t + 5));
  const vu = tieSum(y, (t) => t * (t - 1) * (2 * t + 5));
  const v1 = tieSum(x, (t) => t * (t - 1)) * tieSum(y, (t) => t * (t - 1));
  const v2 = tieSum(x, (t) => t * (t - 1) * (t - 2)) * tieSum(y, (t) => t * (t - 1) * (t - 2));
  const varS = (v0 - vt - vu) / 18 + v1 / (2 * n * (n - 1)) + v2 / (9 * n * (n - 1) * (n - 2));
  return { tau, p: normalTwoSidedP(s / Math.sqrt(varS)), exact: false };
}
