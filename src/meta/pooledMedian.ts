import { PoolInputError } from './poolInputError.ts';
import { minSignTestK, signTestRank } from './signTestRank.ts';
import type { Interval, Warning } from './types.ts';

/** One study's median (e.g. median overall survival in months) and its number of patients, when printed. */
export interface MedianStudy {
  readonly study?: string;
  readonly median: number;
  readonly n: number | null;
}

export type PooledMedianMethod = 'median_of_medians' | 'weighted_median_of_medians';
export const POOLED_MEDIAN_METHODS: readonly PooledMedianMethod[] = ['median_of_medians', 'weighted_median_of_medians'];

/** A study left out of a pooled median, by its position in the input, with the reason. */
export interface ExcludedMedian {
  readonly index: number;
  readonly study: string;
  readonly reason: string;
}

export interface PooledMedian {
  readonly method: PooledMedianMethod;
  /** the pooled median; null when no study is left */
  readonly estimate: number | null;
  /** the distribution-free interval; null when k is too small for `level` */
  readonly ci: Interval | null;
  /** the exact coverage of the sign-test interval the bounds come from (≥ level); null without an interval */
  readonly coverage: number | null;
  readonly level: number;
  /** studies used */
  readonly k: number;
  /** patients in the studies used that print n; null when none does */
  readonly n: number | null;
  readonly excluded: readonly ExcludedMedian[];
  readonly warnings: readonly Warning[];
}

export interface PooledMedianOptions {
  readonly method?: PooledMedianMethod;
  /** confidence level, default 0.95 */
  readonly level?: number;
}

const pct = (x: number): string => `${Number((100 * x).toFixed(2))} %`;

function labelOf(s: MedianStudy, i: number): string {
  return s.study ?? `study ${i + 1}`;
}

function checkInput(studies: readonly MedianStudy[], level: number): void {
  if (!(level > 0 && level < 1)) throw new PoolInputError(`invalid level: ${level} (must be between 0 and 1)`);
  studies.forEach((s, i) => {
    if (!Number.isFinite(s.median)) {
      throw new PoolInputError(`${labelOf(s, i)}: invalid median: ${s.median} (must be a finite number)`);
    }
    if (s.n !== null && !(Number.isFinite(s.n) && s.n > 0)) {
      throw new PoolInputError(`${labelOf(s, i)}: invalid n: ${s.n} (must be a positive number or null)`);
    }
  });
}

/** Ordered values with their weights; ties keep input order (it does not change any result). */
function ordered(values: readonly number[], weights: readonly number[]): { y: number[]; w: number[] } {
  const idx = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  return { y: idx.map((i) => values[i]!), w: idx.map((i) => weights[i]!) };
}

/**
 * Weighted p-quantiles of ordered values y with weights w, p = num / den: the lower one is the smallest y(j) with at
 * least p of the weight at or below it, the upper one the largest y(j) with at least p of the weight at or above it.
 * Compared as den·Σw ≥ num·W, exact for integer weights. Equal weights give y(num·k/den) and y(k − num·k/den + 1).
 */
function weightedQuantiles(y: readonly number[], w: readonly number[], num: number, den: number): Interval {
  const total = w.reduce((a, b) => a + b, 0);
  let lower = y[y.length - 1]!;
  let below = 0;
  for (let j = 0; j < y.length; j++) {
    below += w[j]!;
    if (den * below >= num * total) {
      lower = y[j]!;
      break;
    }
  }
  let upper = y[0]!;
  let above = 0;
  for (let j = y.length - 1; j >= 0; j--) {
    above += w[j]!;
    if (den * above >= num * total) {
      upper = y[j]!;
      break;
    }
  }
  return [lower, upper];
}

function tooFewWarning(k: number, level: number): Warning {
  const widest = k > 0 ? `; the widest interval, [min, max], covers ${pct(1 - 2 * 0.5 ** k)}` : '';
  return {
    code: 'k_too_small_for_ci',
    message: `k = ${k}: a distribution-free ${pct(level)} interval needs at least ${minSignTestK(level)} studies${widest}`,
  };
}

