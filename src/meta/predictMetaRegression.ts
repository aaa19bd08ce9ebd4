/**
 * Predictions of a meta-regression at chosen moderator values, as metafor's predict(res, newmods = ...):
 * ŷ = xᵀβ̂, SE = √(xᵀ Cov(β̂) x), CI ŷ ± crit·SE and prediction interval ŷ ± crit·√(SE² + τ²), crit from
 * z or t(k − p) as the fit's test (Raudenbush 2009, §16.4; Riley et al. 2011). All on the analysis scale.
 */
import { designRow } from './designMatrix.ts';
import { quadraticForm } from './matrix.ts';
import type { MetaRegressionResult } from './metaRegression.ts';
import type { Interval } from './types.ts';

export type ModeratorValues = Readonly<Record<string, number | string>>;

export interface RegressionPrediction {
  readonly at: ModeratorValues;
  readonly pred: number;
  readonly se: number;
  readonly ci: Interval;
  /** null for the common-effect model */
  readonly pi: Interval | null;
}

/** The prediction at each of `at` (values by moderator name; a categorical moderator by level). */
export function predictMetaRegression(
  result: MetaRegressionResult, at: readonly ModeratorValues[],
): RegressionPrediction[] {
  const beta = result.coefficients.map((c) => c.estimate);
  const vcov = result.vcov.map((row) => [...row]);
  return at.map((values) => {
    const x = designRow(result.design, values);
    let pred = 0;
    for (let j = 0; j < x.length; j++) pred += x[j] * beta[j];
    const se = Math.sqrt(quadraticForm(vcov, x));
    const c = result.crit;
    const sePred = Math.sqrt(se * se + result.tau2);
    return {
      at: values,
      pred,
      se,
      ci: [pred - c * se, pred + c * se],
      pi: result.method === 'FE' ? null : [pred - c * sePred, pred + c * sePred],
    };
  });
}

/**
 * The fitted line along one continuous moderator (for a bubble plot): `points` predictions evenly spaced over its
 * range in the model's studies, the other moderators held at their mean over those studies (continuous) or at
 * the reference level (categorical). Throws RangeError when `moderator` is not a continuous moderator of the fit.
 */
export function predictAlong(result: MetaRegressionResult, moderator: string, points = 50): RegressionPrediction[] {
  const { design } = result;
  const term = design.terms.find((t) => t.moderator === moderator);
  if (term === undefined || term.kind !== 'continuous') {
    throw new RangeError(`predictAlong: ${moderator} is not a continuous moderator of this fit`);
  }
  const base: Record<string, number | string> = {};
  for (const t of design.terms) {
    if (t.kind === 'categorical') base[t.moderator] = t.levels![0];
    else base[t.moderator] = design.columns[t.coefficients[0]].reduce((s, x) => s + x, 0) / result.k;
  }
  const xs = design.columns[term.coefficients[0]];
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  const n = Math.max(2, Math.round(points));
  const at = Array.from({ length: n }, (_u, i) => ({ ...base, [moderator]: lo + (hi - lo) * i / (n - 1) }));
  return predictMetaRegression(result, at);
}
