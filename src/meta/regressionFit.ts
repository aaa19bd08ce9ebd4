/**
 * The numbers of one mixed-effects meta-regression fit, as metafor's rma.uni(yi, vi, mods = X): τ² by `method`
 * (estimateTau2For: the same estimators as pooling), β̂ and Cov(β̂) by weighted least squares at τ̂², Wald z or
 * Knapp–Hartung t tests of the coefficients, and the omnibus test QM of every coefficient but the intercept.
 * Used by metaRegression (one fit) and permutationTest (one fit per permutation).
 */
import { chisqUpper } from './chiSquare.ts';
import { estimateTau2For } from './estimateTau2.ts';
import { fUpper } from './fDistribution.ts';
import { cholesky, inverseCholesky, quadraticForm, subMatrix, type Matrix } from './matrix.ts';
import { normalQuantile, normalTwoSidedP } from './normal.ts';
import { regressionModel, type RegressionModel } from './regressionModel.ts';
import { tQuantile, tTwoSidedP } from './studentT.ts';
import type { Interval, Method } from './types.ts';

/** Wald z, or Knapp & Hartung (2003): t with k − p df and the covariance scaled by s² (QM as F(m, k − p)). */
export type RegressionTest = 'z' | 'knha';

const LEVEL = 0.95;

export interface RegressionNumbers {
  readonly model: RegressionModel;
  readonly tau2: number;
  readonly beta: readonly number[];
  /** Cov(β̂): (XᵀWX)⁻¹, times s² under knha */
  readonly vcov: Matrix;
  readonly se: readonly number[];
  /** z or t statistics β̂ / SE */
  readonly stat: readonly number[];
  readonly pval: readonly number[];
  readonly ci: readonly Interval[];
  /** the critical value of the 95% CIs: z(0.975) or t(0.975, k − p) */
  readonly crit: number;
  /** t degrees of freedom k − p under knha, null under z */
  readonly df: number | null;
  /** the omnibus test of the moderators: χ²(m) under z, F(m, k − p) under knha (QM/m) */
  readonly QM: number;
  readonly QM_df: number;
  readonly QM_p: number;
  /** Knapp–Hartung's s² = yᵀPy/(k − p) at τ̂² (1 under z; 0 when the residuals are numerically 0, as metafor) */
  readonly s2: number;
}

/**
 * The Wald statistic β̂ₘᵀ Cov(β̂ₘ)⁻¹ β̂ₘ of the coefficients 1..p−1 (every one but the intercept), or NaN when that
 * block of the covariance is singular (Raudenbush 2009, eq. 16.9).
 */
function omnibus(beta: readonly number[], vcov: Matrix): number {
  const idx = beta.map((_b, j) => j).slice(1);
  const l = cholesky(subMatrix(vcov, idx));
  if (l === null) return Number.NaN;
  return quadraticForm(inverseCholesky(l), idx.map((j) => beta[j]));
}

/**
 * One fit of y on the design `columns` (the first all ones) with sampling variances v. Needs k − p ≥ 1.
 * Coefficient tests and CIs: z, or under knha t(k − p) with Cov scaled by s² (Knapp & Hartung 2003, eqs. 6–8;
 * Viechtbauer 2010, §3.5).
 */
export function regressionFit(
  y: Float64Array,
  v: Float64Array,
  columns: readonly Float64Array[],
  method: Method,
  test: RegressionTest,
): RegressionNumbers {
  const k = y.length;
  const p = columns.length;
  const model = regressionModel(y, v, columns);
  const tau2 = estimateTau2For(model, method);
  const solved = model.solve(tau2);
  let s2 = 1;
  let df: number | null = null;
  if (test === 'knha') {
    s2 = solved.rss <= Number.EPSILON ? 0 : solved.rss / (k - p);
    df = k - p;
  }
  const vcov = solved.unscaledCov.map((row) => row.map((x) => x * s2));
  const beta = solved.beta;
  const se = beta.map((_b, j) => Math.sqrt(vcov[j][j]));
  const stat = beta.map((b, j) => b / se[j]);
  const pval = stat.map((z) => Math.min(1, df === null ? normalTwoSidedP(z) : tTwoSidedP(z, df)));
  const crit = df === null ? normalQuantile(1 - (1 - LEVEL) / 2) : tQuantile(1 - (1 - LEVEL) / 2, df);
  const ci = beta.map((b, j): Interval => [b - crit * se[j], b + crit * se[j]]);
  const m = p - 1;
  const wald = omnibus(beta, vcov);
  const QM = df === null ? wald : wald / m;
  // p-values are clamped to [0, 1]: a tail one ulp above 1 at a statistic near 0 is rounding
  const QM_p = Math.min(1, df === null ? chisqUpper(QM, m) : fUpper(QM, m, df));
  return { model, tau2, beta, vcov, se, stat, pval, ci, crit, df, QM, QM_df: m, QM_p, s2 };
}
