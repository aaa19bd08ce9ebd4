/**
 * The binomial-normal random-effects model for single proportions (a GLMM with logit link):
 * eventsᵢ ~ Bin(nᵢ, pᵢ), logit(pᵢ) = μ + uᵢ, uᵢ ~ N(0, τ²), fitted by maximum likelihood
 * (Stijnen, Hamza & Özdemir 2010, Stat Med 29:3046–3067; Hamza, van Houwelingen & Stijnen 2008, J Clin
 * Epidemiol 61:41–51). The integral over uᵢ is computed by adaptive Gauss–Hermite quadrature centred at each
 * study's conditional mode and scaled by its curvature (Liu & Pierce 1994, Biometrika 81:624–629; as lme4's
 * nAGQ > 1), with each study's number of nodes chosen from an error estimate (glmmQuadrature.ts). Inference as metafor::rma.glmm: Wald z CI for μ from the observed information of (μ, τ) and
 * prediction interval μ ± z·√(SE² + τ²) (Viechtbauer 2010, J Stat Softw 36(3); metafor's predict.rma).
 */
import { normalQuantile } from './normal.ts';
import { proportionEffect } from './effectSizes.ts';
import { fit } from './fit.ts';
import { glmmLikelihood, type Derivs } from './glmmLikelihood.ts';
import { MAX_NODES, quadratureSizes } from './glmmQuadrature.ts';
import { nelderMead } from './nelderMead.ts';
import type { Interval, Warning } from './types.ts';

export interface BinomialStudy {
  readonly events: number;
  readonly n: number;
}

