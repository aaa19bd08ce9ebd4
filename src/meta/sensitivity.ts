/**
 * Sensitivity of a pooled proportion to the model: the binomial-normal GLMM, the inverse-variance random-effects
 * model under every combination of transform (PLO, PAS, PFT) × τ² estimator (DL, REML, PM) × CI (z, Hartung–Knapp),
 * and the Bayesian normal–normal model with a half-normal τ prior — all back-transformed to the proportion scale.
 * A spread of more than `threshold` (default 0.05) between the pooled proportions is flagged, as a sensitivity
 * analysis should (Higgins et al., Cochrane Handbook v6.4, §10.14; Schwarzer et al. 2019 on PFT).
 */
import { bayes } from './bayes.ts';
import { proportionEffect, type ProportionMeasure } from './effectSizes.ts';
import { fit } from './fit.ts';
import { glmm, type BinomialStudy } from './glmm.ts';
import type { Interval, Method, Test, Warning } from './types.ts';

export interface SensitivityOptions {
  /** largest tolerated spread of the pooled proportions; default 0.05 */
  readonly threshold?: number;
  /** half-normal scale of the Bayesian model's τ prior (logit scale); default 0.5 */
  readonly tauPriorScale?: number;
}

export interface SensitivityRow {
  /** e.g. 'GLMM', 'PLO/REML/knha', 'BAYES' */
  readonly model: string;
  readonly measure: ProportionMeasure;
  readonly method: Method | 'GLMM' | 'BAYES';
  readonly test: Test | null;
  /** pooled proportion (back-transformed; Bayes: inverse logit of μ's posterior median) */
  readonly estimate: number;
  /** its 95% CI (Bayes: credible interval), back-transformed */
  readonly ci: Interval;
  readonly tau2: number | null;
  readonly warnings: readonly Warning[];
}

export interface SensitivityResult {
  readonly k: number;
  readonly rows: readonly SensitivityRow[];
  readonly min: number;
  readonly max: number;
  /** max − min of the pooled proportions */
  readonly spread: number;
  readonly threshold: number;
  readonly disagree: boolean;
}

const MEASURES: readonly ProportionMeasure[] = ['PLO', 'PAS', 'PFT'];
const METHODS: readonly Method[] = ['DL', 'REML', 'PM'];
const TESTS: readonly Test[] = ['z', 'knha'];

/** Every model's pooled proportion for the studies (events / n), and whether they disagree by more than the threshold. */
export function sensitivity(
  studies: readonly (BinomialStudy & { readonly study?: string })[],
  options: SensitivityOptions = {},
): SensitivityResult {
  const threshold = options.threshold ?? 0.05;
  if (!(threshold >= 0)) throw new RangeError(`sensitivity: invalid threshold: ${threshold}`);
  if (studies.length === 0) throw new RangeError('sensitivity: no studies');
  const label = (s: { study?: string }, i: number) => s.study ?? `${i + 1}`;
  const rows: SensitivityRow[] = [];

  const g = glmm(studies);
  rows.push({
    model: g.converged ? 'GLMM' : 'GLMM (REML fallback)', measure: 'PLO', method: 'GLMM', test: 'z',
    estimate: g.back.estimate, ci: g.back.ci, tau2: g.tau2, warnings: g.warnings,
  });
  for (const measure of MEASURES) {
    const effects = studies.map((s, i) => proportionEffect(label(s, i), s.events, s.n, measure));
    for (const method of METHODS) {
      for (const test of TESTS) {
        const f = fit(effects, { measure, method, test });
        rows.push({
          model: `${measure}/${method}/${test}`, measure, method, test,
          estimate: f.back.estimate, ci: f.back.ci, tau2: f.tau2, warnings: f.warnings,
        });
      }
    }
  }
  const plo = studies.map((s, i) => proportionEffect(label(s, i), s.events, s.n, 'PLO'));
  const b = bayes(plo, { tauPriorScale: options.tauPriorScale });
  rows.push({
    model: 'BAYES', measure: 'PLO', method: 'BAYES', test: null,
    estimate: b.back.estimate, ci: b.back.ci, tau2: null, warnings: b.warnings,
  });

  const estimates = rows.map((r) => r.estimate);
  const min = Math.min(...estimates);
  const max = Math.max(...estimates);
  return { k: studies.length, rows, min, max, spread: max - min, threshold, disagree: max - min > threshold };
}
