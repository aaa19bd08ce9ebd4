/**
 * The diagnostics view's model: for the current outcome and modality (or all), the studies' effect sizes under the
 * forest view's settings and the engine's small-study and influence diagnostics — funnel with trim-and-fill, Egger's
 * and Begg's tests, leave-one-out and cumulative-by-year refits. Each panel says whether k is too small for it
 * (k < 10 for small-study tests, Sterne et al. 2011; k < 3 for leave-one-out and cumulative). Numbers come from the
 * engine; this file picks the studies and back-transforms for display.
 */
import {
  biasOf, cumulativeOf, includedEffects, includedRows, leaveOneOutOf, refit, refitOptions, type Analysis,
} from '../analysis/index.ts';
import type { RAnalysis } from '../charts/export/rScript.ts';
import { backTransformValue, harmonicMeanN } from '../meta/backTransform.ts';
import type { BeggTest } from '../meta/begg.ts';
import type { DerivedRow } from '../meta/derivedRow.ts';
import type { EggerTest } from '../meta/egger.ts';
import { SMALL_K_BIAS } from '../meta/smallKBiasWarnings.ts';
import type { TrimFill } from '../meta/trimfill.ts';
import type { EffectSize, FitOptions, FitResult, Interval } from '../meta/types.ts';

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

function smallStudyWarning(k: number, what: string): string | null {
  return k < SMALL_K_BIAS ? `${what} needs at least ${SMALL_K_BIAS} studies (k = ${k}): too little power, shown greyed (Sterne et al. 2011)` : null;
}

function influenceWarning(k: number, what: string): string | null {
  return k < MIN_K_INFLUENCE ? `${what} needs at least ${MIN_K_INFLUENCE} studies (k = ${k})` : null;
}

function rStudies(a: Analysis): RAnalysis['studies'] {
  const rows = includedRows(a);
  if (a.spec.measure === 'GEN') {
    return rows.flatMap((r) => (r.data?.kind === 'generic' ? [{ study: r.label, yi: r.data.yi, vi: r.data.vi }] : []));
  }
  return rows.flatMap((r) => (r.data?.kind === 'count' ? [{ study: r.label, events: r.data.events, n: r.data.n }] : []));
}

/** The diagnostics of `analysis`'s included rows (all modalities of the selection together). */
export function diagnosticsModel(a: Analysis): DiagnosticsModel {
  const options = refitOptions(a);
  const effects = includedEffects(a);
  const studies: DiagnosticStudy[] = includedRows(a)
    .map((r, i) => ({ label: r.label, effect: effects[i], year: r.year }));
  const k = studies.length;
  const nh = options.measure === 'PFT' ? harmonicMeanN(effects) : Number.NaN;
  const exp = options.exponentiate ?? false;
  const display = (y: number): number => backTransformValue(options.measure, y, nh, exp);
  const none = { result: null, warning: null };
  const r = rStudies(a);
  const base = {
    k, options, percent: options.measure !== 'GEN', studies, display,
    rAnalysis: k > 0 && !exp ? ({ ...options, studies: r } as RAnalysis) : null,
  };
  if (k === 0) {
    return {
      ...base, error: a.error ?? 'No poolable studies for this outcome and modality.', fit: null,
      trimfill: none, egger: none, begg: none, leave1out: none, cumulative: none,
    };
  }
  const computable = <T>(minK: number, run: () => T): T | null => (k >= minK ? run() : null);
  const bias = computable(3, () => biasOf(a));
  return {
    ...base,
    error: null,
    fit: refit(a),
    trimfill: { result: bias?.trimfill ?? null, warning: smallStudyWarning(k, 'Trim-and-fill') },
    egger: { result: bias?.egger ?? null, warning: smallStudyWarning(k, 'Egger\'s test') },
    begg: { result: bias?.begg ?? null, warning: smallStudyWarning(k, 'Begg\'s test') },
    leave1out: {
      result: computable(2, () => leaveOneOutOf(a)), warning: influenceWarning(k, 'Leave-one-out analysis'),
    },
    cumulative: { result: cumulativeOf(a), warning: influenceWarning(k, 'Cumulative meta-analysis') },
  };
}

/** A derived row's estimate and CI on the display scale. */
export function displayRow(model: DiagnosticsModel, row: DerivedRow): { estimate: number; ci: Interval } {
  return { estimate: model.display(row.estimate), ci: [model.display(row.ci[0]), model.display(row.ci[1])] };
}
