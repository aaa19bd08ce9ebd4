/**
 * An Analysis as the JSON `nelm pool` prints (the shapes documented in the README): one fit, or with --by the overall
 * fit, one per subgroup and the between-subgroup test; each fit in its engine's own fields (inverse-variance: fit.ts;
 * GLMM; Bayes), then `outcome` and `excluded` (rows not pooled, with the reason) for the study table and exclusions.
 */
import type { Analysis, PooledFit } from '../analysis/index.ts';
import { normalTwoSidedP } from '../meta/normal.ts';

type Json = Record<string, unknown>;

function studiesOf(a: Analysis, f: PooledFit): Json[] {
  const keys = new Set(f.keys);
  return a.effects.filter((e) => keys.has(e.key)).map((e) => e.effect).map((e) => (f.method === 'BAYES'
    ? { study: e.study, yi: e.yi, vi: e.vi, events: e.events, n: e.n }
    : { study: e.study, events: e.events, n: e.n }));
}

/** One fit in its engine's fields. */
export function fitJson(a: Analysis, f: PooledFit): Json {
  const group = f.group === null ? {} : { group: f.group };
  const d = f.detail;
  switch (d.kind) {
    case 'iv':
      return { ...group, ...d.fit, warnings: f.warnings };
    case 'glmm': {
      const g = d.fit;
      return {
        ...group, k: g.k, measure: 'PLO', method: 'GLMM', test: 'z',
        estimate: g.estimate, se: g.se, ci: g.ci, pi: g.pi, tau2: g.tau2, tau2_ci: null,
        back: g.back, back_transform: 'inverse_logit', pval: normalTwoSidedP(g.estimate / g.se),
        converged: g.converged, fallback: g.fallback, iterations: g.iterations, logLik: g.logLik,
        warnings: f.warnings, studies: studiesOf(a, f),
      };
    }
    case 'bayes': {
      const b = d.fit;
      return {
        ...group, k: b.k, measure: 'PLO', method: 'BAYES', test: null,
        estimate: b.estimate, ci: b.ci, pi: b.pi, mu_mean: b.mu.mean,
        tau_median: b.tau.median, tau_mean: b.tau.mean, tau_ci: b.tau.ci, tau_prior_scale: b.tauPriorScale,
        back: b.back, back_transform: 'inverse_logit', warnings: f.warnings, tau_density: b.tauDensity,
        studies: studiesOf(a, f),
      };
    }
  }
}

/** `outcome` (study table) and `excluded`: every row of the selection that is not pooled, with its reason. */
export function tailJson(a: Analysis): Json {
  const excluded = a.rows.filter((r) => r.status !== 'included')
    .map((r) => ({ row_id: r.key, study: r.study, reason: r.reason ?? '' }));
  return {
    ...(a.spec.outcome === null ? {} : { outcome: a.spec.outcome }),
    ...(a.kind === 'studies' || excluded.length > 0 ? { excluded } : {}),
  };
}

/** The whole `pool` output. */
export function poolJson(a: Analysis): Json {
  const p = a.pooled;
  if (p === null) return { error: a.error, ...tailJson(a) };
  if (a.spec.by === null) return { ...fitJson(a, p.overall), ...tailJson(a) };
  return {
    overall: fitJson(a, p.overall),
    subgroups: p.groups.map((g) => fitJson(a, g)),
    Q_between: p.between?.Q ?? null,
    Q_between_df: p.between?.df ?? null,
    Q_between_p: p.between?.p ?? null,
    ...tailJson(a),
  };
}
