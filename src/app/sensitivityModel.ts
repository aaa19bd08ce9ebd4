/**
 * The sensitivity view's model: for one outcome and one modality, the Analysis's included studies as events / n,
 * its sensitivity matrix, the Bayesian posterior of τ and the τ "what-if" (analysis/derived.ts). Every number comes
 * from the analysis; this file picks the modality and the slider's range.
 */
import {
  countsOf, posteriorOf, refit, refitOptions, selectionOf, sensitivityOf, whatIfOf, type Analysis, type AnalysisSpec,
} from '../analysis/index.ts';
import type { AnalysisInput } from '../data/types.ts';
import { MODALITIES } from '../data/vocabulary.ts';
import type { BayesResult } from '../meta/bayes.ts';
import type { ProportionMeasure } from '../meta/effectSizes.ts';
import type { FixedTauFit } from '../meta/fixedTau.ts';
import type { SensitivityResult } from '../meta/sensitivity.ts';
import type { Test } from '../meta/types.ts';

export interface CountStudy {
  readonly study: string;
  readonly events: number;
  readonly n: number;
}

export interface ModalityChoice {
  readonly modality: string;
  /** included studies of the outcome in this modality (after the user's exclusions) */
  readonly k: number;
}

export interface SensitivityModel {
  /** the modality analysed ('' for an uploaded study,events,n file) */
  readonly modality: string;
  /** every modality with at least one included study of the outcome (study table only) */
  readonly modalities: readonly ModalityChoice[];
  readonly studies: readonly CountStudy[];
  /** why nothing is shown (too few studies, generic effect sizes, …) */
  readonly error: string | null;
  readonly matrix: SensitivityResult | null;
  /** `model` of the matrix row matching the forest view's settings (the reference of the chart) */
  readonly reference: string;
  readonly posterior: BayesResult | null;
  /** the what-if's analysis: the forest view's transform and CI test; τ is on that scale */
  readonly measure: ProportionMeasure;
  readonly test: Test;
  /** the τ² estimate under the forest view's estimator (REML for GLMM / Bayes), the slider's start */
  readonly tauHat: number;
  /** the slider's range of τ: [0, tauMax] */
  readonly tauMax: number;
  readonly analysis: Analysis | null;
}

/** Included studies of the spec's outcome per modality (vocabulary order). */
export function modalityChoices(input: AnalysisInput, spec: AnalysisSpec): ModalityChoice[] {
  let rows;
  try {
    rows = selectionOf(input, { ...spec, modality: '' }).rows;
  } catch {
    return [];
  }
  return MODALITIES
    .map((m) => ({ modality: m, k: rows.filter((r) => r.status === 'included' && r.record?.modality === m).length }))
    .filter((c) => c.k > 0);
}

/** The modality asked for when it has studies of the outcome, else the first with k ≥ 2 (else the first with any). */
export function chooseModality(choices: readonly ModalityChoice[], asked: string): string {
  if (asked && choices.some((c) => c.modality === asked)) return asked;
  return (choices.find((c) => c.k >= 2) ?? choices[0])?.modality ?? '';
}

const EMPTY = {
  studies: [], matrix: null, reference: 'PLO/REML/knha', posterior: null, measure: 'PLO' as const, test: 'knha' as const,
  tauHat: 0, tauMax: 1, analysis: null,
};

/** The model of `analysis` (one modality of the study table, or an uploaded file), or why there is none. */
export function sensitivityModel(
  analysis: Analysis | string, modality: string, modalities: readonly ModalityChoice[],
): SensitivityModel {
  const base = { ...EMPTY, modality, modalities };
  if (typeof analysis === 'string') return { ...base, error: analysis };
  const a = analysis;
  if (a.kind === 'generic' || a.spec.exponentiate) {
    return { ...base, error: 'The sensitivity matrix needs events and n (study,events,n or the study table), not yi and vi.' };
  }
  const o = refitOptions(a);
  const measure = o.measure as ProportionMeasure;
  const test = o.test;
  const reference = `${measure}/${['DL', 'REML', 'PM'].includes(o.method) ? o.method : 'REML'}/${test === 'knha' ? 'knha' : 'z'}`;
  const studies = countsOf(a);
  const empty = { ...base, studies, reference, measure, test, analysis: a };
  if (studies.length < 2) {
    return { ...empty, error: `Sensitivity analysis needs at least 2 studies; this selection has ${studies.length}.` };
  }
  const matrix = sensitivityOf(a);
  const posterior = posteriorOf(a);
  const tauHat = Math.sqrt(refit(a).tau2);
  // the slider reaches past both the estimate and (on the logit scale) the posterior's 95% upper bound
  const scaleMax = measure === 'PLO' ? posterior.tau.ci[1] : 0;
  const tauMax = niceCeil(Math.max(2 * tauHat, scaleMax, measure === 'PLO' ? 1 : 0.2));
  return { ...empty, error: null, matrix, posterior, tauHat, tauMax };
}

/** The what-if: the model with τ fixed at `tau` (τ² = tau²), as metafor rma(tau2 = tau^2). */
export function whatIf(model: SensitivityModel, tau: number): FixedTauFit | null {
  return model.analysis === null ? null : whatIfOf(model.analysis, tau * tau);
}

/** 1, 2 or 5 × a power of ten, at least x. */
function niceCeil(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}
