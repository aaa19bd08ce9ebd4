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
