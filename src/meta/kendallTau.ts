import { normalTwoSidedP } from './normal.ts';

export interface KendallTau {
  /** Kendall's τ_b (equal to τ_a when there are no ties); NaN when either ranking is all ties */
  readonly tau: number;
  /** two-sided p-value of H₀: τ = 0; NaN where τ is */
  readonly p: number;
  /** true: exact permutation p-value (n ≤ 50, no ties); false: normal approximation with tie-corrected variance */
  readonly exact: boolean;
}

/** Largest n with the exact null distribution (O(n³)); beyond it the normal approximation, as R's cor.test(exact = FALSE). */
export const KENDALL_EXACT_MAX_N = 50;

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

/** Sums over the tie groups (runs of equal values) of a sorted array: Σt(t−1), Σt(t−1)(2t+5), Σt(t−1)(t−2). */
interface TieSums {
  readonly pairs: number;
  readonly v: number;
  readonly w: number;
}

function tieSums(sorted: Float64Array): TieSums {
  let pairs = 0;
  let v = 0;
  let w = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    const t = j - i;
    if (t > 1) {
      pairs += t * (t - 1);
      v += t * (t - 1) * (2 * t + 5);
      w += t * (t - 1) * (t - 2);
    }
    i = j;
  }
  return { pairs, v, w };
}

/**
 * Sorts `a` in place by a bottom-up merge sort and returns the number of inversions (pairs i < j with a[i] > a[j],
 * equal values not counted) — the swaps of Knight's (1966) algorithm.
 */
function sortCountingInversions(a: Float64Array): number {
  const n = a.length;
  let src: Float64Array = a;
  let dst: Float64Array = new Float64Array(n);
  let swaps = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let o = lo;
      while (i < mid && j < hi) {
        if (src[j] < src[i]) {
          swaps += mid - i;
          dst[o++] = src[j++];
        } else {
          dst[o++] = src[i++];
        }
      }
      while (i < mid) dst[o++] = src[i++];
      while (j < hi) dst[o++] = src[j++];
    }
    [src, dst] = [dst, src];
  }
  if (src !== a) a.set(src);
  return swaps;
}

/**
 * Kendall's rank correlation τ_b of x and y with a two-sided test (Kendall 1938; Kendall & Gibbons 1990), as R's
 * cor.test(method = "kendall"): for n ≤ 50 without ties the exact null distribution of the concordant-pair count
 * (p = 2 · the smaller tail, capped at 1); otherwise the normal approximation z = S / √Var(S) with the tie-corrected
 * variance of S = C − D (ties in both rankings; Kendall & Gibbons 1990) and no continuity correction, as
 * cor.test(exact = FALSE). S is counted in O(n log n) by Knight's (1966, JASA 61:436–439) merge-sort algorithm.
 */
export function kendallTau(x: readonly number[], y: readonly number[]): KendallTau {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`kendallTau: x has ${n} values, y has ${y.length}`);
  if (x.some((v) => Number.isNaN(v)) || y.some((v) => Number.isNaN(v))) return { tau: NaN, p: NaN, exact: false };
  // order by x, then y: pairs tied in x are then never inversions of y
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => x[i] - x[j] || y[i] - y[j]);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = x[order[i]];
    ys[i] = y[order[i]];
  }
  const tx = tieSums(xs);
  // pairs tied in both x and y: runs equal in x and y in the (x, y) order
  let joint = 0;
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && xs[j] === xs[i] && ys[j] === ys[i]) j++;
    joint += (j - i) * (j - i - 1) / 2;
    i = j;
  }
  const discordant = sortCountingInversions(ys);
  const ty = tieSums(ys);
  const n0 = n * (n - 1) / 2;
  const n1 = tx.pairs / 2;
  const n2 = ty.pairs / 2;
  const s = n0 - n1 - n2 + joint - 2 * discordant;
  const tau = s / Math.sqrt((n0 - n1) * (n0 - n2));
  if (!Number.isFinite(tau)) return { tau: NaN, p: NaN, exact: false };
  if (n1 === 0 && n2 === 0 && n <= KENDALL_EXACT_MAX_N) {
    const cdf = concordanceCdf(n);
    const concordant = Math.round((s + n0) / 2);
    // the distribution is symmetric about N/2: P(T ≥ c) = P(T ≤ N − c); take the smaller tail directly
    const lower = concordant > n0 / 2 ? cdf[n0 - concordant] : cdf[concordant];
    return { tau, p: Math.min(1, 2 * lower), exact: true };
  }
  const v0 = n * (n - 1) * (2 * n + 5);
  const varS = (v0 - tx.v - ty.v) / 18 + (tx.pairs * ty.pairs) / (2 * n * (n - 1))
    + (tx.w * ty.w) / (9 * n * (n - 1) * (n - 2));
  return { tau, p: normalTwoSidedP(s / Math.sqrt(varS)), exact: false };
}
