/**
 * Mixed-effects meta-regression, as metafor's rma(yi, vi, mods = ~ a + b, method, test): effects on the analysis
 * scale explained by study-level moderators (continuous, or categorical with treatment contrasts). One immutable
 * result with the coefficient table, residual heterogeneity (τ², I², QE), the omnibus test QM, pseudo-R², the
 * studies with their weights and fitted values, the rows left out and the guard-rail warnings.
 * Sources: Raudenbush (2009) in The Handbook of Research Synthesis, ch. 16; Viechtbauer (2010) J Stat Softw 36(3);
 * Knapp & Hartung (2003) Stat Med 22:2693; R² as López-López et al. (2014) Br J Math Stat Psychol 67:30.
 */
import { chisqUpper } from './chiSquare.ts';
import { designMatrix, type Design, type ModeratorColumn } from './designMatrix.ts';
import { estimateTau2 } from './estimateTau2.ts';
import { regressionFit, type RegressionNumbers, type RegressionTest } from './regressionFit.ts';
import { PoolInputError } from './poolInputError.ts';
import { interceptModel, T_RSS, T_TRP, TAU2_SUMS_LENGTH } from './tau2Model.ts';
import type { EffectSize, Interval, Measure, Method, Warning } from './types.ts';

export type { RegressionTest } from './regressionFit.ts';

export interface MetaRegressionOptions {
  readonly measure: Measure;
  readonly method: Method;
  readonly test: RegressionTest;
}

export interface Coefficient {
  /** `intrcpt`, a continuous moderator's name, or moderator + level (`designretrospective`) */
  readonly name: string;
  readonly estimate: number;
  readonly se: number;
  /** z, or t under knha */
  readonly stat: number;
  readonly ci: Interval;
  readonly p: number;
}

export interface RegressionStudy {
  /** the study's index in the input effects */
  readonly index: number;
  readonly study: string;
  readonly yi: number;
  readonly vi: number;
  /** percent of the total weight 1/(vᵢ + τ²), as metafor's weights() */
  readonly weight: number;
  /** x̂ᵢᵀβ̂ */
  readonly fitted: number;
}

export interface ExcludedRow {
  readonly index: number;
  readonly study: string;
  readonly reason: string;
}

export interface MetaRegressionResult {
  readonly k: number;
  /** coefficients, the intercept included */
  readonly p: number;
  readonly measure: Measure;
  readonly method: Method;
  readonly test: RegressionTest;
  readonly coefficients: readonly Coefficient[];
  /** Cov(β̂) in coefficient order (scaled by s² under knha) */
  readonly vcov: readonly (readonly number[])[];
  /** residual between-study variance */
  readonly tau2: number;
  /** τ² of the model without moderators on the same studies and method (the base of R²) */
  readonly tau2_without_moderators: number;
  /** residual I² (percent) and H² */
  readonly I2: number;
  readonly H2: number;
  /** percent of τ² accounted for by the moderators (FE: the adjusted weighted R²), as metafor */
  readonly R2: number;
  readonly QM: number;
  /** numerator df m = p − 1 (the denominator df of F under knha is `df`) */
  readonly QM_df: number;
  readonly QM_p: number;
  readonly QE: number;
  readonly QE_df: number;
  readonly QE_p: number;
  /** t and F denominator degrees of freedom k − p under knha, null under z */
  readonly df: number | null;
  /** critical value of the coefficient CIs (z or t) */
  readonly crit: number;
  readonly design: Design;
  readonly studies: readonly RegressionStudy[];
  readonly excluded: readonly ExcludedRow[];
  readonly warnings: readonly Warning[];
}

/**
 * Studies per moderator coefficient below which meta-regression is unreliable: "at least ten studies for each
 * characteristic modelled" (Cochrane Handbook v6, §10.11.5.1; Borenstein et al. 2009, Introduction to
 * Meta-Analysis, chs. 20–21). Dummy columns of a categorical moderator count one each.
 */
export const STUDIES_PER_MODERATOR = 10;

function residualHeterogeneity(k: number, fit: RegressionNumbers, common: boolean) {
  const dfE = k - fit.model.p;
  const s0 = fit.model.sums(0, new Float64Array(TAU2_SUMS_LENGTH));
  const QE = Math.max(0, s0[T_RSS]);
  const QE_p = Math.min(1, chisqUpper(QE, dfE));
  // metafor's rma.uni: I² and H² from the "typical" variance (k − p)/tr(P) at w = 1/v (Higgins & Thompson 2002)
  if (common) return { QE, QE_df: dfE, QE_p, I2: QE > 0 ? Math.max(0, 100 * (QE - dfE) / QE) : 0, H2: QE / dfE };
  const vt = dfE / s0[T_TRP];
  return { QE, QE_df: dfE, QE_p, I2: 100 * fit.tau2 / (vt + fit.tau2), H2: fit.tau2 / vt + 1 };
}

/**
 * Pseudo-R² as metafor: random effects, max(0, (τ²₀ − τ²)/τ²₀) in percent with τ²₀ from the model without
 * moderators (0 when τ²₀ = 0; Raudenbush 2009, eq. 16.12); FE, the weighted least-squares adjusted R²,
 * 1 − (QE/(k − p)) / (Q/(k − 1)), floored at 0.
 */
