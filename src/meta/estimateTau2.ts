import type { Method } from './types.ts';
import { solveGeneralisedQFor } from './solveGeneralisedQ.ts';
import {
  interceptModel, T_LOGDET, T_RSS, T_RSS2, T_SW, T_SW2, T_SW3, T_TRP, T_TRPP, TAU2_SUMS_LENGTH, type Tau2Model,
} from './tau2Model.ts';

const MAX_ITER = 10_000;
const THRESHOLD = 1e-13;

/** Mean-centred sum of squares Σ (yᵢ − ȳ)² and the unweighted mean ȳ. */
function unweighted(y: Float64Array): { mean: number; ss: number } {
  const k = y.length;
  let s = 0;
  for (let i = 0; i < k; i++) s += y[i];
  const mean = s / k;
  let ss = 0;
  for (let i = 0; i < k; i++) ss += (y[i] - mean) * (y[i] - mean);
  return { mean, ss };
}

/**
 * DerSimonian & Laird (1986) method of moments, with moderators as Raudenbush (2009, eq. 16.14):
 * τ² = (Q_E − (k − p)) / tr(P) at w = 1/v (intercept only: tr(P) = Σw − Σw²/Σw), truncated at 0.
 */
function dersimonianLaird(model: Tau2Model, s: Float64Array): number {
  const k = model.y.length;
  model.sums(0, s);
  return Math.max(0, (s[T_RSS] - (k - model.p)) / s[T_TRP]);
}

/**
 * Hedges (1983) unweighted moment estimator ("HE"): (yᵀP₀y − tr(P₀V)) / (k − p) with the ordinary least-squares
 * residual projection P₀ (intercept only: (Σ(y − ȳ)² − (k−1)/k Σv) / (k − 1)).
 */
function hedges(model: Tau2Model): number {
  const { rss, trPV } = model.unweighted();
  return (rss - trPV) / (model.y.length - model.p);
}

/**
 * Sidik & Jonkman (2005, 2007) two-step estimator: τ₀² = Σ(y − ȳ)² / k (without moderators, as metafor), then
 * τ² = τ₀² · yᵀPy / (k − p) with P at w = 1/(v + τ₀²) (metafor's method = "SJ").
 */
function sidikJonkman(model: Tau2Model, s: Float64Array): number {
  const k = model.y.length;
  const tau0 = unweighted(model.y).ss / k;
  if (tau0 === 0) return 0;
  model.sums(tau0, s);
  return tau0 * s[T_RSS] / (k - model.p);
}

/**
 * ℓ(0) − ℓ(τ²) for the restricted (REML) or full (ML) log-likelihood (Viechtbauer 2005, eqs. 3–4; with moderators
 * the REML term −½ log|XᵀWX|), with Σ log(1 + τ²/vᵢ) as one sum of log1p so the difference keeps its digits.
 * The log pass is skipped when the bound log1p(x) ≤ x − x²/2 + x³/3 (x ≥ 0) already shows the difference < 0.
 */
function logLikGainAtZero(model: Tau2Model, tau2: number, reml: boolean): number {
  const { v } = model;
  const s0 = model.sums(0, new Float64Array(TAU2_SUMS_LENGTH));
  const st = model.sums(tau2, new Float64Array(TAU2_SUMS_LENGTH));
  const det = reml ? 0.5 * (s0[T_LOGDET] - st[T_LOGDET]) : 0;
  const rest = -0.5 * s0[T_RSS] + 0.5 * st[T_RSS] - det;
  const logBound = tau2 * s0[T_SW] - tau2 * tau2 / 2 * s0[T_SW2] + tau2 * tau2 * tau2 / 3 * s0[T_SW3];
  if (0.5 * logBound + rest < 0) return 0.5 * logBound + rest;
  const k = v.length;
  let slog = 0;
  for (let i = 0; i < k; i++) slog += Math.log1p(tau2 / v[i]);
  return 0.5 * slog + rest;
}

type Scoring = 'ML' | 'REML' | 'EB';

/**
 * The Fisher-scoring step at τ² (Viechtbauer 2005, eqs. 7 and 9; Morris 1983), with moderators as metafor's
 * rma.uni: ML (yᵀPPy − Σw)/Σw², REML (yᵀPPy − tr P)/tr(PP), EB (yᵀPy · k/(k − p) − k)/Σw.
 */
