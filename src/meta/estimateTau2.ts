import type { Method } from './types.ts';
import { solveGeneralisedQ } from './solveGeneralisedQ.ts';
import { RSS, RSS2, SUMS_LENGTH, SW, SW2, SW3, weightedSums } from './weightedSums.ts';

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

/** DerSimonian & Laird (1986) method of moments: τ² = (Q − (k − 1)) / (Σw − Σw² / Σw), w = 1/v, truncated at 0. */
function dersimonianLaird(y: Float64Array, v: Float64Array): number {
  const k = y.length;
  let sw = 0;
  let sw2 = 0;
  let swy = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / v[i];
    sw += w;
    sw2 += w * w;
    swy += w * y[i];
  }
  const mu = swy / sw;
  let q = 0;
  for (let i = 0; i < k; i++) q += (y[i] - mu) * (y[i] - mu) / v[i];
  return Math.max(0, (q - (k - 1)) / (sw - sw2 / sw));
}

/** Hedges (1983) / Hunter–Schmidt-type unweighted moment estimator ("HE"): (Σ(y − ȳ)² − (k−1)/k Σv) / (k − 1). */
function hedges(y: Float64Array, v: Float64Array): number {
  const k = y.length;
  const { ss } = unweighted(y);
  let sv = 0;
  for (let i = 0; i < k; i++) sv += v[i];
  return (ss - sv * (k - 1) / k) / (k - 1);
}

/**
 * Sidik & Jonkman (2005, 2007) two-step estimator: τ₀² = Σ(y − ȳ)² / k, then
 * τ² = τ₀² · Σ wᵢ (yᵢ − μ̂_w)² / (k − 1) with wᵢ = 1 / (vᵢ + τ₀²) (metafor's method = "SJ").
 */
function sidikJonkman(y: Float64Array, v: Float64Array): number {
  const k = y.length;
  const tau0 = unweighted(y).ss / k;
  if (tau0 === 0) return 0;
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / (v[i] + tau0);
    sw += w;
    swy += w * y[i];
  }
  const mu = swy / sw;
  let rss = 0;
  for (let i = 0; i < k; i++) rss += (y[i] - mu) * (y[i] - mu) / (v[i] + tau0);
  return tau0 * rss / (k - 1);
}

/**
 * ℓ(0) − ℓ(τ²) for the restricted (REML) or full (ML) log-likelihood of the intercept-only model
 * (Viechtbauer 2005, eqs. 3–4), with Σ log(1 + τ²/vᵢ) as one sum of log1p so the difference keeps its digits.
 * The log pass is skipped when the bound log1p(x) ≤ x − x²/2 + x³/3 (x ≥ 0) already shows the difference < 0.
 */
function logLikGainAtZero(y: Float64Array, v: Float64Array, tau2: number, reml: boolean): number {
  const s0 = weightedSums(y, v, 0, new Float64Array(SUMS_LENGTH));
  const st = weightedSums(y, v, tau2, new Float64Array(SUMS_LENGTH));
  const det = reml ? 0.5 * (Math.log(s0[SW]) - Math.log(st[SW])) : 0;
  const rest = -0.5 * s0[RSS] + 0.5 * st[RSS] - det;
  const logBound = tau2 * s0[SW] - tau2 * tau2 / 2 * s0[SW2] + tau2 * tau2 * tau2 / 3 * s0[SW3];
  if (0.5 * logBound + rest < 0) return 0.5 * logBound + rest;
  const k = y.length;
  let slog = 0;
  for (let i = 0; i < k; i++) slog += Math.log1p(tau2 / v[i]);
  return 0.5 * slog + rest;
}

type Scoring = 'ML' | 'REML' | 'EB';

/** The Fisher-scoring step at τ² from the one-pass sums (Viechtbauer 2005, eqs. 7 and 9; Morris 1983). */
function scoringStep(s: Float64Array, method: Scoring, k: number): number {
  const sw = s[SW];
  const sw2 = s[SW2];
  if (method === 'ML') return (s[RSS2] - sw) / sw2;
  if (method === 'EB') return (s[RSS] * k / (k - 1) - k) / sw;
  const trP = sw - sw2 / sw;
  const trPP = sw2 - 2 * s[SW3] / sw + (sw2 * sw2) / (sw * sw);
  return (s[RSS2] - trP) / trPP;
}

/**
 * Fisher scoring for ML and REML (Viechtbauer 2005, eqs. 7 and 9) and the empirical Bayes estimator of Morris (1983)
 * (Berkey et al. 1995), with step halving to keep τ² ≥ 0, iterated to |Δτ²| < 1e-13. Once two iterates exist a
 * secant step on the scoring step (a root of the same estimating equation) is taken when it agrees in direction
 * and size with the scoring step, which turns linear into superlinear convergence without changing the root.
 * For ML/REML the likelihood at τ² = 0 is compared and the boundary returned when it is at least as high (as
 * metafor's ll0check).
 */
function fisherScoring(y: Float64Array, v: Float64Array, method: Scoring, init: number): number {
  const k = y.length;
  const s = new Float64Array(SUMS_LENGTH);
  let tau2 = init;
  let prevTau2 = Number.NaN;
  let prevAdj = Number.NaN;
  for (let iter = 0; iter < MAX_ITER; iter++) {
    weightedSums(y, v, tau2, s);
    let adj = scoringStep(s, method, k);
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
    if (tau2 <= 0 || logLikGainAtZero(y, v, tau2, reml) >= 0) return 0;
  }
  return Math.max(0, tau2);
}

/**
 * The between-study variance τ² of the intercept-only random-effects model by `method`, truncated at 0
 * (metafor's rma.uni definitions; Viechtbauer 2005, 2010). FE returns 0. Needs k ≥ 2 (k = 1 returns 0).
 */
export function estimateTau2(y: Float64Array, v: Float64Array, method: Method): number {
  const k = y.length;
  if (method === 'FE' || k < 2) return 0;
  switch (method) {
    case 'DL':
      return dersimonianLaird(y, v);
    case 'HE':
      return Math.max(0, hedges(y, v));
    case 'SJ':
      return Math.max(0, sidikJonkman(y, v));
    case 'PM':
      return solveGeneralisedQ(y, v, k - 1, upperSearch(y, v));
    case 'ML':
    case 'REML':
    case 'EB':
      return fisherScoring(y, v, method, Math.max(0, hedges(y, v)));
  }
}

/** An upper end for root searches: metafor's default tau2.max = 100, widened when the data need it. */
export function upperSearch(y: Float64Array, v: Float64Array): number {
  const { ss } = unweighted(y);
  let vmax = 0;
  for (let i = 0; i < v.length; i++) vmax = Math.max(vmax, v[i]);
  return Math.max(100, 10 * (ss + vmax));
}
