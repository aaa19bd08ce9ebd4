/**
 * The binomial-normal random-effects model for single proportions (a GLMM with logit link):
 * eventsᵢ ~ Bin(nᵢ, pᵢ), logit(pᵢ) = μ + uᵢ, uᵢ ~ N(0, τ²), fitted by maximum likelihood
 * (Stijnen, Hamza & Özdemir 2010, Stat Med 29:3046–3067; Hamza, van Houwelingen & Stijnen 2008, J Clin
 * Epidemiol 61:41–51). The integral over uᵢ is computed by adaptive Gauss–Hermite quadrature centred at each
 * study's conditional mode and scaled by its curvature (Liu & Pierce 1994, Biometrika 81:624–629; as lme4's
 * nAGQ > 1). Inference as metafor::rma.glmm: Wald z CI for μ from the observed information of (μ, τ) and
 * prediction interval μ ± z·√(SE² + τ²) (Viechtbauer 2010, J Stat Softw 36(3); metafor's predict.rma).
 */
import { normalQuantile } from './normal.ts';
import { proportionEffect } from './effectSizes.ts';
import { fit } from './fit.ts';
import { gaussHermite } from './gaussHermite.ts';
import { nelderMead } from './nelderMead.ts';
import type { Interval, Warning } from './types.ts';

export interface BinomialStudy {
  readonly events: number;
  readonly n: number;
}

export interface GlmmOptions {
  /** Gauss–Hermite nodes per study to start with (at least 15; doubled until results are stable); default 31 */
  readonly nodes?: number;
  /** confidence level of the CI and prediction interval; default 0.95 */
  readonly level?: number;
  /** first-round optimiser: Newton from τ = 0.5 and 2 (default), or Nelder–Mead from τ = 1; later rounds use Newton */
  readonly optimizer?: 'newton' | 'nelder-mead';
}

export interface GlmmResult {
  readonly k: number;
  readonly method: 'GLMM';
  readonly measure: 'PLO';
  /** μ̂ on the logit scale */
  readonly estimate: number;
  /** Wald SE of μ̂ from the observed information of (μ, τ) */
  readonly se: number;
  readonly ci: Interval;
  readonly tau2: number;
  /** null only for a REML fallback with k = 1 */
  readonly pi: Interval | null;
  /** inverse-logit of estimate, CI and PI */
  readonly back: { readonly estimate: number; readonly ci: Interval; readonly pi: Interval | null };
  /** maximised log-likelihood, including the binomial coefficients */
  readonly logLik: number;
  /** false: no ML estimate was found, and the values are those of `fallback` */
  readonly converged: boolean;
  /** 'REML': the GLMM did not converge, so estimate … back are REML on the logit scale (z test); else null */
  readonly fallback: 'REML' | null;
  readonly iterations: number;
  readonly warnings: readonly Warning[];
}

/** Largest |μ| or τ we accept as a finite maximum: beyond this the likelihood is still rising (no MLE). */
const PARAM_LIMIT = 30;
/** Smallest quadrature size we start from. */
const MIN_NODES = 15;
/** Largest quadrature size tried when doubling the nodes. */
const MAX_NODES = 1000;

interface Derivs {
  readonly ll: number;
  readonly g: [number, number];
  readonly h: [number, number, number];
}

const ilogit = (x: number): number => 1 / (1 + Math.exp(-x));

