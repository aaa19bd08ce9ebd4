/**
 * One result type for every model: the inverse-variance fit (fit.ts: FE and the τ² estimators), the binomial-normal
 * GLMM (glmm.ts) and the Bayesian normal–normal model (bayes.ts), overall and per subgroup, with their warnings
 * (the engine's, the small-k guard-rails, and the data's caveats) and study weights by row key.
 */
import { bayes, type BayesResult } from '../meta/bayes.ts';
import { fit } from '../meta/fit.ts';
import { glmm, type GlmmResult } from '../meta/glmm.ts';
import { guardRails, smallKGuardRails } from '../meta/guardRails.ts';
import { subgroupDifference } from '../meta/subgroups.ts';
import type { BackTransformed, EffectSize, FitResult, Interval, Measure, Test, Warning } from '../meta/types.ts';
import type { AnalysisMethod, ResolvedSpec } from './spec.ts';

/** The engine's own result behind a PooledFit, for what only that engine reports (the CLI prints it whole). */
export type FitDetail =
  | { readonly kind: 'iv'; readonly fit: FitResult }
  | { readonly kind: 'glmm'; readonly fit: GlmmResult }
  | { readonly kind: 'bayes'; readonly fit: BayesResult };

export interface KeyedWeight {
  readonly key: string;
  /** percent of the total weight, as metafor's weights() */
  readonly weight: number;
}

/**
 * A pooled estimate of any model. Quantities a model does not have are NaN (I², Q of the GLMM and the Bayesian
 * model; the Bayesian se) or null (tau2_ci).
 */
export interface PooledFit {
  /** the subgroup, or null for the overall fit */
  readonly group: string | null;
  readonly k: number;
  readonly measure: Measure;
  readonly method: AnalysisMethod;
  /** null for the Bayesian model (credible interval) */
  readonly test: Test | null;
  readonly estimate: number;
  readonly se: number;
  readonly ci: Interval;
  readonly pi: Interval | null;
  /** BAYES: the posterior median of τ, squared */
  readonly tau2: number;
  readonly tau2_ci: Interval | null;
  readonly I2: number;
  readonly H2: number;
  readonly Q: number;
  readonly Q_p: number;
  readonly back: BackTransformed;
  readonly warnings: readonly Warning[];
  /** row keys of the studies fitted, in file order */
  readonly keys: readonly string[];
  /** inverse-variance weights by row key (empty for GLMM and BAYES, which have none) */
  readonly weights: readonly KeyedWeight[];
  readonly detail: FitDetail;
}

/** Between-subgroup test: Q on the subgroup estimates with their SEs, df = groups − 1 (inverse-variance models). */
export interface BetweenTest {
  readonly Q: number;
  readonly df: number;
  readonly p: number;
}

export interface KeyedEffect {
  readonly key: string;
  readonly group: string | null;
  readonly effect: EffectSize;
}

function withWarnings(extra: readonly Warning[], ...lists: (readonly Warning[])[]): Warning[] {
  const out: Warning[] = [];
  for (const w of [...lists.flat(), ...extra]) {
    if (!out.some((x) => x.code === w.code && x.message === w.message)) out.push(w);
  }
  return out;
}

/** The logit of a 0- or n-event study is taken with 0.5 added to events and non-events (as fit.ts says for PLO). */
function continuityWarning(effects: readonly EffectSize[]): Warning[] {
  const corrected = effects.filter((e) => e.events !== undefined && (e.events === 0 || e.events === e.n)).length;
  return corrected === 0 ? [] : [{
    code: 'continuity_correction',
    message: `0.5 added to events and non-events of ${corrected} ${corrected === 1 ? 'study' : 'studies'} with 0 or n events`,
  }];
}

/** One model fitted to `studies` (all of one group, or all). `extra`: the data's caveats, added to every fit. */
export function pooledFit(
  studies: readonly KeyedEffect[], group: string | null, spec: ResolvedSpec, extra: readonly Warning[],
): PooledFit {
  const effects = studies.map((s) => s.effect);
  const keys = studies.map((s) => s.key);
  const nan = Number.NaN;
  if (spec.method === 'GLMM') {
    const g = glmm(effects.map((e) => ({ events: e.events!, n: e.n! })));
    return {
      group, k: g.k, measure: 'PLO', method: 'GLMM', test: 'z', estimate: g.estimate, se: g.se, ci: g.ci, pi: g.pi,
      tau2: g.tau2, tau2_ci: null, I2: nan, H2: nan, Q: nan, Q_p: nan, back: g.back, keys,
      warnings: withWarnings(extra, g.warnings, smallKGuardRails(g.k), spec.warnings), weights: [],
      detail: { kind: 'glmm', fit: g },
    };
  }
  if (spec.method === 'BAYES') {
    const b = bayes(effects, spec.tauPriorScale === null ? {} : { tauPriorScale: spec.tauPriorScale });
    return {
      group, k: b.k, measure: 'PLO', method: 'BAYES', test: null, estimate: b.estimate, se: nan, ci: b.ci, pi: b.pi,
      tau2: b.tau.median * b.tau.median, tau2_ci: null, I2: nan, H2: nan, Q: nan, Q_p: nan, back: b.back, keys,
      warnings: withWarnings(extra, b.warnings, continuityWarning(effects), smallKGuardRails(b.k), spec.warnings),
      weights: [], detail: { kind: 'bayes', fit: b },
    };
  }
  const options = { measure: spec.measure, method: spec.method, test: spec.test, exponentiate: spec.exponentiate };
  const f = fit(effects, options);
  return {
    group, k: f.k, measure: f.measure, method: f.method, test: f.test, estimate: f.estimate, se: f.se, ci: f.ci,
    pi: f.pi, tau2: f.tau2, tau2_ci: f.tau2_ci, I2: f.I2, H2: f.H2, Q: f.Q, Q_p: f.Q_p, back: f.back, keys,
    warnings: withWarnings(extra, f.warnings, guardRails(f, effects), spec.warnings),
    weights: f.studies.map((s, i) => ({ key: studies[i].key, weight: s.weight })),
    detail: { kind: 'iv', fit: f },
  };
}

/** The test for subgroup differences (meta/subgroups.ts); inverse-variance models only (null for GLMM and BAYES). */
export function betweenTest(groups: readonly PooledFit[]): BetweenTest | null {
  if (groups.some((g) => g.detail.kind !== 'iv')) return null;
  return subgroupDifference(groups);
}
