/**
 * The sensitivity view's model: for one outcome and one modality, the studies as events / n, the sensitivity matrix
 * (meta/sensitivity.ts), the Bayesian posterior of τ (meta/bayes.ts) and the τ "what-if" (meta/fixedTau.ts). Every
 * number comes from the engine; this file picks the studies, the modality and the slider's range.
 */
import { poolableRows } from '../data/poolable.ts';
import type { StudyRecord } from '../data/types.ts';
import { MODALITIES, type OutcomeName } from '../data/vocabulary.ts';
import { bayes, type BayesResult } from '../meta/bayes.ts';
import { proportionEffect, type ProportionMeasure } from '../meta/effectSizes.ts';
import { fit } from '../meta/fit.ts';
import { fitAtTau, type FixedTauFit } from '../meta/fixedTau.ts';
import { sensitivity, type SensitivityResult } from '../meta/sensitivity.ts';
import type { EffectSize, Method, Test } from '../meta/types.ts';
import type { Dataset } from './dataset.ts';
import type { AppState } from './state.ts';

export interface CountStudy {
  readonly study: string;
  readonly events: number;
  readonly n: number;
}

export interface ModalityChoice {
  readonly modality: string;
  /** poolable studies of the outcome in this modality */
  readonly k: number;
}

export interface SensitivityModel {
  /** the modality analysed ('' for an uploaded study,events,n file) */
  readonly modality: string;
  /** every modality with at least one poolable study of the outcome (study table only) */
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
  readonly effects: readonly EffectSize[];
}

const IV_METHODS: readonly Method[] = ['REML', 'DL', 'PM', 'ML', 'HE', 'SJ', 'EB'];

/** Poolable studies of `outcome` per modality (vocabulary order), with their counts. */
export function modalityChoices(records: readonly StudyRecord[], outcome: string): ModalityChoice[] {
  return MODALITIES
    .map((m) => {
      const k = poolableRows(records.filter((r) => r.modality === m), outcome as OutcomeName).included.length;
      return { modality: m, k };
    })
    .filter((c) => c.k > 0);
}

/** The modality asked for when it has studies of the outcome, else the first with k ≥ 2 (else the first with any). */
export function chooseModality(choices: readonly ModalityChoice[], asked: string): string {
  if (asked && choices.some((c) => c.modality === asked)) return asked;
  return (choices.find((c) => c.k >= 2) ?? choices[0])?.modality ?? '';
}

function countStudies(dataset: Dataset, outcome: string, modality: string): CountStudy[] {
  const input = dataset.input;
  if (input.kind === 'proportions') return input.rows.map((r) => ({ study: r.study, events: r.events, n: r.n }));
  if (input.kind !== 'studies') return [];
  const records = input.records.filter((r) => r.modality === modality);
  return poolableRows(records, outcome as OutcomeName).included.map(({ record, events, n }) => ({
    study: record.arm ? `${record.study} (${record.arm})` : record.study, events, n,
  }));
}

/** The forest view's transform, estimator and CI test where the sensitivity matrix has them. */
export function whatIfSettings(state: AppState): { measure: ProportionMeasure; method: Method; test: Test } {
  const smallK = state.method === 'GLMM' || state.method === 'BAYES';
  const measure: ProportionMeasure = smallK ? 'PLO' : state.measure;
  const method: Method = IV_METHODS.includes(state.method as Method) ? state.method as Method : 'REML';
  const test: Test = smallK || state.method === 'FE' ? 'z' : state.test;
  return { measure, method, test };
}

export function sensitivityModel(dataset: Dataset, state: AppState): SensitivityModel {
  const input = dataset.input;
  const modalities = input.kind === 'studies' ? modalityChoices(input.records, state.outcome) : [];
  const modality = input.kind === 'studies' ? chooseModality(modalities, state.modality) : '';
  const studies = countStudies(dataset, state.outcome, modality);
  const { measure, method, test } = whatIfSettings(state);
  const reference = `${measure}/${['DL', 'REML', 'PM'].includes(method) ? method : 'REML'}/${test === 'knha' ? 'knha' : 'z'}`;
  const empty = {
    modality, modalities, studies, matrix: null, reference, posterior: null, measure, test, tauHat: 0, tauMax: 1,
    effects: [],
  };
  if (input.kind === 'generic') {
    return { ...empty, error: 'The sensitivity matrix needs events and n (study,events,n or the study table), not yi and vi.' };
  }
  if (input.kind === 'unknown') return { ...empty, error: 'No rows to analyse.' };
  if (studies.length < 2) {
    return { ...empty, error: `Sensitivity analysis needs at least 2 studies; this selection has ${studies.length}.` };
  }
  const matrix = sensitivity(studies);
  const plo = studies.map((s) => proportionEffect(s.study, s.events, s.n, 'PLO'));
  const posterior = bayes(plo);
  const effects = studies.map((s) => proportionEffect(s.study, s.events, s.n, measure));
  const tauHat = Math.sqrt(fit(effects, { measure, method, test }).tau2);
  // the slider reaches past both the estimate and (on the logit scale) the posterior's 95% upper bound
  const scaleMax = measure === 'PLO' ? posterior.tau.ci[1] : 0;
  const tauMax = niceCeil(Math.max(2 * tauHat, scaleMax, measure === 'PLO' ? 1 : 0.2));
  return { ...empty, error: null, matrix, posterior, effects, tauHat, tauMax };
}

/** The what-if: the model with τ fixed at `tau` (τ² = tau²), as metafor rma(tau2 = tau^2). */
export function whatIf(model: SensitivityModel, tau: number): FixedTauFit {
  return fitAtTau(model.effects, tau * tau, { measure: model.measure, test: model.test });
}

/** 1, 2 or 5 × a power of ten, at least x. */
function niceCeil(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}
