/**
 * Permutation test of a meta-regression, as metafor's permutest(res) for models with moderators (Higgins &
 * Thompson 2004, Stat Med 23:1663; Viechtbauer et al. 2015, Res Synth Methods 6:174): the rows of the design
 * matrix are permuted over the studies, the model refitted (τ² re-estimated), and the p-values are the share of
 * permutations whose QM (or |z|/|t| per coefficient) is at least the observed one (less a tolerance √ε).
 *
 * Exact when the number of distinct permutations of the design rows, k!/∏nᵍ! over groups of identical rows, is
 * at most `iterations` (every one is fitted once, the observed included); otherwise `iterations` random
 * permutations from a seeded generator (mulberry32), the first of them replaced by the observed data, as metafor.
 */
import { mulberry32 } from '../survival/random.ts';
import type { MetaRegressionResult } from './metaRegression.ts';
import { regressionFit } from './regressionFit.ts';

export interface PermutationOptions {
  /** random permutations (default 1 000); also the largest number of distinct permutations enumerated exactly */
  readonly iterations?: number;
  /** seed of the generator (default 1); the same seed gives the same p-values */
  readonly seed?: number;
}

export interface PermutationResult {
  /** permutations counted (the observed included) */
  readonly iterations: number;
  readonly exact: boolean;
  /** the number of distinct permutations of the design rows (may exceed 2⁵³ in magnitude: then approximate) */
  readonly distinct: number;
  /** the seed used, null for an exact test */
  readonly seed: number | null;
  /** permutation p-value of the omnibus test QM */
  readonly QM_p: number;
  /** permutation p-value of each coefficient (|z| or |t|), in coefficient order */
  readonly p: readonly number[];
}

export const DEFAULT_PERMUTATIONS = 1000;
const DEFAULT_SEED = 1;
/** metafor's comptol: .Machine$double.eps^0.5 */
const COMPTOL = Math.sqrt(Number.EPSILON);

/** Group labels of the design rows: equal rows share a label (labels 0.. in order of first sorted appearance). */
function rowGroups(columns: readonly Float64Array[], k: number): number[] {
  const keys = Array.from({ length: k }, (_u, i) => columns.map((c) => c[i]));
  const order = keys.map((_r, i) => i).sort((a, b) => {
    for (let j = 0; j < keys[a].length; j++) if (keys[a][j] !== keys[b][j]) return keys[a][j] - keys[b][j];
    return 0;
  });
  const label = new Array<number>(k);
  let g = -1;
  order.forEach((i, n) => {
    const prev = n > 0 ? keys[order[n - 1]] : null;
    if (prev === null || prev.some((x, j) => x !== keys[i][j])) g++;
    label[i] = g;
  });
  return label;
}

/** k!/∏nᵍ!, the number of distinct arrangements of the group labels, as a product of binomial coefficients. */
function distinctPermutations(labels: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const g of labels) counts.set(g, (counts.get(g) ?? 0) + 1);
  let total = 0;
  let result = 1;
  for (const c of counts.values()) {
    for (let j = 1; j <= c; j++) result = Math.round(result * (total + j) / j);
    total += c;
  }
  return result;
}

/** The next lexicographic arrangement of `a` in place (distinct arrangements of a multiset); false after the last. */
function nextPermutation(a: number[]): boolean {
  let i = a.length - 2;
  while (i >= 0 && a[i] >= a[i + 1]) i--;
  if (i < 0) return false;
  let j = a.length - 1;
  while (a[j] <= a[i]) j--;
  [a[i], a[j]] = [a[j], a[i]];
  for (let l = i + 1, r = a.length - 1; l < r; l++, r--) [a[l], a[r]] = [a[r], a[l]];
  return true;
}

/** Fisher–Yates shuffle of 0..k−1 with uniforms from `u`. */
function shuffle(k: number, u: () => number): number[] {
  const a = Array.from({ length: k }, (_x, i) => i);
  for (let i = k - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/**
 * The permutation p-values of `result`'s moderators. The refits use the result's method and test; a permutation
 * whose fit fails (a singular design) is skipped, and a random one drawn again, as metafor.
 */
export function permutationTest(result: MetaRegressionResult, options: PermutationOptions = {}): PermutationResult {
  const iterations = Math.round(options.iterations ?? DEFAULT_PERMUTATIONS);
  if (!(iterations >= 2)) throw new RangeError(`permutationTest: iterations must be at least 2, not ${options.iterations}`);
  const seed = options.seed ?? DEFAULT_SEED;
  const { design, method, test } = result;
  const k = result.k;
  const p = result.p;
  const y = Float64Array.from(result.studies, (s) => s.yi);
  const v = Float64Array.from(result.studies, (s) => s.vi);
  const columns = design.columns;
  const observedQM = result.QM;
  const observedStat = result.coefficients.map((c) => Math.abs(c.stat));

  // per statistic: [permutations with a defined value, those at least as extreme] (undefined ones left out, as
  // metafor's na.rm = TRUE); index 0 is QM, 1.. the coefficients
  let counted = 0;
  const defined = new Array<number>(p + 1).fill(0);
  const hits = new Array<number>(p + 1).fill(0);
  const count = (j: number, value: number, observed: number) => {
    if (Number.isNaN(value)) return;
    defined[j]++;
    if (value >= observed - COMPTOL) hits[j]++;
  };
  const tally = (qm: number, stat: readonly number[]) => {
    counted++;
    count(0, qm, observedQM);
    stat.forEach((z, j) => count(j + 1, Math.abs(z), observedStat[j]));
  };
  /** Fits y on the design rows taken in the order `rows`; null if the fit fails. */
  const refit = (rows: readonly number[]) => {
    const permuted = columns.map((c) => Float64Array.from(rows, (r) => c[r]));
    try {
      return regressionFit(y, v, permuted, method, test);
    } catch {
      return null;
    }
  };

  const labels = rowGroups(columns, k);
  const distinct = distinctPermutations(labels);
  const exact = distinct <= iterations;
  if (exact) {
    // one representative row per group; enumerate the arrangements of the group labels
    const representative = new Map<number, number>();
    labels.forEach((g, i) => {
      if (!representative.has(g)) representative.set(g, i);
    });
    const arrangement = [...labels].sort((a, b) => a - b);
    do {
      const f = refit(arrangement.map((g) => representative.get(g)!));
      if (f !== null) tally(f.QM, f.stat);
    } while (nextPermutation(arrangement));
  } else {
    const u = mulberry32(seed);
    tally(observedQM, result.coefficients.map((c) => c.stat));
    let attempts = 0;
    while (counted < iterations && attempts < 100 * iterations) {
      attempts++;
      const f = refit(shuffle(k, u));
      if (f !== null) tally(f.QM, f.stat);
    }
  }
  return {
    iterations: counted,
    exact,
    distinct,
    seed: exact ? null : seed,
    QM_p: Math.min(1, hits[0] / defined[0]),
    p: hits.slice(1).map((h, j) => Math.min(1, h / defined[j + 1])),
  };
}