export interface GlmmOptions {
  /** Gauss–Hermite nodes per study to start with (at least 15; then raised per study from an error estimate); default 21 */
  readonly nodes?: number;
  /** confidence level of the CI and prediction interval; default 0.95 */
  readonly level?: number;
  /**
   * first-round optimiser: Newton from a moment estimate, and from τ = 0.5 and 2 if that fails (default), or
   * Nelder–Mead from τ = 1; later rounds use Newton
   */
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
/** Smallest quadrature size we start from: fewer nodes can make the likelihood rise spuriously at large τ. */
const MIN_NODES = 15;
/** Default starting size: about the size the error estimate settles on at τ ≈ 1. */
const DEFAULT_NODES = 21;
/** Quadrature size of the rough first optimisation, and the largest τ at which its optimum is used as a start. */
const ROUGH_NODES = 7;
const ROUGH_TAU_LIMIT = 3;

const ilogit = (x: number): number => 1 / (1 + Math.exp(-x));

/** log C(n, y) as a sum of logs (exact for the integer counts of a study table). */
function logChoose(n: number, y: number): number {
  const m = Math.min(y, n - y);
  let s = 0;
  for (let j = 1; j <= m; j++) s += Math.log((n - m + j) / j);
  return s;
}

type Evaluate = (mu: number, tau: number) => Derivs;

interface Optimum {
  readonly mu: number;
  readonly tau: number;
  readonly d: Derivs;
  readonly iterations: number;
  readonly converged: boolean;
  /** ran past |μ| or |τ| = PARAM_LIMIT while the likelihood was still rising */
  readonly diverged: boolean;
}

type Resize = (mu: number, tau: number) => boolean;

/**
 * Newton's method with backtracking line search on log L(μ, τ), τ unrestricted in sign (L is even in τ, so
 * τ = 0 — the common-effect binomial model — is an interior point). Where the Hessian is not negative
 * definite the step uses H − λI (Levenberg-type shift; Nocedal & Wright 2006, §3.4). With `rough` > 0 it stops
 * as soon as a Newton step is shorter than that and returns the stepped point unevaluated (`d` is of the point
 * before): a start for a finer quadrature, on which the derivatives of a coarse one are not worth a line search.
 * `resize(μ, τ)` may change the quadrature at the start of an iteration (true: it did).
 */
function newton(at: Evaluate, mu0: number, tau0: number, rough = 0, resize?: Resize): Optimum {
  let mu = mu0;
  let tau = tau0;
  let d = at(mu, tau);
  let flat = 0;
  // a rough run is a cheap start: few iterations, a short line search
  const maxIter = rough > 0 ? 20 : 200;
  const minT = rough > 0 ? 1 / 32 : 1e-10;
  for (let it = 1; it <= maxIter; it++) {
    if (resize?.(mu, tau)) {
      d = at(mu, tau);
      flat = 0;
    }
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
    let s1 = -(c * d.g[0] - b * d.g[1]) / det;
    let s2 = -(-b * d.g[0] + a * d.g[1]) / det;
    if (Math.hypot(s1, s2) < rough) {
      return { mu: mu + s1, tau: tau + s2, d, iterations: it, converged: true, diverged: false };
    }
    // cap the step so one move cannot leave the region where the model makes sense
    const len = Math.hypot(s1, s2);
    if (len > 5) {
      s1 *= 5 / len;
      s2 *= 5 / len;
    }
    let t = 1;
    let next = at(mu + s1, tau + s2);
    while (!(next.ll >= d.ll - 1e-12 * Math.abs(d.ll)) && t > minT) {
      t /= 2;
      next = at(mu + t * s1, tau + t * s2);
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
    const grad = Math.hypot(d.g[0], d.g[1]);
    // no progress with a gradient that is not small: the quadrature is too coarse here (stalled)
    if ((flat >= 5 || Math.hypot(t * s1, t * s2) < 1e-12) && grad >= 1e-6) {
      return { mu, tau, d, iterations: it, converged: false, diverged: false };
    }
    if (Math.hypot(t * s1, t * s2) < 1e-10 && grad < 1e-6) {
      return { mu, tau, d, iterations: it, converged: true, diverged: false };
    }
    if (grad < 1e-10) return { mu, tau, d, iterations: it, converged: true, diverged: false };
  }
  return { mu, tau, d, iterations: maxIter, converged: false, diverged: false };
}

/** Nelder–Mead on −log L(μ, τ) from (μ₀, τ₀), as an Optimum (the derivative-free fallback). */
function simplex(at: Evaluate, mu0: number, tau0: number): Optimum {
  const nm = nelderMead(([mu, tau]) => -at(mu, tau).ll, [mu0, tau0], { tol: 1e-12 });
  const [mu, tau] = nm.x;
  const diverged = Math.abs(mu) > PARAM_LIMIT || Math.abs(tau) > PARAM_LIMIT;
  const d = at(mu, tau);
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
 * A start for Newton's method: the DerSimonian–Laird random-effects fit of the empirical logits
 * log((yᵢ + ½) / (nᵢ − yᵢ + ½)) with variances 1/(yᵢ + ½) + 1/(nᵢ − yᵢ + ½) (DerSimonian & Laird 1986), τ at least 0.1
 * (τ = 0 is a stationary point of log L, where Newton could not leave it).
 */
function momentStart(data: readonly BinomialStudy[]): [number, number] {
  let sw = 0;
  let swy = 0;
  let sw2 = 0;
  let swyy = 0;
  for (const s of data) {
    const a = s.events + 0.5;
    const b = s.n - s.events + 0.5;
    const y = Math.log(a / b);
    const w = 1 / (1 / a + 1 / b);
    sw += w;
    swy += w * y;
    sw2 += w * w;
    swyy += w * y * y;
  }
  const q = swyy - (swy * swy) / sw;
  const tau2 = data.length > 1 ? Math.max(0, (q - (data.length - 1)) / (sw - sw2 / sw)) : 0;
  let sv = 0;
  let svy = 0;
  for (const s of data) {
    const a = s.events + 0.5;
    const b = s.n - s.events + 0.5;
    const v = 1 / (1 / a + 1 / b + tau2);
    sv += v;
    svy += v * Math.log(a / b);
  }
  return [svy / sv, Math.max(0.1, Math.sqrt(tau2))];
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

  // --- estimation. τ = 0 (the common-effect binomial model) has the closed form μ̂ = logit(Σy / Σn) and an exact
  // quadrature. Newton's method starts from a rough optimum on a 7-node rule (itself from a moment estimate), and
  // from τ = 0.5 and 2 as well only when that start does not converge. Each study's quadrature size comes from an
  // error estimate (glmmQuadrature.ts), made at the start, again whenever Newton's method has gone far from where
  // it was last made, and at an optimum more than 1e-3 away from that, until the estimated error of μ̂ and τ̂ is
  // below 1e-10 (relative) and that of the log-likelihood below 1e-10 · |ℓ| — so the quadrature, not its size,
  // decides the answer (the result is the optimum on the sizes chosen, not refined further). A start that stalls
  // clearly above every converged one (too coarse a quadrature there, e.g. τ ≈ 6 with 0-event studies) leads the
  // next round with every rule one size larger; one that runs off to |μ| or |τ| > 30 above every converged one
  // means no finite maximum.
  const lik = glmmLikelihood(data);
  const q = quadratureSizes(lik, Math.min(MAX_NODES, Math.max(MIN_NODES, Math.round(options.nodes ?? DEFAULT_NODES))));
  const at: Evaluate = q.at;
  const someEvents = totalEvents > 0 && totalEvents < totalN;
  const feMu = someEvents ? Math.log(totalEvents / (totalN - totalEvents)) : 0;
  // at τ = 0 the integrand is constant in z: three nodes integrate it (and z²) exactly
  const feD = lik.evaluate(feMu, 0, new Float64Array(lik.groups).fill(3));
  const fe: Optimum = { mu: feMu, tau: 0, d: feD, iterations: 0, converged: someEvents, diverged: !someEvents };
  let candidates: Optimum[] = [fe];
  /** where the error estimate was last made with the current sizes */
  let checked: { mu: number; tau: number; ok: boolean } | null = null;
  let stable = false;
  // a new error estimate once Newton's method has gone far from the last (τ by a quarter, μ by a half)
  const resize = (mu: number, tau: number): boolean => {
    if (checked !== null && Math.abs(tau - checked.tau) <= 0.25 * Math.max(1, Math.abs(checked.tau))
      && Math.abs(mu - checked.mu) <= 0.5 * Math.max(1, Math.abs(checked.mu))) return false;
    const { ok, changed } = q.settle(mu, tau);
    checked = { mu, tau, ok };
    return changed;
  };
  if (someEvents) {
    if (options.optimizer === 'nelder-mead') {
      candidates.push(simplex(at, fe.mu, 1));
    } else {
      // a rough optimum (quadrature error ~1e-5 at moderate τ) starts the working rules near their own; one that
      // fails or heads for a large τ (where 7 nodes are poor) is not used
      let [mu0, tau0] = momentStart(data);
      const working = q.sizes[0];
      q.fill(ROUGH_NODES);
      const rough = newton(at, mu0, tau0, 1e-3);
      q.fill(working);
      if (rough.converged && Math.abs(rough.tau) < ROUGH_TAU_LIMIT) [mu0, tau0] = [rough.mu, rough.tau];
      checked = { mu: mu0, tau: tau0, ok: q.settle(mu0, tau0).ok };
      const first = newton(at, mu0, tau0, 0, resize);
      candidates.push({ ...first, iterations: first.iterations + rough.iterations });
      if (!first.converged) candidates.push(newton(at, fe.mu, 0.5, 0, resize), newton(at, fe.mu, 2, 0, resize));
    }
  }
  let iterations = 0;
  let best: Optimum | null = null;
  let lead: Optimum | null = null;
  let noMaximum = false;
  while (someEvents) {
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
    if (best !== null) {
      // τ = 0 is integrated exactly by any rule; near the last error estimate, the sizes it chose stand
      const near = (c: { mu: number; tau: number }, o: Optimum) =>
        Math.abs(c.mu - o.mu) <= 1e-3 * Math.max(1, Math.abs(o.mu))
        && Math.abs(c.tau - o.tau) <= 1e-3 * Math.max(1, Math.abs(o.tau));
      if (best.tau === 0 || (checked !== null && near(checked, best))) {
        stable = best.tau === 0 || checked!.ok;
        break;
      }
      const { ok, changed } = q.settle(best.mu, best.tau);
      checked = { mu: best.mu, tau: best.tau, ok };
      if (!changed) {
        stable = ok;
        break;
      }
    } else {
      // a stalled lead: every rule one size larger
      if (!q.raiseAll()) break;
      checked = null;
    }
    candidates = [fe, newton(at, lead.mu, lead.tau, 0, resize)];
  }
  // Newton still stalled at the finest quadrature: Nelder–Mead from the leading point, then a Newton polish
  if (best === null && !noMaximum && lead !== null) {
    const nm = simplex(at, lead.mu, lead.tau);
    const polish = newton(at, nm.mu, nm.tau, 0, resize);
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
    warnings.push({ code: 'glmm_quadrature', message: `GLMM: the estimated quadrature error is still above tolerance at ${q.largest()} nodes` });
  }
  // --- inference: τ̂ = |τ|; the μ-block of the inverse observed information (invariant to τ vs τ² at an
  // interior maximum). At τ̂ = 0 the cross term vanishes and this is the common-effect binomial SE.
  let tau = Math.abs(best.tau);
  let d = best.d;
  if (tau < 1e-7) {
    tau = 0;
    d = at(best.mu, 0);
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
