/**
 * Bayesian normal–normal random-effects model on the analysis (logit) scale: yᵢ ~ N(θᵢ, vᵢ), θᵢ ~ N(μ, τ²),
 * flat prior on μ, half-normal(S) prior on τ — computed exactly (no MCMC) by one-dimensional integration over τ,
 * as in Röver (2020, J Stat Softw 93(6), "bayesmeta"); half-normal τ priors and predictive distributions as in
 * Higgins, Thompson & Spiegelhalter (2009, J R Stat Soc A 172:137–159) and Friede et al. (2017, Stat Med 36:2335).
 *
 * Given τ, μ | τ, y ~ N(μ̂(τ), 1/Σwᵢ) with wᵢ = 1/(vᵢ + τ²), μ̂(τ) = Σwᵢyᵢ/Σwᵢ, and
 * p(τ | y) ∝ p(τ) · (Σwᵢ)^(−1/2) · Πᵢ(vᵢ + τ²)^(−1/2) · exp(−Q(τ)/2), Q(τ) = Σwᵢ(yᵢ − μ̂(τ))².
 * The marginal posteriors of μ and of a new study's θ are normal mixtures over p(τ | y).
 */
import { normalCdf } from './normal.ts';
import { gaussLegendre } from './gaussLegendre.ts';
import { PoolInputError } from './poolInputError.ts';
import type { Interval, Warning } from './types.ts';

export interface BayesStudy {
  readonly yi: number;
  readonly vi: number;
}

export interface BayesOptions {
  /** scale S of the half-normal prior on τ (logit scale); default 0.5 */
  readonly tauPriorScale?: number;
  /** credible level; default 0.95 */
  readonly level?: number;
  /** points of the τ-density grid returned for drawing; default 201 */
  readonly densityPoints?: number;
}

export interface PosteriorSummary {
  readonly median: number;
  readonly mean: number;
  /** equal-tailed credible interval */
  readonly ci: Interval;
}

export interface BayesResult {
  readonly k: number;
  readonly method: 'BAYES';
  readonly tauPriorScale: number;
  /** posterior median of μ (the point estimate reported) */
  readonly estimate: number;
  /** equal-tailed credible interval of μ */
  readonly ci: Interval;
  /** posterior predictive interval of a new study's θ */
  readonly pi: Interval;
  readonly mu: PosteriorSummary;
  readonly tau: PosteriorSummary;
  /** inverse-logit of μ's posterior median, credible and predictive intervals */
  readonly back: { readonly estimate: number; readonly ci: Interval; readonly pi: Interval };
  /** marginal posterior density of τ on an equally spaced grid from 0 to the integration limit */
  readonly tauDensity: { readonly tau: readonly number[]; readonly density: readonly number[] };
  readonly warnings: readonly Warning[];
}

/**
 * The half-normal scales the integration is accurate for: at 100 it matches R's 400 001-point trapezoid rule to
 * 3e-7 (scripts/reference/bayes.R, sets *_S100); at 1 000 the estimate is off by 3e-3 for k = 3, as the 3 200
 * nodes spread over [0, ~8·S]. Below 1e-6 τ is 0 in effect, and below ~1e-150 S² underflows.
 */
const MIN_SCALE = 1e-6;
const MAX_SCALE = 100;

/** Points per Gauss–Legendre panel and number of panels over [0, τ_max]. */
const GL_POINTS = 16;
const PANELS = 200;
/** The integration range ends where the density is below e^{−30} (< 1e-13) of its maximum. */
const LOG_CUTOFF = 30;

const ilogit = (x: number): number => 1 / (1 + Math.exp(-x));

interface Conditional {
  readonly logPost: number;
  /** μ̂(τ) */
  readonly mean: number;
  /** Var(μ | τ, y) = 1/Σw */
  readonly variance: number;
}

/** log p(τ | y) up to a constant and the conditional posterior of μ given τ (Röver 2020, §2). */
function conditional(data: readonly BayesStudy[], tau: number, scale: number): Conditional {
  const t2 = tau * tau;
  let sw = 0;
  let swy = 0;
  let logDet = 0;
  for (const s of data) {
    const w = 1 / (s.vi + t2);
    sw += w;
    swy += w * s.yi;
    logDet += Math.log(s.vi + t2);
  }
  const mean = swy / sw;
  let q = 0;
  for (const s of data) q += ((s.yi - mean) ** 2) / (s.vi + t2);
  return { logPost: -t2 / (2 * scale * scale) - 0.5 * Math.log(sw) - 0.5 * logDet - q / 2, mean, variance: 1 / sw };
}

