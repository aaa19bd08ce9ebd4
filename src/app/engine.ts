/**
 * The app's one door to the pooling engine: pool() for the inverse-variance methods (with `by: 'modality'` on the
 * study table), and the CLI's small-k engines (poolGlmm, poolBayes: no `by`, so one call per modality plus one for
 * all). Returns the engine's result, or the engine's message when the input cannot be pooled.
 */
import { poolableRows } from '../data/poolable.ts';
import type { AnalysisInput } from '../data/types.ts';
import type { OutcomeName } from '../data/vocabulary.ts';
import { pool, type ExcludedStudy, type PoolOutput } from '../meta/index.ts';
import { poolBayes, poolGlmm } from '../meta/poolSmallK.ts';
import type { FitResult, Measure, Method, Test } from '../meta/types.ts';

export type AppMethod = Method | 'GLMM' | 'BAYES';
export const SMALL_K: readonly AppMethod[] = ['GLMM', 'BAYES'];

export interface PoolSettings {
  readonly measure: Measure;
  readonly method: AppMethod;
  readonly test: Test;
}

/** A fit as the views read it; `group` on subgroup fits. Small-k fits have no weights (weight NaN) and no I². */
export type ViewFit = Omit<FitResult, 'method'> & { readonly method: AppMethod; readonly group?: string };

export interface PoolView {
  readonly overall: ViewFit;
  /** one per modality (study table), or [overall] for a file without groups */
  readonly fits: readonly ViewFit[];
  readonly excluded: readonly ExcludedStudy[];
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** The small-k engines' JSON mapped onto the FitResult fields the views read. */
function smallKFit(o: Record<string, unknown>, group?: string): ViewFit {
  const num = (v: unknown) => (typeof v === 'number' ? v : Number.NaN);
  const tauMedian = num(o.tau_median);
  const studies = (o.studies as readonly { study: string }[])
    .map((s) => ({ study: s.study, yi: Number.NaN, vi: Number.NaN, weight: Number.NaN }));
  return {
    k: num(o.k), measure: 'PLO', method: o.method as AppMethod, test: (o.test ?? 'z') as Test,
    estimate: num(o.estimate), se: num(o.se), ci: o.ci as FitResult['ci'], pi: (o.pi ?? null) as FitResult['pi'],
    tau2: o.method === 'BAYES' ? tauMedian * tauMedian : num(o.tau2), tau2_ci: null,
    I2: Number.NaN, H2: Number.NaN, Q: Number.NaN, Q_p: Number.NaN,
    back: o.back as FitResult['back'],
    warnings: (o.warnings ?? []) as FitResult['warnings'],
    studies,
    ...(group === undefined ? {} : { group }),
  };
}

function smallK(input: AnalysisInput, outcome: string, method: 'GLMM' | 'BAYES'): PoolView {
  const run = method === 'GLMM' ? poolGlmm : poolBayes;
  const call = (x: AnalysisInput) =>
    run(x, { method: 'REML', test: 'z', ...(x.kind === 'studies' ? { outcome } : {}) }) as Record<string, unknown>;
  const all = call(input);
  const overall = smallKFit(all);
  const excluded = (all.excluded ?? []) as readonly ExcludedStudy[];
  if (input.kind !== 'studies') return { overall, fits: [overall], excluded };
  const groups: string[] = [];
  for (const { record } of poolableRows(input.records, outcome as OutcomeName).included) {
    if (!groups.includes(record.modality)) groups.push(record.modality);
  }
  const only = (g: string): AnalysisInput => ({ ...input, records: input.records.filter((r) => r.modality === g) });
  const fits = groups.map((g) => smallKFit(call(only(g)), g));
  return { overall, fits, excluded };
}

function fromPool(out: PoolOutput): PoolView {
  if ('overall' in out) return { overall: out.overall, fits: out.subgroups, excluded: out.excluded ?? [] };
  return { overall: out, fits: [out], excluded: out.excluded ?? [] };
}

/** GLMM / BAYES pools of more studies than this run in the Web Worker (the bundled table's pools stay on the page). */
export const WORKER_MIN_STUDIES = 40;

/** Results the Web Worker sent back, by poolKey (a few, newest last). */
const background = new Map<string, PoolView | string>();

/** What one pool depends on, as text: the settings, the outcome and the rows. */
export function poolKey(input: AnalysisInput, outcome: string, s: PoolSettings): string {
  return JSON.stringify([outcome, s.measure, s.method, s.test, { ...input, problems: [] }]);
}

function studyCount(input: AnalysisInput, outcome: string): number {
  switch (input.kind) {
    case 'studies': return poolableRows(input.records, outcome as OutcomeName).included.length;
    case 'proportions':
    case 'generic': return input.rows.length;
    case 'unknown': return 0;
  }
}

/** A GLMM / BAYES pool of more than WORKER_MIN_STUDIES studies: fitted in the Web Worker, not on the page. */
export function isHeavy(input: AnalysisInput, outcome: string, s: PoolSettings): boolean {
  return (s.method === 'GLMM' || s.method === 'BAYES') && studyCount(input, outcome) > WORKER_MIN_STUDIES;
}

/** True when poolByModality would answer from the worker's result (or is light enough to run on the page). */
export function isReady(input: AnalysisInput, outcome: string, s: PoolSettings): boolean {
  return !isHeavy(input, outcome, s) || background.has(poolKey(input, outcome, s));
}

/** Keeps the worker's result for poolByModality to return. */
export function storeBackground(key: string, result: PoolView | string): void {
  background.delete(key);
  background.set(key, result);
  if (background.size > 16) background.delete(background.keys().next().value as string);
}

/** Pools `input` (its `problems` already shown to the user and its invalid rows left out) by modality. */
export function poolByModality(input: AnalysisInput, outcome: string, s: PoolSettings): PoolView | string {
  const clean = { ...input, problems: [] } as AnalysisInput;
  if (isHeavy(clean, outcome, s)) {
    const hit = background.get(poolKey(clean, outcome, s));
    if (hit !== undefined) return hit;
  }
  try {
    if (s.method === 'GLMM' || s.method === 'BAYES') return smallK(clean, outcome, s.method);
    return fromPool(pool(clean, {
      measure: s.measure, method: s.method, test: s.test, ...(clean.kind === 'studies' ? { by: 'modality', outcome } : {}),
    }));
  } catch (err) {
    return message(err);
  }
}