function pseudoR2(
  y: Float64Array, v: Float64Array, fit: { tau2: number; tau20: number; QE: number; p: number }, method: Method,
): number {
  const k = y.length;
  const { tau2, tau20, QE, p } = fit;
  if (method !== 'FE') return tau20 === 0 ? 0 : Math.min(100, Math.max(0, 100 * (tau20 - tau2) / tau20));
  const s = interceptModel(y, v).sums(0, new Float64Array(TAU2_SUMS_LENGTH));
  const q = s[T_RSS];
  if (!(q > 0)) return 0;
  return Math.max(0, 100 * (1 - (QE / (k - p)) / (q / (k - 1))));
}

function guardRails(
  k: number, m: number, options: MetaRegressionOptions, excluded: readonly ExcludedRow[], s2: number,
): Warning[] {
  const warnings: Warning[] = [];
  if (k < STUDIES_PER_MODERATOR * m) {
    warnings.push({
      code: 'few_studies_per_moderator',
      message: `${k} studies for ${m} moderator ${m === 1 ? 'coefficient' : 'coefficients'}: fewer than `
        + `${STUDIES_PER_MODERATOR} studies per moderator, so the regression is unreliable and prone to chance findings `
        + '(Cochrane Handbook §10.11.5.1; Borenstein et al. 2009)',
    });
  }
  if (excluded.length > 0) {
    warnings.push({
      code: 'missing_moderator',
      message: `${excluded.length} ${excluded.length === 1 ? 'study' : 'studies'} left out for a missing moderator value: `
        + excluded.map((e) => `${e.study} (${e.reason.replace('missing moderator value: ', '')})`).join('; '),
    });
  }
  if (options.method === 'FE' && options.test === 'knha') {
    warnings.push({ code: 'knha_fe', message: 'the Knapp–Hartung adjustment is not meant for the common-effect model' });
  }
  if (options.test === 'knha' && s2 === 0) {
    warnings.push({
      code: 'se_zero',
      message: 'the model fits every study exactly, so the Knapp–Hartung standard errors are 0 (as metafor)',
    });
  }
  return warnings;
}

/**
 * Fits `effects` (analysis scale) on `moderators` (one value per effect). Rows with a missing moderator value are
 * left out and listed. Throws PoolInputError for constant or collinear moderators and when fewer studies remain
 * than coefficients + 1; RangeError for a non-finite yi or a non-positive vi.
 */
export function metaRegression(
  effects: readonly EffectSize[],
  moderators: readonly ModeratorColumn[],
  options: MetaRegressionOptions,
): MetaRegressionResult {
  // --- setup and checks
  const design = designMatrix(moderators, effects.length);
  const k = design.kept.length;
  const p = design.names.length;
  if (k - p < 1) {
    throw new PoolInputError(`too few studies: ${k} ${k === 1 ? 'study' : 'studies'} with every moderator for `
      + `${p} coefficients (a meta-regression needs at least ${p + 1})`);
  }
  const y = new Float64Array(k);
  const v = new Float64Array(k);
  design.kept.forEach((idx, i) => {
    const e = effects[idx];
    if (!Number.isFinite(e.yi)) throw new RangeError(`metaRegression: study ${e.study}: yi is not a finite number`);
    if (!(e.vi > 0) || !Number.isFinite(e.vi)) throw new RangeError(`metaRegression: study ${e.study}: vi must be positive`);
    y[i] = e.yi;
    v[i] = e.vi;
  });
  const excluded = design.dropped.map((d) => ({ index: d.index, study: effects[d.index].study, reason: d.reason }));

  // --- estimation
  const fit = regressionFit(y, v, design.columns, options.method, options.test);
  const common = options.method === 'FE';
  const het = residualHeterogeneity(k, fit, common);
  const tau20 = estimateTau2(y, v, options.method);
  const R2 = pseudoR2(y, v, { tau2: fit.tau2, tau20, QE: het.QE, p }, options.method);

  // --- output
  let sw = 0;
  for (let i = 0; i < k; i++) sw += 1 / (v[i] + fit.tau2);
  const studies = design.kept.map((idx, i): RegressionStudy => {
    let fitted = 0;
    for (let j = 0; j < p; j++) fitted += design.columns[j][i] * fit.beta[j];
    return { index: idx, study: effects[idx].study, yi: y[i], vi: v[i], weight: 100 / (v[i] + fit.tau2) / sw, fitted };
  });
  return Object.freeze({
    k,
    p,
    measure: options.measure,
    method: options.method,
    test: options.test,
    coefficients: design.names.map((name, j) => ({
      name, estimate: fit.beta[j], se: fit.se[j], stat: fit.stat[j], ci: fit.ci[j], p: fit.pval[j],
    })),
    vcov: fit.vcov,
    tau2: fit.tau2,
    tau2_without_moderators: tau20,
    I2: het.I2,
    H2: het.H2,
    R2,
    QM: fit.QM,
    QM_df: fit.QM_df,
    QM_p: fit.QM_p,
    QE: het.QE,
    QE_df: het.QE_df,
    QE_p: het.QE_p,
    df: fit.df,
    crit: fit.crit,
    design,
    studies,
    excluded,
    warnings: guardRails(k, p - 1, options, excluded, fit.s2),
  });
}
