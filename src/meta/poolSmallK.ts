/**
 * `pool` for the two small-k engines that do not go through fit(): the binomial-normal GLMM (--method GLMM) and the
 * Bayesian normal–normal model (--method BAYES). Same input as pool() and, where they apply, the same JSON fields.
 */
import { formatProblem } from '../data/formatProblem.ts';
import { poolableRows } from '../data/poolable.ts';
import type { AnalysisInput } from '../data/types.ts';
import { OUTCOMES, type OutcomeName } from '../data/vocabulary.ts';
import { bayes } from './bayes.ts';
import { normalTwoSidedP } from './normal.ts';
import { proportionEffect } from './effectSizes.ts';
import { glmm } from './glmm.ts';
import { smallKGuardRails } from './guardRails.ts';
import type { ExcludedStudy, PoolOptions } from './pool.ts';
import { PoolInputError } from './poolInputError.ts';
import type { Warning } from './types.ts';

/** The same caveat pool() gives when a Kaplan–Meier percentage is pooled as events / n. */
const KM_AS_BINOMIAL: Warning = {
  code: 'km_as_binomial',
  message: 'a Kaplan–Meier survival percentage was pooled as a binomial proportion (events = round(S × n)); '
    + 'with censoring its CI is too narrow',
};

export interface SmallKOptions extends PoolOptions {
  /** BAYES: half-normal scale of the τ prior; default 0.5 */
  readonly tauPriorScale?: number;
}

export interface BinomialRows {
  readonly studies: readonly { readonly study: string; readonly events: number; readonly n: number }[];
  /** km_as_binomial for survival outcomes of the study table (as pool()) */
  readonly warnings: readonly Warning[];
  readonly outcome?: string;
  readonly excluded?: readonly ExcludedStudy[];
}

/** The study,events,n rows — or the study table's poolable rows of `outcome` — as counts; PoolInputError otherwise. */
export function binomialRows(input: AnalysisInput, outcome: string | undefined, what: string): BinomialRows {
  if (input.problems.length > 0) throw new PoolInputError(formatProblem(input.problems[0]));
  switch (input.kind) {
    case 'unknown':
      throw new PoolInputError('no rows');
    case 'generic':
      throw new PoolInputError(`${what} needs events and n (study,events,n or the study table), not study,yi,vi`);
    case 'proportions':
      if (input.rows.length === 0) throw new PoolInputError('no rows');
      return { studies: input.rows.map((r) => ({ study: r.study, events: r.events, n: r.n })), warnings: [] };
    case 'studies': {
      if (outcome === undefined) throw new PoolInputError('missing option --outcome (the study table needs one outcome to pool)');
      if (!(OUTCOMES as readonly string[]).includes(outcome)) {
        throw new PoolInputError(`invalid --outcome: ${outcome} (one of ${OUTCOMES.join(', ')})`);
      }
      const { included, excluded } = poolableRows(input.records, outcome as OutcomeName);
      if (included.length === 0) {
        throw new PoolInputError(`no poolable rows for outcome ${outcome} (${excluded.length} rows of it excluded)`);
      }
      return {
        studies: included.map(({ record, events, n }) => ({
          study: record.arm ? `${record.study} (${record.arm})` : record.study, events, n,
        })),
        warnings: /^(os|dfs)_/.test(outcome) ? [KM_AS_BINOMIAL] : [],
        outcome,
        excluded: excluded.map(({ record, reason }) => ({ row_id: record.row_id, study: record.study, reason })),
      };
    }
  }
}

function checkOptions(options: SmallKOptions, what: string): void {
  if (options.by !== undefined) throw new PoolInputError(`--by is not supported with --method ${what}`);
  if (options.measure !== undefined && options.measure !== 'PLO') {
    throw new PoolInputError(`invalid --measure: ${options.measure} (--method ${what} works on the logit scale: PLO)`);
  }
}

function tail(rows: BinomialRows): object {
  return {
    ...(rows.outcome === undefined ? {} : { outcome: rows.outcome }),
    ...(rows.excluded === undefined ? {} : { excluded: rows.excluded }),
  };
}

/** `pool --method GLMM`: ML binomial-normal model (glmm.ts), Wald z inference; REML fallback flagged. */
export function poolGlmm(input: AnalysisInput, options: SmallKOptions): object {
  checkOptions(options, 'GLMM');
  const rows = binomialRows(input, options.outcome, '--method GLMM');
  const g = glmm(rows.studies);
  return {
    k: g.k, measure: 'PLO', method: 'GLMM', test: 'z',
    estimate: g.estimate, se: g.se, ci: g.ci, pi: g.pi, tau2: g.tau2, tau2_ci: null,
    back: g.back, back_transform: 'inverse_logit', pval: normalTwoSidedP(g.estimate / g.se),
    converged: g.converged, fallback: g.fallback, iterations: g.iterations, logLik: g.logLik,
    warnings: [...g.warnings, ...rows.warnings, ...smallKGuardRails(g.k)],
    studies: rows.studies,
    ...tail(rows),
  };
}

/** `pool --method BAYES [--tau-prior-scale S]`: estimate = posterior median of μ, ci = 95% credible interval. */
export function poolBayes(input: AnalysisInput, options: SmallKOptions): object {
  checkOptions(options, 'BAYES');
  const rows = binomialRows(input, options.outcome, '--method BAYES');
  const effects = rows.studies.map((s) => proportionEffect(s.study, s.events, s.n, 'PLO'));
  const b = bayes(effects, { tauPriorScale: options.tauPriorScale });
  return {
    k: b.k, measure: 'PLO', method: 'BAYES', test: null,
    estimate: b.estimate, ci: b.ci, pi: b.pi, mu_mean: b.mu.mean,
    tau_median: b.tau.median, tau_mean: b.tau.mean, tau_ci: b.tau.ci, tau_prior_scale: b.tauPriorScale,
    back: b.back, back_transform: 'inverse_logit',
    warnings: [...b.warnings, ...rows.warnings, ...smallKGuardRails(b.k)],
    tau_density: b.tauDensity,
    studies: effects.map((e) => ({ study: e.study, yi: e.yi, vi: e.vi, events: e.events, n: e.n })),
    ...tail(rows),
  };
}
