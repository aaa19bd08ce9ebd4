/**
 * Log-rank test for two or more groups (Mantel 1966; Peto & Peto 1972), the G^0 test of R survival's survdiff
 * with rho = 0: χ² = (O − E)ᵀ V⁻ (O − E) over the groups, df = (groups with E > 0) − 1.
 */
import { chisqUpper } from '../meta/chiSquare.ts';

export interface LogRankResult {
  readonly chisq: number;
  readonly df: number;
  readonly p: number;
  /** Group labels in the order of `observed` and `expected` (first appearance order sorted ascending). */
  readonly groups: readonly string[];
  readonly n: readonly number[];
  readonly observed: readonly number[];
  readonly expected: readonly number[];
}

/** Solve A x = b for symmetric positive-definite A by Cholesky; null if A is not positive definite. */
function solveSpd(a: number[][], b: number[]): number[] | null {
  const m = b.length;
  const l = a.map(() => new Array<number>(m).fill(0));
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(s > 1e-12 * Math.max(1, Math.abs(a[i][i])))) return null;
        l[i][i] = Math.sqrt(s);
      } else {
        l[i][j] = s / l[j][j];
      }
    }
  }
  const y = new Array<number>(m);
  for (let i = 0; i < m; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i][k] * y[k];
    y[i] = s / l[i][i];
  }
  const x = new Array<number>(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < m; k++) s -= l[k][i] * x[k];
    x[i] = s / l[i][i];
  }
  return x;
}

/** Log-rank χ² for groups of right-censored data. Source: R survival survdiff documentation (rho = 0); Peto & Peto 1972. */
export function logRank(
  time: readonly number[],
  event: readonly (0 | 1)[],
  group: readonly (string | number)[],
): LogRankResult {
  if (time.length !== event.length || time.length !== group.length) {
    throw new Error(`time, event and group differ in length: ${time.length}, ${event.length}, ${group.length}`);
  }
  for (let i = 0; i < time.length; i++) {
    if (!Number.isFinite(time[i]) || time[i] < 0) throw new Error(`invalid time at index ${i}: ${time[i]}`);
    if (event[i] !== 0 && event[i] !== 1) throw new Error(`invalid event at index ${i}: ${String(event[i])}`);
  }
  const labels = [...new Set(group.map(String))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const g = labels.length;
  const index = new Map(labels.map((l, i) => [l, i]));
  const gi = group.map((x) => index.get(String(x)) as number);
  const order = Float64Array.from(time.keys()).sort((a, b) => time[a] - time[b]);
  const atRisk = new Array<number>(g).fill(0);
  for (const k of gi) atRisk[k]++;
  const n = [...atRisk];
  const observed = new Array<number>(g).fill(0);
  const expected = new Array<number>(g).fill(0);
  const v = labels.map(() => new Array<number>(g).fill(0));
  const deaths = new Array<number>(g).fill(0);
  const leaving = new Array<number>(g).fill(0);
  for (let i = 0; i < order.length;) {
    const t = time[order[i]];
    deaths.fill(0);
    leaving.fill(0);
    for (; i < order.length && time[order[i]] === t; i++) {
      const k = gi[order[i]];
      leaving[k]++;
      if (event[order[i]] === 1) deaths[k]++;
    }
    const d = deaths.reduce((s, x) => s + x, 0);
    const r = atRisk.reduce((s, x) => s + x, 0);
    if (d > 0) {
      const w = r > 1 ? (d * (r - d)) / (r - 1) : 0;
      for (let a = 0; a < g; a++) {
        observed[a] += deaths[a];
        expected[a] += (d * atRisk[a]) / r;
        for (let b = 0; b < g; b++) v[a][b] += (w * atRisk[a] * ((a === b ? 1 : 0) - atRisk[b] / r)) / r;
      }
    }
    for (let a = 0; a < g; a++) atRisk[a] -= leaving[a];
  }
  const keep = labels.map((_, a) => a).filter((a) => expected[a] > 0);
  // No events at all leaves no group with E > 0: df 0 (not −1), as for one group.
  const df = Math.max(0, keep.length - 1);
  let chisq = 0;
  if (df > 0) {
    const sub = keep.slice(0, -1);
    const diff = sub.map((a) => observed[a] - expected[a]);
    const x = solveSpd(sub.map((a) => sub.map((b) => v[a][b])), diff);
    chisq = x ? x.reduce((s, xi, i) => s + xi * diff[i], 0) : 0;
  }
  return { chisq, df, p: df > 0 ? chisqUpper(chisq, df) : 1, groups: labels, n, observed, expected };
}
