/**
 * Results derived from an Analysis's included rows — the same rows every view pools — computed on first use and
 * kept per Analysis: leave-one-out, cumulative, Egger / Begg / trim-and-fill, the sensitivity matrix and the τ
 * what-if. GLMM and the Bayesian model have no inverse-variance refits: their derived results use REML with z on
 * the logit scale (`refitOptions`), as the views say.
 */
import { bayes, type BayesResult } from '../meta/bayes.ts';
import { begg, type BeggTest } from '../meta/begg.ts';
import { cumulative } from '../meta/cumulative.ts';
import type { DerivedRow } from '../meta/derivedRow.ts';
import { egger, type EggerTest } from '../meta/egger.ts';
import { fit } from '../meta/fit.ts';
import { fitAtTau, type FixedTauFit } from '../meta/fixedTau.ts';
import { leave1out } from '../meta/leave1out.ts';
import { sensitivity, type SensitivityOptions, type SensitivityResult } from '../meta/sensitivity.ts';
import { trimfill, type FunnelSide, type TrimFill } from '../meta/trimfill.ts';
import type { FitOptions, FitResult, Method } from '../meta/types.ts';
import { includedEffects, includedRows, type Analysis } from './analyse.ts';
import { effectOf } from './effectOf.ts';
import { isSmallK } from './spec.ts';

/** The inverse-variance options of the analysis (GLMM / BAYES → REML with z on the logit scale). */
export function refitOptions(a: Analysis): FitOptions {
  const s = a.spec;
  if (isSmallK(s.method)) return { measure: 'PLO', method: 'REML', test: 'z' };
  return { measure: s.measure, method: s.method as Method, test: s.test, exponentiate: s.exponentiate };
}

const memo = new WeakMap<Analysis, Map<string, unknown>>();

function once<T>(a: Analysis, key: string, run: () => T): T {
  let m = memo.get(a);
  if (!m) memo.set(a, m = new Map());
  if (!m.has(key)) m.set(key, run());
  return m.get(key) as T;
}

/** The inverse-variance fit of all included rows under refitOptions (the diagnostics' reference fit). */
export function refit(a: Analysis): FitResult {
  return once(a, 'refit', () => fit(includedEffects(a), refitOptions(a)));
}

/** Leave-one-out refits (metafor leave1out) of the included rows. */
export function leaveOneOutOf(a: Analysis): readonly DerivedRow[] {
  return once(a, 'leave1out', () => leave1out(includedEffects(a), refitOptions(a)));
}

/** Cumulative refits (metafor cumul) ordered by `order` (one key per included row, file order), default by year. */
export function cumulativeOf(a: Analysis, order?: readonly number[] | readonly string[]): readonly DerivedRow[] {
  const keys = order ?? includedRows(a).map((r) => r.year ?? Number.NaN);
  const run = () => cumulative(includedEffects(a), refitOptions(a), keys);
  return order === undefined ? once(a, 'cumulative', run) : run();
}

export interface BiasTests {
  readonly egger: EggerTest;
  readonly begg: BeggTest;
  readonly trimfill: TrimFill;
}

/** Egger's regression test, Begg's rank correlation and trim-and-fill (k ≥ 3) of the included rows. */
export function biasOf(a: Analysis, side?: FunnelSide): BiasTests {
  const run = () => {
    const effects = includedEffects(a);
    return { egger: egger(effects), begg: begg(effects), trimfill: trimfill(effects, refitOptions(a), side) };
  };
  return side === undefined ? once(a, 'bias', run) : run();
}

/** The included rows as events / n (proportions only; [] for effect sizes). */
export function countsOf(a: Analysis): { study: string; events: number; n: number }[] {
  return includedRows(a).flatMap((r) => (r.data?.kind === 'count' ? [{ study: r.label, events: r.data.events, n: r.data.n }] : []));
}

/** The sensitivity matrix (GLMM, PLO/PAS/PFT × DL/REML/PM × z/knha, Bayes) of the included rows' counts. */
export function sensitivityOf(a: Analysis, options: SensitivityOptions = {}): SensitivityResult {
  const tauPriorScale = options.tauPriorScale ?? a.spec.tauPriorScale ?? undefined;
  const run = () => sensitivity(countsOf(a), { ...options, ...(tauPriorScale === undefined ? {} : { tauPriorScale }) });
  return options.threshold === undefined && options.tauPriorScale === undefined ? once(a, 'sensitivity', run) : run();
}

/** The Bayesian model (half-normal τ prior) on the logit scale of the included rows' counts: the posterior of τ. */
export function posteriorOf(a: Analysis): BayesResult {
  return once(a, 'posterior', () => {
    const plo = includedRows(a).flatMap((r) => (r.data?.kind === 'count' ? [effectOf(r.label, r.data, 'PLO')] : []));
    return bayes(plo, a.spec.tauPriorScale === null ? {} : { tauPriorScale: a.spec.tauPriorScale });
  });
}

/** The model with τ² fixed (metafor rma(tau2 = …)) under the analysis's transform and test. */
export function whatIfOf(a: Analysis, tau2: number): FixedTauFit {
  const o = refitOptions(a);
  return fitAtTau(includedEffects(a), tau2, { measure: o.measure, test: o.test });
}

/** The costly derived results of an analysis, as plain data (computed in a Web Worker for large k). */
export interface DerivedBundle {
  readonly bias: BiasTests | null;
  readonly leave1out: readonly DerivedRow[];
  readonly cumulative: readonly DerivedRow[];
}

/** Which costly step runs, and how far it is. */
export interface DerivedProgress {
  readonly step: 'bias' | 'leave-one-out' | 'cumulative';
  readonly done: number;
  readonly total: number;
}

/** Bias tests (k ≥ 3), leave-one-out (k ≥ 2) and cumulative refits of `a`, reporting progress as they go. */
export function derivedBundle(a: Analysis, onProgress?: (p: DerivedProgress) => void): DerivedBundle {
  const k = includedEffects(a).length;
  onProgress?.({ step: 'bias', done: 0, total: 1 });
  const bias = k >= 3 ? biasOf(a) : null;
  const effects = includedEffects(a);
  const leave = k >= 2
    ? once(a, 'leave1out', () => leave1out(effects, refitOptions(a), (done, total) => onProgress?.({ step: 'leave-one-out', done, total })))
    : [];
  const years = includedRows(a).map((r) => r.year ?? Number.NaN);
  const cumul = once(a, 'cumulative', () => cumulative(effects, refitOptions(a), years,
    (done, total) => onProgress?.({ step: 'cumulative', done, total })));
  return { bias, leave1out: leave, cumulative: cumul };
}

/** True when the costly derived results of `a` are at hand (computed here, or given by seedDerived). */
export function hasDerived(a: Analysis): boolean {
  const m = memo.get(a);
  return m !== undefined && m.has('leave1out') && m.has('cumulative') && (m.has('bias') || includedEffects(a).length < 3);
}

/** Keeps derived results computed elsewhere (the Web Worker ran derivedBundle on the same spec and rows). */
export function seedDerived(a: Analysis, bundle: DerivedBundle): void {
  let m = memo.get(a);
  if (!m) memo.set(a, m = new Map());
  if (bundle.bias) m.set('bias', bundle.bias);
  m.set('leave1out', bundle.leave1out);
  m.set('cumulative', bundle.cumulative);
}
