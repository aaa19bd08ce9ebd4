import type { Method } from './types.ts';
import { solveGeneralisedQ } from './solveGeneralisedQ.ts';

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

/** Restricted (REML) or full (ML) log-likelihood of the intercept-only model at τ² (Viechtbauer 2005, eqs. 3–4). */
function logLik(y: Float64Array, v: Float64Array, tau2: number, reml: boolean): number {
  const k = y.length;
  let sw = 0;
  let swy = 0;
  let slog = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / (v[i] + tau2);
    sw += w;
    swy += w * y[i];
    slog += Math.log(v[i] + tau2);
  }
  const mu = swy / sw;
  let rss = 0;
  for (let i = 0; i < k; i++) rss += (y[i] - mu) * (y[i] - mu) / (v[i] + tau2);
  return -0.5 * slog - 0.5 * rss - (reml ? 0.5 * Math.log(sw) : 0);
}

type Scoring = 'ML' | 'REML' | 'EB';

/**
 * Fisher scoring for ML and REML (Viechtbauer 2005, eqs. 7 and 9) and the empirical Bayes estimator of Morris (1983)
 * (Berkey et al. 1995), with step halving to keep τ² ≥ 0, iterated to |Δτ²| < 1e-13. For ML/REML the result is
 * compared with the likelihood at τ² = 0 and the boundary is returned when it is higher (as metafor's ll0check).
 */
function fisherScoring(y: Float64Array, v: Float64Array, method: Scoring, init: number): number {
  const k = y.length;
  let tau2 = init;
  for (let iter = 0; iter < MAX_ITER; iter++) {
    let sw = 0;
    let sw2 = 0;
    let sw3 = 0;
    let swy = 0;
    for (let i = 0; i < k; i++) {
      const w = 1 / (v[i] + tau2);
      sw += w;
      sw2 += w * w;
      sw3 += w * w * w;
      swy += w * y[i];
    }
    const mu = swy / sw;
    let rss = 0;
    let rss2 = 0;
    for (let i = 0; i < k; i++) {
      const w = 1 / (v[i] + tau2);
      const e = y[i] - mu;
      rss += w * e * e;
      rss2 += w * w * e * e;
    }
    let adj: number;
    if (method === 'ML') {
      adj = (rss2 - sw) / sw2;
    } else if (method === 'REML') {
      const trP = sw - sw2 / sw;
      const trPP = sw2 - 2 * sw3 / sw + (sw2 * sw2) / (sw * sw);
      adj = (rss2 - trP) / trPP;
    } else {
      adj = (rss * k / (k - 1) - k) / sw;
    }
    if (!Number.isFinite(adj)) adj = 0;
    while (tau2 + adj < 0) adj /= 2;
    const next = tau2 + adj;
    const change = Math.abs(next - tau2);
    tau2 = next;
    if (change < THRESHOLD) break;
  }
  if (method !== 'EB') {
    const reml = method === 'REML';
    if (logLik(y, v, 0, reml) >= logLik(y, v, tau2, reml)) return 0;
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
