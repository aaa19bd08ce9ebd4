/** The rank of a distribution-free interval for a median and the interval's exact coverage. */
export interface SignTestRank {
  /** the interval is [y(r), y(k − r + 1)] of the k ordered values */
  readonly r: number;
  /** exact coverage 1 − 2·P(Bin(k, ½) ≤ r − 1), at least `level` */
  readonly coverage: number;
}

/** P(Bin(k, ½) ≤ j), summed in log space so that large k does not underflow 2^−k. */
export function halfBinomialCdf(j: number, k: number): number {
  if (j < 0) return 0;
  if (j >= k) return 1;
  let logTerm = -k * Math.LN2;
  let sum = Math.exp(logTerm);
  for (let i = 1; i <= j; i++) {
    logTerm += Math.log((k - i + 1) / i);
    sum += Math.exp(logTerm);
  }
  return Math.min(1, sum);
}

/**
 * The sign-test inversion for a median (Conover 1999, Practical Nonparametric Statistics, §3.2): the largest r with
 * P(Bin(k, ½) ≤ r − 1) ≤ (1 − level) / 2, so that [y(r), y(k − r + 1)] covers the median with probability ≥ level
 * whatever the distribution. Null when even [min, max] covers less (k ≤ 5 at 95 %).
 * signTestRank(6, 0.95) → { r: 1, coverage: 0.96875 }.
 */
export function signTestRank(k: number, level = 0.95): SignTestRank | null {
  const half = (1 - level) / 2;
  let r = 0;
  let tail = 0;
  for (let j = 1; j <= Math.floor((k + 1) / 2); j++) {
    const p = halfBinomialCdf(j - 1, k);
    if (p > half) break;
    r = j;
    tail = p;
  }
  return r === 0 ? null : { r, coverage: 1 - 2 * tail };
}

/** The smallest k for which signTestRank(k, level) is not null: 2·½^k ≤ 1 − level (6 at 95 %). */
export function minSignTestK(level = 0.95): number {
  let k = 1;
  while (2 * 0.5 ** k > 1 - level) k++;
  return k;
}