/** log(1 + eˣ) without overflow. */
function log1pexp(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** log C(n, y) as a sum of logs (exact for the integer counts of a study table). */
function logChoose(n: number, y: number): number {
  const m = Math.min(y, n - y);
  let s = 0;
  for (let j = 1; j <= m; j++) s += Math.log((n - m + j) / j);
  return s;
}

/**
 * One study's marginal log-likelihood log ∫ Bin(y | n, expit(μ + τz)) φ(z) dz (without log C(n, y)) and its
 * gradient and Hessian in (μ, τ), by adaptive Gauss–Hermite quadrature (Liu & Pierce 1994). Derivatives use
 * Louis' identity: ∇ log L = E[∇ℓ], ∇² log L = E[∇²ℓ + ∇ℓ∇ℓᵀ] − E[∇ℓ]E[∇ℓ]ᵀ over the quadrature posterior of z.
 */
function studyDerivs(y: number, n: number, mu: number, tau: number, nodes: number): Derivs {
  // conditional mode of g(z) = y·η − n·log(1 + e^η) − z²/2, η = μ + τz (strictly concave: g″ ≤ −1)
  const g = (z: number): number => y * (mu + tau * z) - n * log1pexp(mu + tau * z) - (z * z) / 2;
  let z = 0;
  let gz = g(z);
  for (let it = 0; it < 100; it++) {
    const p = ilogit(mu + tau * z);
    const d1 = tau * (y - n * p) - z;
    const d2 = -tau * tau * n * p * (1 - p) - 1;
    let step = -d1 / d2;
    let next = g(z + step);
    for (let half = 0; half < 60 && !(next >= gz); half++) {
      step /= 2;
      next = g(z + step);
    }
    if (!(next >= gz)) break;
    z += step;
    gz = next;
    if (Math.abs(step) < 1e-12 * Math.max(1, Math.abs(z))) break;
  }
  const pm = ilogit(mu + tau * z);
  const sigma = 1 / Math.sqrt(tau * tau * n * pm * (1 - pm) + 1);
  const q = gaussHermite(nodes);
  const scale = Math.SQRT2 * sigma;
  let sum = 0;
  let e1 = 0;
  let e2 = 0;
  let h11 = 0;
  let h12 = 0;
  let h22 = 0;
  for (let j = 0; j < q.nodes.length; j++) {
    const x = q.nodes[j];
    const zj = z + scale * x;
    const a = q.weights[j] * Math.exp(g(zj) - gz + x * x);
    if (a === 0 || !Number.isFinite(a)) continue;
    const p = ilogit(mu + tau * zj);
    const r = y - n * p;
    const info = n * p * (1 - p);
    sum += a;
    e1 += a * r;
    e2 += a * zj * r;
    h11 += a * (r * r - info);
    h12 += a * zj * (r * r - info);
    h22 += a * zj * zj * (r * r - info);
  }
  const s1 = e1 / sum;
  const s2 = e2 / sum;
  return {
    ll: -0.5 * Math.log(2 * Math.PI) + Math.log(scale) + gz + Math.log(sum),
    g: [s1, s2],
    h: [h11 / sum - s1 * s1, h12 / sum - s1 * s2, h22 / sum - s2 * s2],
  };
}

function totalDerivs(data: readonly BinomialStudy[], mu: number, tau: number, nodes: number): Derivs {
  let ll = 0;
  const g: [number, number] = [0, 0];
  const h: [number, number, number] = [0, 0, 0];
  for (const s of data) {
    const d = studyDerivs(s.events, s.n, mu, tau, nodes);
    ll += d.ll;
    g[0] += d.g[0];
    g[1] += d.g[1];
    h[0] += d.h[0];
    h[1] += d.h[1];
    h[2] += d.h[2];
  }
  return { ll, g, h };
}

interface Optimum {
  readonly mu: number;
  readonly tau: number;
  readonly d: Derivs;
  readonly iterations: number;
  readonly converged: boolean;
  /** ran past |μ| or |τ| = PARAM_LIMIT while the likelihood was still rising */
  readonly diverged: boolean;
}

/**
 * Newton's method with backtracking line search on log L(μ, τ), τ unrestricted in sign (L is even in τ, so
 * τ = 0 — the common-effect binomial model — is an interior point). Where the Hessian is not negative
 * definite the step uses H − λI (Levenberg-type shift; Nocedal & Wright 2006, §3.4). With `fixTau`, only μ moves.
 */
function newton(data: readonly BinomialStudy[], mu0: number, tau0: number, nodes: number, fixTau: boolean): Optimum {
  let mu = mu0;
  let tau = tau0;
  let d = totalDerivs(data, mu, tau, nodes);
  let flat = 0;
  for (let it = 1; it <= 200; it++) {
    let s1: number;
    let s2 = 0;
    if (fixTau) {
      s1 = d.h[0] < 0 ? -d.g[0] / d.h[0] : d.g[0];
    } else {
      const b = d.h[1];
      let [a, , c] = d.h;
      // shift until −H is positive definite
      const minEig = (a + c) / 2 - Math.sqrt(((a - c) / 2) ** 2 + b * b);
      const maxEig = (a + c) / 2 + Math.sqrt(((a - c) / 2) ** 2 + b * b);
      if (!(maxEig < 0)) {
        const lambda = maxEig + 1e-3 * Math.max(1, Math.abs(minEig));
        a -= lambda;
        c -= lambda;
      }
      const det = a * c - b * b;
      s1 = -(c * d.g[0] - b * d.g[1]) / det;
      s2 = -(-b * d.g[0] + a * d.g[1]) / det;
    }
    // cap the step so one move cannot leave the region where the model makes sense
    const len = Math.hypot(s1, s2);
    if (len > 5) {
      s1 *= 5 / len;
      s2 *= 5 / len;
    }
    let t = 1;
    let next = totalDerivs(data, mu + s1, tau + s2, nodes);
    while (!(next.ll >= d.ll - 1e-12 * Math.abs(d.ll)) && t > 1e-10) {
      t /= 2;
      next = totalDerivs(data, mu + t * s1, tau + t * s2, nodes);
    }
    if (!(next.ll >= d.ll - 1e-12 * Math.abs(d.ll))) {
      return { mu, tau, d, iterations: it, converged: false, diverged: false };
    }
    mu += t * s1;
    tau += t * s2;
    // count iterations that no longer raise log L (beyond rounding) — a stall when the gradient stays large
    flat = next.ll - d.ll <= 1e-12 * Math.max(1, Math.abs(d.ll)) ? flat + 1 : 0;
    d = next;
    if (Math.abs(mu) > PARAM_LIMIT || Math.abs(tau) > PARAM_LIMIT) {
      return { mu, tau, d, iterations: it, converged: false, diverged: true };
    }
    const grad = Math.hypot(d.g[0], fixTau ? 0 : d.g[1]);
    // no progress with a gradient that is not small: the quadrature is too coarse here (stalled)
    if ((flat >= 5 || Math.hypot(t * s1, t * s2) < 1e-12) && grad >= 1e-6) {
      return { mu, tau, d, iterations: it, converged: false, diverged: false };
    }
    if (Math.hypot(t * s1, t * s2) < 1e-10 && grad < 1e-6) {
      return { mu, tau, d, iterations: it, converged: true, diverged: false };
    }
    if (grad < 1e-10) return { mu, tau, d, iterations: it, converged: true, diverged: false };
  }
  return { mu, tau, d, iterations: 200, converged: false, diverged: false };
}

/** Nelder–Mead on −log L(μ, τ) from (μ₀, τ₀), as an Optimum (the derivative-free fallback). */
function simplex(data: readonly BinomialStudy[], mu0: number, tau0: number, nodes: number): Optimum {
  const nm = nelderMead(([mu, tau]) => -totalDerivs(data, mu, tau, nodes).ll, [mu0, tau0], { tol: 1e-12 });
  const [mu, tau] = nm.x;
  const diverged = Math.abs(mu) > PARAM_LIMIT || Math.abs(tau) > PARAM_LIMIT;
  const d = totalDerivs(data, mu, tau, nodes);
  return { mu, tau, d, iterations: nm.iterations, converged: nm.converged && !diverged, diverged };
}

/** The converged candidate with the largest log-likelihood, or null. */
function pickBest(candidates: readonly Optimum[]): Optimum | null {
  let best: Optimum | null = null;
  for (const c of candidates) {
    if (c.converged && (best === null || c.d.ll > best.d.ll + 1e-10)) best = c;
  }
  return best;
}

/**
 * Fits the binomial-normal model by ML. When no finite maximum exists (or none was found) the result says
 * `converged: false`, warns, and carries the REML fit on the logit scale instead (`fallback: 'REML'`).
 */
export function glmm(data: readonly BinomialStudy[], options: GlmmOptions = {}): GlmmResult {
  // --- checks
  const level = options.level ?? 0.95;
  if (data.length === 0) throw new RangeError('glmm: no studies');
  for (const [i, s] of data.entries()) {
    if (!Number.isInteger(s.events) || !Number.isInteger(s.n) || s.n < 1 || s.events < 0 || s.events > s.n) {
      throw new RangeError(`glmm: study ${i + 1}: invalid events/n: ${s.events}/${s.n}`);
    }
  }
  const k = data.length;
  const warnings: Warning[] = [];
  const totalEvents = data.reduce((a, s) => a + s.events, 0);
  const totalN = data.reduce((a, s) => a + s.n, 0);

  // --- estimation: the common-effect fit (τ = 0), then Newton from two positive τ starts. Then double the nodes
  // (q → 2q + 1) and refit from the leading optimum until μ̂, τ̂ and the log-likelihood change by less than 1e-8
  // (relative) — so the quadrature, not its size, decides the answer. A start that stalls clearly above every
  // converged one (the q-node approximation is too coarse there, e.g. τ ≈ 6 with 0-event studies) leads the
  // next, finer round; one that runs off to |μ| or |τ| > 30 above every converged one means no finite maximum.
  const mu0 = Math.log((totalEvents + 0.5) / (totalN - totalEvents + 0.5));
  // fewer than 15 nodes can make the approximate likelihood rise spuriously at large τ (0-event studies)
  let nodes = Math.max(MIN_NODES, options.nodes ?? 31);
  const fe = newton(data, mu0, 0, nodes, true);
  let candidates = options.optimizer === 'nelder-mead'
    ? [fe, simplex(data, fe.mu, 1, nodes)]
    : [fe, newton(data, fe.mu, 0.5, nodes, false), newton(data, fe.mu, 2, nodes, false)];
  let iterations = 0;
  let best: Optimum | null;
  let lead: Optimum | null;
  let noMaximum = false;
  let prev: Optimum | null = null;
  let stable = false;
  const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(1, Math.abs(y));
  for (;;) {
    iterations += candidates.reduce((a, c) => a + c.iterations, 0);
    const converged = pickBest(candidates);
    const top = candidates.reduce((a, c) => (c.d.ll > a.d.ll ? c : a));
    const convergedLl = converged?.d.ll ?? -Infinity;
    if (top.diverged && top.d.ll > convergedLl) {
      best = null;
      lead = null;
      noMaximum = true;
      break;
    }
    lead = !top.converged && top.d.ll > convergedLl + 1e-6 ? top : converged;
    best = lead === converged ? converged : null;
    if (lead === null) break;
    if (best !== null && prev !== null) {
      stable = rel(best.mu, prev.mu) < 1e-8 && rel(Math.abs(best.tau), Math.abs(prev.tau)) < 1e-8
        && rel(best.d.ll, prev.d.ll) < 1e-10;
    }
    if (stable || nodes >= MAX_NODES) break;
    prev = best;
    nodes = 2 * nodes + 1;
    candidates = [newton(data, lead.mu, lead.tau, nodes, false), newton(data, lead.mu, 0, nodes, true)];
  }
  // Newton still stalled at the finest quadrature: Nelder–Mead from the leading point, then a Newton polish
  if (best === null && !noMaximum && lead !== null) {
    const nm = simplex(data, lead.mu, lead.tau, nodes);
    const polish = newton(data, nm.mu, nm.tau, nodes, false);
    iterations += nm.iterations + polish.iterations;
    best = polish.converged ? polish : nm.converged && !nm.diverged ? nm : null;
    if (best !== null) {
      warnings.push({ code: 'glmm_nelder_mead', message: 'GLMM: Newton\'s method stalled; maximised by Nelder–Mead' });
    }
  }
  if (best === null || totalEvents === 0 || totalEvents === totalN) {
    warnings.push({
      code: 'glmm_not_converged',
      message: totalEvents === 0 || totalEvents === totalN
        ? `GLMM: no maximum-likelihood estimate exists (${totalEvents === 0 ? 'no events' : 'only events'} in every study)`
        : 'GLMM: the likelihood maximisation did not converge (no finite maximum found)',
    });
    warnings.push({
      code: 'glmm_fallback_reml',
      message: 'GLMM did not converge: the values shown are REML on the logit scale (0.5 added to 0/n-event studies)',
    });
    // fallback: the inverse-variance random-effects model on PLO, REML τ², Wald z (as the GLMM's inference)
    const f = fit(data.map((s, i) => proportionEffect(`${i + 1}`, s.events, s.n, 'PLO')),
      { measure: 'PLO', method: 'REML', test: 'z' });
    return {
      k, method: 'GLMM', measure: 'PLO', estimate: f.estimate, se: f.se, ci: f.ci, tau2: f.tau2, pi: f.pi,
      back: f.back, logLik: NaN, converged: false, fallback: 'REML', iterations,
      warnings: [...warnings, ...f.warnings],
    };
  }
  if (!stable) {
    warnings.push({ code: 'glmm_quadrature', message: `GLMM: results still changed at ${nodes} quadrature nodes` });
  }
  // --- inference: τ̂ = |τ|; the μ-block of the inverse observed information (invariant to τ vs τ² at an
  // interior maximum). At τ̂ = 0 the cross term vanishes and this is the common-effect binomial SE.
  let tau = Math.abs(best.tau);
  let d = best.d;
  if (tau < 1e-7) {
    tau = 0;
    d = totalDerivs(data, best.mu, 0, nodes);
    warnings.push({ code: 'glmm_tau2_zero', message: 'GLMM: τ² estimated on the boundary 0 (common-effect binomial model)' });
  }
  const mu = best.mu;
  const [a, b, c] = d.h;
  const varMu = tau === 0 ? -1 / a : -c / (a * c - b * b);
  const se = Math.sqrt(varMu);
  const z = normalQuantile(1 - (1 - level) / 2);
  const ci: Interval = [mu - z * se, mu + z * se];
  const tau2 = tau * tau;
  const piHalf = z * Math.sqrt(varMu + tau2);
  const pi: Interval = [mu - piHalf, mu + piHalf];
  const logLik = d.ll + data.reduce((s, x) => s + logChoose(x.n, x.events), 0);

  // --- output
  return {
    k, method: 'GLMM', measure: 'PLO', estimate: mu, se, ci, tau2, pi,
    back: { estimate: ilogit(mu), ci: [ilogit(ci[0]), ilogit(ci[1])], pi: [ilogit(pi[0]), ilogit(pi[1])] },
    logLik, converged: true, fallback: null, iterations, warnings,
  };
}
