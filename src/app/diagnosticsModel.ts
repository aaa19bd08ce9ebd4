/**
 * The diagnostics view's model: for the current outcome and modality (or all), the studies' effect sizes under the
 * forest view's settings and the engine's small-study and influence diagnostics — funnel with trim-and-fill, Egger's
 * and Begg's tests, leave-one-out and cumulative-by-year refits. Each panel says whether k is too small for it
 * (k < 10 for small-study tests, Sterne et al. 2011; k < 3 for leave-one-out and cumulative). Numbers come from the
 * engine; this file picks the studies and back-transforms for display.
 */
import type { RAnalysis } from '../charts/export/rScript.ts';
import { poolableRows } from '../data/poolable.ts';
import type { OutcomeName } from '../data/vocabulary.ts';
import { backTransformValue, harmonicMeanN } from '../meta/backTransform.ts';
import { begg, type BeggTest } from '../meta/begg.ts';
import { cumulative } from '../meta/cumulative.ts';
import type { DerivedRow } from '../meta/derivedRow.ts';
import { egger, type EggerTest } from '../meta/egger.ts';
import { genericEffect, proportionEffect } from '../meta/effectSizes.ts';
import { fit } from '../meta/fit.ts';
import { leave1out } from '../meta/leave1out.ts';
import { SMALL_K_BIAS } from '../meta/smallKBiasWarnings.ts';
import { trimfill, type TrimFill } from '../meta/trimfill.ts';
import type { EffectSize, FitOptions, FitResult, Interval, Measure, Method, Test } from '../meta/types.ts';
import type { Dataset } from './dataset.ts';
import type { AppState } from './state.ts';

/** Leave-one-out and cumulative plots need at least this many studies. */
export const MIN_K_INFLUENCE = 3;

export interface DiagnosticStudy {
  readonly label: string;
  readonly effect: EffectSize;
  /** publication year (cumulative order); null when unknown */
  readonly year: number | null;
}

export interface Panel<T> {
  /** the result, or null when it cannot be computed at this k */
  readonly result: T | null;
  /** set when k is below the method's minimum: the panel is greyed and this is said beside it */
  readonly warning: string | null;
}

export interface DiagnosticsModel {
  readonly k: number;
  readonly error: string | null;
  readonly options: FitOptions;
  /** display values are back-transformed proportions (percent) */
  readonly percent: boolean;
  readonly studies: readonly DiagnosticStudy[];
  readonly fit: FitResult | null;
  readonly trimfill: Panel<TrimFill>;
  readonly egger: Panel<EggerTest>;
  readonly begg: Panel<BeggTest>;
  readonly leave1out: Panel<readonly DerivedRow[]>;
  readonly cumulative: Panel<readonly DerivedRow[]>;
  /** the analysis as rScript() takes it (null for an empty selection) */
  readonly rAnalysis: RAnalysis | null;
  /** analysis scale → display scale (identity for generic effects) */
  readonly display: (y: number) => number;
}

const IV: readonly Method[] = ['REML', 'DL', 'PM', 'ML', 'HE', 'SJ', 'EB', 'FE'];

/** The forest view's settings where the inverse-variance engine has them (GLMM / Bayes → PLO, REML, z). */
export function diagnosticsOptions(state: AppState, generic: boolean): FitOptions {
  const smallK = state.method === 'GLMM' || state.method === 'BAYES';
  const measure: Measure = generic ? 'GEN' : smallK ? 'PLO' : state.measure;
  const method: Method = IV.includes(state.method as Method) ? state.method as Method : 'REML';
  const test: Test = smallK || method === 'FE' ? 'z' : state.test;
  return { measure, method, test };
}

function smallStudyWarning(k: number, what: string): string | null {
  return k < SMALL_K_BIAS ? `${what} needs at least ${SMALL_K_BIAS} studies (k = ${k}): too little power, shown greyed (Sterne et al. 2011)` : null;
}

function influenceWarning(k: number, what: string): string | null {
  return k < MIN_K_INFLUENCE ? `${what} needs at least ${MIN_K_INFLUENCE} studies (k = ${k})` : null;
}

function studiesOf(dataset: Dataset, state: AppState, measure: Measure): {
  studies: DiagnosticStudy[]; r: RAnalysis['studies'];
} {
  const input = dataset.input;
  const m = measure === 'GEN' ? 'PLO' : measure;
  if (input.kind === 'studies') {
    const records = state.modality ? input.records.filter((x) => x.modality === state.modality) : input.records;
    const rows = poolableRows(records, state.outcome as OutcomeName).included;
    const label = (x: (typeof rows)[number]) => (x.record.arm ? `${x.record.study} (${x.record.arm})` : x.record.study);
    return {
      studies: rows.map((x) => ({
        label: label(x), effect: proportionEffect(label(x), x.events, x.n, m), year: x.record.year,
      })),
      r: rows.map((x) => ({ study: label(x), events: x.events, n: x.n })),
    };
  }
  if (input.kind === 'proportions') {
    return {
      studies: input.rows.map((x) => ({
        label: x.study, effect: proportionEffect(x.study, x.events, x.n, m), year: null,
      })),
      r: input.rows.map((x) => ({ study: x.study, events: x.events, n: x.n })),
    };
  }
  if (input.kind === 'generic') {
    return {
      studies: input.rows.map((x) => ({ label: x.study, effect: genericEffect(x.study, x.yi, x.vi), year: null })),
      r: input.rows.map((x) => ({ study: x.study, yi: x.yi, vi: x.vi })),
    };
  }
  return { studies: [], r: [] };
}

export function diagnosticsModel(dataset: Dataset, state: AppState): DiagnosticsModel {
  const generic = dataset.input.kind === 'generic';
  const options = diagnosticsOptions(state, generic);
  const { studies, r } = studiesOf(dataset, state, options.measure);
  const k = studies.length;
  const effects = studies.map((s) => s.effect);
  const nh = options.measure === 'PFT' ? harmonicMeanN(effects) : Number.NaN;
  const display = (y: number): number => backTransformValue(options.measure, y, nh, false);
  const none = { result: null, warning: null };
  const base = {
    k, options, percent: !generic, studies, display,
    rAnalysis: k > 0 ? ({ ...options, studies: r } as RAnalysis) : null,
  };
  if (k === 0) {
    return {
      ...base, error: 'No poolable studies for this outcome and modality.', fit: null,
      trimfill: none, egger: none, begg: none, leave1out: none, cumulative: none,
    };
  }
  const f = fit(effects, options);
  const computable = <T>(minK: number, run: () => T): T | null => (k >= minK ? run() : null);
  return {
    ...base,
    error: null,
    fit: f,
    trimfill: { result: computable(3, () => trimfill(effects, options)), warning: smallStudyWarning(k, 'Trim-and-fill') },
    egger: { result: computable(3, () => egger(effects)), warning: smallStudyWarning(k, 'Egger\'s test') },
    begg: { result: computable(3, () => begg(effects)), warning: smallStudyWarning(k, 'Begg\'s test') },
    leave1out: {
      result: computable(2, () => leave1out(effects, options)), warning: influenceWarning(k, 'Leave-one-out analysis'),
    },
    cumulative: {
      result: cumulative(effects, options, studies.map((s) => s.year ?? Number.NaN)),
      warning: influenceWarning(k, 'Cumulative meta-analysis'),
    },
  };
}

/** A derived row's estimate and CI on the display scale. */
export function displayRow(model: DiagnosticsModel, row: DerivedRow): { estimate: number; ci: Interval } {
  return { estimate: model.display(row.estimate), ci: [model.display(row.ci[0]), model.display(row.ci[1])] };
}