/**
 * Pooled median of single-arm series by the median of the medians (MM) or the weighted median of the medians (WM,
 * weights n), with the sign-test interval — McGrath, Zhao, Qin, Steele & Benedetti 2019, Stat Med 38:969–984, §2.
 *
 * - MM: the median of the k study medians; interval [y(r), y(k−r+1)] from `signTestRank` (exact, distribution-free,
 *   assuming the study medians are independent draws around a common median). No interval when k is too small for
 *   `level` (k ≤ 5 at 95 %): `ci` is null and the warning `k_too_small_for_ci` says how many are needed.
 * - WM: the same with each median weighted by its n: the estimate is the weighted 50th percentile (the mean of the
 *   lower and upper weighted medians when the weight splits exactly in half), the bounds are the weighted
 *   (r / k)-quantiles from below and from above with the unweighted r. With equal n it is MM exactly; with unequal n
 *   its coverage is the MM interval's, nominally. A study without n is left out of WM (listed in `excluded`, warning
 *   `no_n_excluded`) and kept in MM, whose `n` then counts only the studies that print it (warning `n_partial`).
 * - Ties need no rule: order statistics and weighted quantiles are defined for tied values.
 *
 * Input must be medians. Means are never pooled as medians: the caller's selection of study-table rows leaves out
 * `os_mean_months` (and any row whose note says "mean not median"). Throws PoolInputError for a non-finite median,
 * an n that is not positive, or a level outside (0, 1).
 *
 * pooledMedian([{ median: 22, n: 20 }, { median: 70, n: 148 }]) → estimate 46, ci null (k = 2).
 */
export function pooledMedian(studies: readonly MedianStudy[], options: PooledMedianOptions = {}): PooledMedian {
  const method = options.method ?? 'median_of_medians';
  const level = options.level ?? 0.95;
  checkInput(studies, level);

  const weighted = method === 'weighted_median_of_medians';
  const excluded: ExcludedMedian[] = [];
  const used: MedianStudy[] = [];
  studies.forEach((s, i) => {
    if (weighted && s.n === null) {
      excluded.push({ index: i, study: labelOf(s, i), reason: 'no n: cannot be weighted' });
    } else used.push(s);
  });

  const warnings: Warning[] = [];
  if (excluded.length > 0) {
    warnings.push({
      code: 'no_n_excluded',
      message: `${excluded.length} of ${studies.length} studies print no n and are left out of the weighted median`,
    });
  }
  const k = used.length;
  const withN = used.filter((s) => s.n !== null);
  const n = withN.length > 0 ? withN.reduce((a, s) => a + s.n!, 0) : null;
  if (!weighted && withN.length < k && k > 0) {
    warnings.push({ code: 'n_partial', message: `n counts only the ${withN.length} of ${k} studies that print it` });
  }
  if (k === 0) {
    warnings.push({ code: 'no_studies', message: 'no study to pool' });
    return { method, estimate: null, ci: null, coverage: null, level, k, n, excluded, warnings };
  }

  const { y, w } = ordered(used.map((s) => s.median), used.map((s) => (weighted ? s.n! : 1)));
  const [lowHalf, highHalf] = weightedQuantiles(y, w, 1, 2);
  const estimate = lowHalf === highHalf ? lowHalf : (lowHalf + highHalf) / 2;
  const rank = signTestRank(k, level);
  if (rank === null) warnings.push(tooFewWarning(k, level));
  const ci = rank === null ? null : weightedQuantiles(y, w, rank.r, k);
  return { method, estimate, ci, coverage: rank?.coverage ?? null, level, k, n, excluded, warnings };
}

/** Both pooled medians of the same studies: [median of medians, weighted median of medians]. */
export function pooledMedians(studies: readonly MedianStudy[], level = 0.95): readonly [PooledMedian, PooledMedian] {
  return [
    pooledMedian(studies, { method: 'median_of_medians', level }),
    pooledMedian(studies, { method: 'weighted_median_of_medians', level }),
  ];
}
