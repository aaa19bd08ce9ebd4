/**
 * What one analysis is asked for: the rows (outcome, modality, exclusions) and the model (measure, method, test).
 * Normalised once, at the edge (`resolveSpec`); everything after works on the resolved shape.
 */
import type { AnalysisInput } from '../data/types.ts';
import { OUTCOMES, outcomeUnit, type OutcomeName } from '../data/vocabulary.ts';
import { PoolInputError } from '../meta/poolInputError.ts';
import { METHODS, type Measure, type Method, type Test, type Warning } from '../meta/types.ts';

/** The inverse-variance τ² estimators (and FE), then the two small-k engines. */
export type AnalysisMethod = Method | 'GLMM' | 'BAYES';
export const ANALYSIS_METHODS: readonly AnalysisMethod[] = [...METHODS, 'GLMM', 'BAYES'];
export const SMALL_K_METHODS: readonly AnalysisMethod[] = ['GLMM', 'BAYES'];

export interface AnalysisSpec {
  /** study table only: the outcome whose rows are pooled (required there) */
  readonly outcome?: string;
  /** study table only: limit to one modality; '' or undefined = all */
  readonly modality?: string;
  /** default: PLO for proportions and the study table, GEN for generic (yi, vi) input and ratio outcomes */
  readonly measure?: Measure;
  readonly method: AnalysisMethod;
  readonly test: Test;
  /** BAYES: half-normal scale of the τ prior (logit scale); default 0.5 */
  readonly tauPriorScale?: number;
  /** a column to form subgroups by (a study-table field, or an extra column of a CSV) */
  readonly by?: string;
  /** exclusion ids: cohort_id or row_id (study table), the row number in the file (uploads) */
  readonly exclude?: readonly string[];
}

/** A spec with its defaults filled in and its combinations checked. */
export interface ResolvedSpec {
  readonly outcome: OutcomeName | null;
  readonly modality: string;
  readonly measure: Measure;
  readonly method: AnalysisMethod;
  readonly test: Test;
  readonly tauPriorScale: number | null;
  readonly by: string | null;
  readonly exclude: readonly string[];
  /** ratio outcomes (hazard ratios): log scale, shown by exp */
  readonly exponentiate: boolean;
  /** options that were given but do not apply (e.g. --test knha with GLMM) */
  readonly warnings: readonly Warning[];
}

export const isSmallK = (m: AnalysisMethod): m is 'GLMM' | 'BAYES' => m === 'GLMM' || m === 'BAYES';

/** Fills in defaults and refuses combinations that cannot be fitted (PoolInputError, one line). */
export function resolveSpec(input: AnalysisInput, spec: AnalysisSpec): ResolvedSpec {
  const warnings: Warning[] = [];
  let outcome: OutcomeName | null = null;
  let exponentiate = false;
  if (input.kind === 'studies') {
    const o = spec.outcome;
    if (o === undefined || o === '') throw new PoolInputError('missing option --outcome (the study table needs one outcome to pool)');
    if (!(OUTCOMES as readonly string[]).includes(o)) {
      throw new PoolInputError(`invalid --outcome: ${o.slice(0, 60)} (one of ${OUTCOMES.join(', ')})`);
    }
    outcome = o as OutcomeName;
    exponentiate = outcomeUnit(outcome) === 'ratio';
  } else if (spec.modality) {
    throw new PoolInputError('--modality applies to the study table only (this file has no modality column)');
  }
  const generic = input.kind === 'generic' || exponentiate;
  const measure: Measure = spec.measure ?? (generic ? 'GEN' : 'PLO');
  if (generic && measure !== 'GEN') {
    throw new PoolInputError(exponentiate
      ? `invalid --measure: ${measure} (${outcome} is pooled as GEN on the log scale)`
      : `invalid --measure: ${measure} (study,yi,vi input is pooled as GEN)`);
  }
  if (!generic && measure === 'GEN') {
    throw new PoolInputError('invalid --measure: GEN needs study,yi,vi input (events/n need PR, PLO, PAS or PFT)');
  }
  let test = spec.test;
  if (isSmallK(spec.method)) {
    if (generic) throw new PoolInputError(`--method ${spec.method} needs events and n (study,events,n or the study table), not effect sizes`);
    if (measure !== 'PLO') {
      throw new PoolInputError(`invalid --measure: ${measure} (--method ${spec.method} works on the logit scale: PLO)`);
    }
    if (test !== 'z') {
      warnings.push({
        code: 'test_not_applicable',
        message: spec.method === 'GLMM'
          ? `--test ${test} does not apply to the GLMM: its CI is a Wald z interval (as metafor rma.glmm)`
          : `--test ${test} does not apply to the Bayesian model: its interval is a 95% credible interval`,
      });
      test = 'z';
    }
  }
  const tauPriorScale = spec.tauPriorScale ?? null;
  if (tauPriorScale !== null && spec.method !== 'BAYES') {
    throw new PoolInputError('option --tau-prior-scale applies to --method BAYES only');
  }
  return {
    outcome,
    modality: spec.modality ?? '',
    measure,
    method: spec.method,
    test,
    tauPriorScale,
    by: spec.by === undefined || spec.by === '' ? null : spec.by,
    exclude: [...new Set(spec.exclude ?? [])],
    exponentiate,
    warnings,
  };
}