/** Root of an increasing function f on [lo, hi] by bisection to 1e-12 (f(lo) ≤ 0 ≤ f(hi)). */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  for (let it = 0; it < 200 && b - a > 1e-12 * Math.max(1, Math.abs(a) + Math.abs(b)); it++) {
    const m = (a + b) / 2;
    if (f(m) < 0) a = m;
    else b = m;
  }
  return (a + b) / 2;
}

/**
 * Quantile of a normal mixture Σ πⱼ N(mⱼ, sⱼ²): Newton's method on its CDF (the derivative is the mixture density),
 * safeguarded by a bisection bracket; components with πⱼ < 1e-300 are skipped.
 */
function mixtureQuantile(p: number, prob: Float64Array, mean: Float64Array, sd: Float64Array): number {
  let lo = Infinity;
  let hi = -Infinity;
  let x = 0;
  for (let j = 0; j < prob.length; j++) {
    if (!(prob[j] > 1e-300)) continue;
    lo = Math.min(lo, mean[j] - 40 * sd[j]);
    hi = Math.max(hi, mean[j] + 40 * sd[j]);
    x += prob[j] * mean[j];
  }
  const invSqrt2Pi = 1 / Math.sqrt(2 * Math.PI);
  for (let it = 0; it < 200; it++) {
    let cdf = 0;
    let pdf = 0;
    for (let j = 0; j < prob.length; j++) {
      if (!(prob[j] > 1e-300)) continue;
      const z = (x - mean[j]) / sd[j];
      cdf += prob[j] * normalCdf(z);
      pdf += (prob[j] * invSqrt2Pi * Math.exp(-0.5 * z * z)) / sd[j];
    }
    const f = cdf - p;
    if (f < 0) lo = x;
    else hi = x;
    let next = pdf > 0 ? x - f / pdf : NaN;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    const scale = 1e-13 * Math.max(1, Math.abs(x));
    if (Math.abs(next - x) <= scale || hi - lo <= scale) return next;
    x = next;
  }
  return x;
}

/**
 * Posterior summaries of μ, τ and a new θ; throws RangeError on empty input or non-positive variances and
 * PoolInputError for a prior scale outside [1e-6, 100].
 */
