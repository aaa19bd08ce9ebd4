/**
 * The app's one door to the analysis layer: the state (and a view's outcome / modality) → an AnalysisSpec →
 * analyse(), kept per dataset and spec so every view of one state reads the very same Analysis object.
 * GLMM / BAYES analyses of many studies are fitted in the Web Worker (pool.worker.ts); until their result arrives
 * the view gets `pending` and shows progress.
 */
import { analyse, isSmallK, selectionOf, type Analysis, type AnalysisSpec } from '../analysis/index.ts';
import type { AnalysisInput } from '../data/types.ts';
import { OUTCOMES, outcomeUnit, type OutcomeName } from '../data/vocabulary.ts';
import type { Dataset } from './dataset.ts';
import type { AppState } from './state.ts';

/** A view's own choice of rows, where it differs from the state's (the map's three outcomes, sensitivity's modality). */
export interface Scope {
  readonly outcome?: string;
  readonly modality?: string;
  /** false: ignore the user's exclusions (the "before" of the forest view's before → after) */
  readonly exclusions?: boolean;
}

export type AppAnalysis =
  | { readonly status: 'ready'; readonly analysis: Analysis }
  | { readonly status: 'error'; readonly error: string }
  | { readonly status: 'pending'; readonly key: string; readonly input: AnalysisInput; readonly spec: AnalysisSpec };

const isRatio = (outcome: string) => (OUTCOMES as readonly string[]).includes(outcome) && outcomeUnit(outcome as OutcomeName) === 'ratio';

/** The spec a state describes: the forest view's settings; GLMM / BAYES on the logit scale with z. */
export function appSpec(dataset: Dataset, state: AppState, scope: Scope = {}): AnalysisSpec {
  const table = dataset.input.kind === 'studies';
  const outcome = scope.outcome ?? state.outcome;
  const smallK = isSmallK(state.method);
  const effectSizes = dataset.input.kind === 'generic' || (table && isRatio(outcome));
  return {
    method: state.method,
    test: smallK ? 'z' : state.test,
    ...(effectSizes ? {} : { measure: smallK ? 'PLO' : state.measure }),
    ...(table ? { outcome, modality: scope.modality ?? state.modality, by: 'modality' } : {}),
    exclude: scope.exclusions === false ? [] : state.excluded,
  };
}

/** GLMM / BAYES analyses of more studies than this run in the Web Worker (the bundled table's stay on the page). */
export const WORKER_MIN_STUDIES = 40;
/** Any analysis of a dataset with more rows than this runs in the Web Worker (a 10⁵-row upload must not freeze the page). */
export const WORKER_MIN_ROWS = 5000;

function rowCount(input: AnalysisInput): number {
  switch (input.kind) {
    case 'studies': return input.records.length;
    case 'proportions':
    case 'generic': return input.rows.length;
    case 'unknown': return 0;
  }
}

const results = new WeakMap<AnalysisInput, Map<string, AppAnalysis>>();

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Studies the spec would pool (0 when the spec does not apply: analyse() then reports why, at once). */
function studyCount(input: AnalysisInput, spec: AnalysisSpec): number {
  try {
    return selectionOf(input, spec).rows.filter((r) => r.status === 'included').length;
  } catch {
    return 0;
  }
}

/** Analyses kept per dataset (the oldest dropped beyond this many). */
const KEEP = 200;

function cache(input: AnalysisInput): Map<string, AppAnalysis> {
  let m = results.get(input);
  if (!m) results.set(input, m = new Map());
  if (m.size > KEEP) m.delete(m.keys().next().value!);
  return m;
}

/**
 * The rows the user chose to analyse (every view passes these to the analysis layer, never the raw input): an upload with invalid rows is analysed on its valid rows ("Analyse the N valid
 * rows"); its problems stay on the dataset and are shown beside every view (explorer.ts), never silently dropped.
 */
const validRows = new WeakMap<AnalysisInput, AnalysisInput>();

export function validOf(input: AnalysisInput): AnalysisInput {
  if (input.problems.length === 0) return input;
  let clean = validRows.get(input);
  if (!clean) validRows.set(input, clean = { ...input, problems: [] });
  return clean;
}

/** The analysis of a spec: from the cache, computed now, or pending in the worker. */
export function analysisOf(dataInput: AnalysisInput, spec: AnalysisSpec): AppAnalysis {
  const input = validOf(dataInput);
  const key = JSON.stringify(spec);
  const m = cache(input);
  const hit = m.get(key);
  if (hit !== undefined) return hit;
  const heavy = rowCount(input) > WORKER_MIN_ROWS
    || (isSmallK(spec.method) && studyCount(input, spec) > WORKER_MIN_STUDIES);
  if (heavy) return { status: 'pending', key, input, spec };
  let out: AppAnalysis;
  try {
    out = { status: 'ready', analysis: analyse(input, spec) };
  } catch (err) {
    out = { status: 'error', error: message(err) };
  }
  m.set(key, out);
  return out;
}

/** The analysis behind a view of `state` (with the view's scope). */
export function analysisFor(dataset: Dataset, state: AppState, scope: Scope = {}): AppAnalysis {
  return analysisOf(dataset.input, appSpec(dataset, state, scope));
}

/** Keeps what the Web Worker computed for a pending analysis (`input` as the pending result named it). */
export function storeAnalysis(input: AnalysisInput, key: string, result: AppAnalysis): void {
  cache(validOf(input)).set(key, result);
}
