/**
 * `analyse(input, spec)`: the one analysis every view, export and command reads. Rows are selected once
 * (selection.ts), become effect sizes once (effectOf.ts) and are fitted once per group (pooledFit.ts); the result is
 * immutable plain data (it crosses to and from a Web Worker). Derived results (leave-one-out, cumulative, bias tests,
 * sensitivity, τ what-if) are functions of an Analysis (derived.ts).
 */
import type { AnalysisInput } from '../data/types.ts';
import { PoolInputError } from '../meta/poolInputError.ts';
import type { EffectSize, Warning } from '../meta/types.ts';
import { effectOf } from './effectOf.ts';
import { betweenTest, pooledFit, type BetweenTest, type KeyedEffect, type PooledFit } from './pooledFit.ts';
import { selectRows, type ExclusionUnit, type SelectedRow, type Selection } from './selection.ts';
import { resolveSpec, type AnalysisSpec, type ResolvedSpec } from './spec.ts';

export interface Pooled {
  readonly overall: PooledFit;
  /** one fit per subgroup of `spec.by`, in order of their first row; empty without `by` */
  readonly groups: readonly PooledFit[];
  /** the test for subgroup differences (null without `by`, or for GLMM and BAYES) */
  readonly between: BetweenTest | null;
}

export interface Analysis {
  readonly spec: ResolvedSpec;
  readonly kind: 'studies' | 'proportions' | 'generic';
  /** every row of the selection (outcome and modality), in file order, with its status */
  readonly rows: readonly SelectedRow[];
  /** what the user can exclude (cohorts, or rows of an upload), in order of first row */
  readonly units: readonly ExclusionUnit[];
  readonly unknownExclusions: readonly string[];
  /** effect sizes of the plotted rows (included and excluded by the user) by row key, on the analysis scale */
  readonly effects: readonly KeyedEffect[];
  /** the fits of the included rows; null when nothing is left to pool (see `error`) */
  readonly pooled: Pooled | null;
  readonly error: string | null;
}

const KM_AS_BINOMIAL: Warning = {
  code: 'km_as_binomial',
  message: 'a Kaplan–Meier survival percentage was pooled as a binomial proportion (events = round(S × n)); '
    + 'with censoring its CI is too narrow',
};

const CI_AS_95: Warning = {
  code: 'ratio_ci_as_95',
  message: 'each ratio\'s low–high was taken as a 95% CI: log ratio with SE = (log high − log low)/(2 × z₀.₉₇₅), z₀.₉₇₅ = 1.959964',
};

/** Caveats of the data that every fit of this analysis carries. */
function dataWarnings(spec: ResolvedSpec): Warning[] {
  if (spec.exponentiate) return [CI_AS_95];
  if (spec.outcome !== null && /^(os|dfs)_/.test(spec.outcome)) return [KM_AS_BINOMIAL];
  return [];
}

/** Groups of the included effects, in order of first appearance. */
function groupsOf(effects: readonly KeyedEffect[]): Map<string, KeyedEffect[]> {
  const out = new Map<string, KeyedEffect[]>();
  for (const e of effects) {
    const g = e.group ?? '';
    const list = out.get(g);
    if (list) list.push(e);
    else out.set(g, [e]);
  }
  return out;
}

/**
 * The analysis of `input` under `spec`. Throws PoolInputError when the spec cannot apply to the input (bad outcome,
 * measure or column, invalid rows); an empty selection (nothing poolable, or everything excluded) is an Analysis
 * with `pooled: null` and the reason in `error`.
 */
export function analyse(input: AnalysisInput, spec: AnalysisSpec): Analysis {
  const resolved = resolveSpec(input, spec);
  const selection = selectRows(input, resolved);
  const kind = input.kind === 'unknown' ? 'generic' : input.kind;
  const effects: KeyedEffect[] = selection.rows
    .filter((r) => r.plotted && r.data !== null)
    .map((r) => ({ key: r.key, group: r.group, effect: effectOf(r.label, r.data!, resolved.measure) }));
  const base = {
    spec: resolved, kind, rows: selection.rows, units: selection.units,
    unknownExclusions: selection.unknownExclusions, effects,
  };
  const excludedKeys = new Set(selection.rows.filter((r) => r.status === 'excluded').map((r) => r.key));
  const included = effects.filter((e) => !excludedKeys.has(e.key));
  if (included.length === 0) {
    const what = resolved.outcome === null ? 'rows' : `rows for outcome ${resolved.outcome}`;
    const error = excludedKeys.size > 0
      ? `every poolable row is excluded (${excludedKeys.size} excluded)`
      : `no poolable ${what} (${selection.rows.length} ${selection.rows.length === 1 ? 'row' : 'rows'} of it excluded)`;
    return { ...base, pooled: null, error };
  }
  const extra = dataWarnings(resolved);
  const overall = pooledFit(included, null, resolved, extra);
  if (resolved.by === null) return { ...base, pooled: { overall, groups: [], between: null }, error: null };
  const groups = [...groupsOf(included)].map(([g, es]) => pooledFit(es, g, resolved, extra));
  return { ...base, pooled: { overall, groups, between: betweenTest(groups) }, error: null };
}

/** The analysis, or PoolInputError when nothing could be pooled or an exclusion id is unknown (the CLI's contract). */
export function analyseStrict(input: AnalysisInput, spec: AnalysisSpec): Analysis & { readonly pooled: Pooled } {
  const a = analyse(input, spec);
  if (a.unknownExclusions.length > 0) {
    const what = a.kind === 'studies' ? 'a cohort_id or row_id of the table' : 'a row number of the file';
    throw new PoolInputError(`invalid --exclude: ${a.unknownExclusions[0].slice(0, 60)} (not ${what})`);
  }
  if (a.pooled === null) throw new PoolInputError(a.error ?? 'nothing to pool');
  return { ...a, pooled: a.pooled };
}

/** The selection alone (no fits): which rows of an outcome count, under the spec's exclusions. */
export function selectionOf(input: AnalysisInput, spec: AnalysisSpec): Selection {
  return selectRows(input, resolveSpec(input, spec));
}

/** The included rows' effect sizes (all groups), in file order: what leave-one-out, bias tests and refits use. */
export function includedEffects(a: Analysis): EffectSize[] {
  const excluded = new Set(a.rows.filter((r) => r.status !== 'included').map((r) => r.key));
  return a.effects.filter((e) => !excluded.has(e.key)).map((e) => e.effect);
}

/** The included rows themselves (plotted, not excluded), in file order. */
export function includedRows(a: Analysis): SelectedRow[] {
  return a.rows.filter((r) => r.status === 'included');
}