export function bayes(data: readonly BayesStudy[], options: BayesOptions = {}): BayesResult {
  // --- checks
  const scale = options.tauPriorScale ?? 0.5;
  const level = options.level ?? 0.95;
  const densityPoints = options.densityPoints ?? 201;
  if (data.length === 0) throw new RangeError('bayes: no studies');
  if (!(scale >= MIN_SCALE && scale <= MAX_SCALE)) {
    throw new PoolInputError(`invalid tau prior scale: ${scale} (must be between 1e-6 and 100: the `
      + 'scale of the half-normal prior of τ on the logit scale; below 1e-6 the model is the common-effect model in '
      + 'effect, above 100 the prior is flat in effect and the integration over τ loses accuracy)');
  }
  for (const [i, s] of data.entries()) {
    if (!Number.isFinite(s.yi) || !(s.vi > 0) || !Number.isFinite(s.vi)) {
      throw new RangeError(`bayes: study ${i + 1}: invalid yi/vi: ${s.yi}/${s.vi}`);
    }
  }
  const k = data.length;
  const warnings: Warning[] = [];

  // --- integration range: scan τ from 0 in steps of S/40 until the density has fallen below e^{−30} of its max
  const step = scale / 40;
  let maxLog = conditional(data, 0, scale).logPost;
  let upper = 0;
  for (let j = 1; j < 1_000_000; j++) {
    const lp = conditional(data, j * step, scale).logPost;
    maxLog = Math.max(maxLog, lp);
    upper = j * step;
    if (lp < maxLog - LOG_CUTOFF) break;
  }

  // --- the posterior of τ on Gauss–Legendre nodes over PANELS equal panels of [0, upper]
  const gl = gaussLegendre(GL_POINTS);
  const width = upper / PANELS;
  const m = PANELS * GL_POINTS;
  const tauAt = new Float64Array(m);
  const prob = new Float64Array(m);
  const cMean = new Float64Array(m);
  const cSd = new Float64Array(m);
  const pSd = new Float64Array(m);
  const logs = new Float64Array(m);
  for (let p = 0; p < PANELS; p++) {
    for (let g = 0; g < GL_POINTS; g++) {
      const j = p * GL_POINTS + g;
      tauAt[j] = width * (p + (gl.nodes[g] + 1) / 2);
      const c = conditional(data, tauAt[j], scale);
      logs[j] = c.logPost;
      cMean[j] = c.mean;
      cSd[j] = Math.sqrt(c.variance);
      pSd[j] = Math.sqrt(c.variance + tauAt[j] * tauAt[j]);
    }
  }
  const top = Math.max(maxLog, ...logs);
  let total = 0;
  for (let j = 0; j < m; j++) {
    prob[j] = (width / 2) * gl.weights[j % GL_POINTS] * Math.exp(logs[j] - top);
    total += prob[j];
  }
  for (let j = 0; j < m; j++) prob[j] /= total;
  /** unnormalised density relative to its max, for partial panels */
  const density = (t: number): number => Math.exp(conditional(data, t, scale).logPost - top);

  // --- τ: mean, and quantiles from its CDF (whole panels + Gauss–Legendre over the partial one)
  const panelMass = new Float64Array(PANELS);
  for (let j = 0; j < m; j++) panelMass[Math.floor(j / GL_POINTS)] += prob[j];
  const tauCdf = (t: number): number => {
    const full = Math.min(PANELS, Math.floor(t / width));
    let s = 0;
    for (let p = 0; p < full; p++) s += panelMass[p];
    if (full < PANELS) {
      const a = full * width;
      const h = (t - a) / 2;
      for (let g = 0; g < GL_POINTS; g++) s += (h * gl.weights[g] * density(a + h * (gl.nodes[g] + 1))) / total;
    }
    return s;
  };
  const alpha = (1 - level) / 2;
  const tauQuantile = (p: number): number => bisect((t) => tauCdf(t) - p, 0, upper);
  let tauMean = 0;
  let muMean = 0;
  for (let j = 0; j < m; j++) {
    tauMean += prob[j] * tauAt[j];
    muMean += prob[j] * cMean[j];
  }
  const tau: PosteriorSummary = {
    median: tauQuantile(0.5),
    mean: tauMean,
    ci: [tauQuantile(alpha), tauQuantile(1 - alpha)],
  };

  // --- μ and a new study's θ: quantiles of normal mixtures
  const mu: PosteriorSummary = {
    median: mixtureQuantile(0.5, prob, cMean, cSd),
    mean: muMean,
    ci: [mixtureQuantile(alpha, prob, cMean, cSd), mixtureQuantile(1 - alpha, prob, cMean, cSd)],
  };
  const pi: Interval = [mixtureQuantile(alpha, prob, cMean, pSd), mixtureQuantile(1 - alpha, prob, cMean, pSd)];
  if (k < 3) {
    warnings.push({
      code: 'bayes_small_k',
      message: `Bayesian model with k = ${k}: the τ posterior is driven by its half-normal(${scale}) prior`,
    });
  }

  const summaries = [mu.median, ...mu.ci, ...pi, tau.median, ...tau.ci];
  if (!summaries.every(Number.isFinite)) {
    warnings.push({
      code: 'non_finite',
      message: 'the posterior summaries are not all finite numbers (shown as null): the integration over τ under- or '
        + 'overflowed with these data',
    });
  }

  // --- density of τ for drawing, normalised to integrate to 1
  const gridTau: number[] = [];
  const gridDensity: number[] = [];
  for (let i = 0; i < densityPoints; i++) {
    const t = (upper * i) / (densityPoints - 1);
    gridTau.push(t);
    gridDensity.push(density(t) / total);
  }

  // --- output
  return {
    k, method: 'BAYES', tauPriorScale: scale, estimate: mu.median, ci: mu.ci, pi, mu, tau,
    back: { estimate: ilogit(mu.median), ci: [ilogit(mu.ci[0]), ilogit(mu.ci[1])], pi: [ilogit(pi[0]), ilogit(pi[1])] },
    tauDensity: { tau: gridTau, density: gridDensity },
    warnings,
  };
}