function scoringStep(s: Float64Array, method: Scoring, k: number, p: number): number {
  if (method === 'ML') return (s[T_RSS2] - s[T_SW]) / s[T_SW2];
  if (method === 'EB') return (s[T_RSS] * k / (k - p) - k) / s[T_SW];
  return (s[T_RSS2] - s[T_TRP]) / s[T_TRPP];
}

/**
 * Fisher scoring for ML and REML (Viechtbauer 2005, eqs. 7 and 9) and the empirical Bayes estimator of Morris (1983)
 * (Berkey et al. 1995), with step halving to keep τ² ≥ 0, iterated to |Δτ²| < 1e-13. Once two iterates exist a
 * secant step on the scoring step (a root of the same estimating equation) is taken when it agrees in direction
 * and size with the scoring step, which turns linear into superlinear convergence without changing the root.
 * For ML/REML the likelihood at τ² = 0 is compared and the boundary returned when it is at least as high (as
 * metafor's ll0check).
 */
function fisherScoring(model: Tau2Model, method: Scoring, init: number): number {
  const k = model.y.length;
  const s = new Float64Array(TAU2_SUMS_LENGTH);
  let tau2 = init;
  let prevTau2 = Number.NaN;
  let prevAdj = Number.NaN;
  for (let iter = 0; iter < MAX_ITER; iter++) {
    model.sums(tau2, s);
    let adj = scoringStep(s, method, k, model.p);
    if (!Number.isFinite(adj)) adj = 0;
    const fisherAdj = adj;
    if (Number.isFinite(prevAdj) && prevAdj !== fisherAdj) {
      const secant = -fisherAdj * (tau2 - prevTau2) / (fisherAdj - prevAdj);
      const agrees = secant * fisherAdj > 0 && Math.abs(secant) <= 4 * Math.abs(fisherAdj);
      if (Number.isFinite(secant) && agrees) adj = secant;
    }
    while (tau2 + adj < 0) adj /= 2;
    prevTau2 = tau2;
    prevAdj = fisherAdj;
    tau2 += adj;
    if (Math.abs(adj) < THRESHOLD) break;
  }
  if (method !== 'EB') {
    const reml = method === 'REML';
    if (tau2 <= 0 || logLikGainAtZero(model, tau2, reml) >= 0) return 0;
  }
  return Math.max(0, tau2);
}

/**
 * The between-study variance τ² of the intercept-only random-effects model by `method`, truncated at 0
 * (metafor's rma.uni definitions; Viechtbauer 2005, 2010). FE returns 0. Needs k ≥ 2 (k = 1 returns 0).
 */
export function estimateTau2(y: Float64Array, v: Float64Array, method: Method): number {
  return estimateTau2For(interceptModel(y, v), method);
}

/**
 * τ² by `method` for any model (intercept only, or a meta-regression with p coefficients: the residual
 * heterogeneity), as metafor's rma.uni (Viechtbauer 2010; Raudenbush 2009). Needs k − p ≥ 1 (else 0).
 */
export function estimateTau2For(model: Tau2Model, method: Method): number {
  const k = model.y.length;
  if (method === 'FE' || k - model.p < 1) return 0;
  const s = new Float64Array(TAU2_SUMS_LENGTH);
  switch (method) {
    case 'DL':
      return dersimonianLaird(model, s);
    case 'HE':
      return Math.max(0, hedges(model));
    case 'SJ':
      return Math.max(0, sidikJonkman(model, s));
    case 'PM':
      return solveGeneralisedQFor(model, k - model.p, upperSearch(model.y, model.v));
    case 'ML':
    case 'REML':
    case 'EB':
      return fisherScoring(model, method, Math.max(0, hedges(model)));
  }
}

/** An upper end for root searches: metafor's default tau2.max = 100, widened when the data need it. */
export function upperSearch(y: Float64Array, v: Float64Array): number {
  const { ss } = unweighted(y);
  let vmax = 0;
  for (let i = 0; i < v.length; i++) vmax = Math.max(vmax, v[i]);
  return Math.max(100, 10 * (ss + vmax));
}
