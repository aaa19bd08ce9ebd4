/**
 * Before → after of pooled estimates (the living review: the bundled table, then with the studies a user added):
 * the estimates of two analyses or two summaries of findings keyed alike, compared one by one.
 */
import type { Analysis } from './analyse.ts';
import type { SofRow, SummaryOfFindings } from './summaryOfFindings.ts';

/** One pooled estimate as a view shows it: on the display scale (back-transformed), with its k and N. */
export interface PooledEstimate {
  /** null where the row has no single estimate (a comparison within trials, review statements) */
  readonly estimate: number | null;
  readonly ci: readonly [number, number] | null;
  readonly k: number;
  /** patients; null when no pooled row prints n */
  readonly n: number | null;
}

/** new: only after; gone: only before; changed: estimate, CI, k or N differ; unchanged: none does. */
export type DiffStatus = 'new' | 'changed' | 'unchanged' | 'gone';

export interface EstimateDiff {
  readonly key: string;
  readonly before: PooledEstimate | null;
  readonly after: PooledEstimate | null;
  readonly status: DiffStatus;
}

/**
 * Relative tolerance of "the same number": |a − b| ≤ SAME · max(1, |a|, |b|). The same rows give bit-identical fits;
 * this only absorbs a different order of summation, far below any printed digit.
 */
export const SAME = 1e-12;

const same = (a: number | null, b: number | null): boolean =>
  a === null || b === null ? a === b : Math.abs(a - b) <= SAME * Math.max(1, Math.abs(a), Math.abs(b));

const sameCi = (a: PooledEstimate['ci'], b: PooledEstimate['ci']): boolean =>
  a === null || b === null ? a === b : same(a[0], b[0]) && same(a[1], b[1]);

/** Whether two estimates differ in estimate, CI, k or N (SAME tolerance). */
export function estimateChanged(a: PooledEstimate, b: PooledEstimate): boolean {
  return !(same(a.estimate, b.estimate) && sameCi(a.ci, b.ci) && a.k === b.k && a.n === b.n);
}

/**
 * Estimates by key before and after → one diff per key: the keys of `after` in its order, then the keys only
 * `before` has (gone), in its order.
 *
 * estimateDiff(new Map([['a', x]]), new Map([['a', y], ['b', z]])) → [{ key: 'a', status: 'changed', … }, { key: 'b', status: 'new', … }]
 */
export function estimateDiff(
  before: ReadonlyMap<string, PooledEstimate>, after: ReadonlyMap<string, PooledEstimate>,
): EstimateDiff[] {
  const out: EstimateDiff[] = [];
  for (const [key, a] of after) {
    const b = before.get(key) ?? null;
    out.push({ key, before: b, after: a, status: b === null ? 'new' : estimateChanged(b, a) ? 'changed' : 'unchanged' });
  }
  for (const [key, b] of before) if (!after.has(key)) out.push({ key, before: b, after: null, status: 'gone' });
  return out;
}

/**
 * The pooled estimate of each subgroup of an analysis (the map's cells: an outcome `by` modality), keyed by group:
 * back-transformed estimate and CI, k, and N = the patients of the group's included rows.
 */
export function groupEstimates(analysis: Analysis): Map<string, PooledEstimate> {
  const out = new Map<string, PooledEstimate>();
  for (const f of analysis.pooled?.groups ?? []) {
    if (f.group === null) continue;
    let n = 0;
    for (const r of analysis.rows) if (r.status === 'included' && r.group === f.group) n += r.n ?? 0;
    out.set(f.group, { estimate: f.back.estimate, ci: f.back.ci, k: f.k, n });
  }
  return out;
}

/** The estimate of a summary-of-findings row: proportion, median or hazard ratio; none for comparisons and reviews. */
export function sofRowEstimate(r: SofRow): PooledEstimate {
  const e = r.effect;
  const single = e.kind === 'proportion' || e.kind === 'median' || e.kind === 'ratio';
  return { estimate: single ? e.estimate : null, ci: single ? e.ci : null, k: r.k, n: r.n };
}

/** The estimate of each summary-of-findings row, keyed by the row's id (`resection.os_5y`). */
export function sofEstimates(sof: SummaryOfFindings): Map<string, PooledEstimate> {
  return new Map(sof.rows.map((r) => [r.id, sofRowEstimate(r)]));
}
