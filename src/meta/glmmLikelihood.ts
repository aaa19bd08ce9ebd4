/**
 * The marginal log-likelihood of the binomial-normal model, Σᵢ log ∫ Bin(yᵢ | nᵢ, expit(μ + τz)) φ(z) dz (without
 * the binomial coefficients), with its gradient and Hessian in (μ, τ), by adaptive Gauss–Hermite quadrature centred
 * at each study's conditional mode and scaled by its curvature (Liu & Pierce 1994, Biometrika 81:624–629).
 * Derivatives by Louis' identity: ∇ log L = E[∇ℓ], ∇² log L = E[∇²ℓ + ∇ℓ∇ℓᵀ] − E[∇ℓ]E[∇ℓ]ᵀ over the quadrature
 * posterior of z (Louis 1982, JRSS B 44:226–233). Studies with the same counts are one group, evaluated once;
 * each group has its own rule size, and its conditional mode is warm-started from the previous evaluation.
 */
import { gaussHermite } from './gaussHermite.ts';

export interface Derivs {
  readonly ll: number;
  readonly g: readonly [number, number];
  /** (∂²/∂μ², ∂²/∂μ∂τ, ∂²/∂τ²) */
  readonly h: readonly [number, number, number];
}

/** Per-group parts of one evaluation: log-likelihood and gradient (μ, τ) of group i (all its studies) at [i], [i + groups]. */
export interface StudyParts {
  readonly ll: Float64Array;
  readonly g: Float64Array;
}

export interface GlmmLikelihood {
  /** number of distinct (events, n) pairs */
  readonly groups: number;
  /** The log-likelihood and its derivatives at (μ, τ) with rule sizes[i] for group i; `parts` receives per-group values. */
  evaluate(mu: number, tau: number, sizes: ArrayLike<number>, parts?: StudyParts): Derivs;
}

/** Gauss–Hermite nodes with log(wⱼ) + xⱼ² (the weight of e^{−x²} folded into the integrand's exponent). */
interface Rule {
  readonly x: Float64Array;
  readonly c: Float64Array;
}

const rules = new Map<number, Rule>();

function rule(size: number): Rule {
  const hit = rules.get(size);
  if (hit) return hit;
  const q = gaussHermite(size);
  const r: Rule = {
    x: Float64Array.from(q.nodes),
    c: Float64Array.from(q.nodes, (x, j) => Math.log(q.weights[j]) + x * x),
  };
  rules.set(size, r);
  return r;
}

const HALF_LOG_PI = 0.5 * Math.log(Math.PI);

/** The likelihood of `data` (events yᵢ of nᵢ), ready to be evaluated at any (μ, τ). */
export function glmmLikelihood(data: readonly { readonly events: number; readonly n: number }[]): GlmmLikelihood {
  const counts = new Map<string, { y: number; n: number; m: number }>();
  for (const s of data) {
    const key = `${s.events}/${s.n}`;
    const g = counts.get(key);
    if (g) g.m++;
    else counts.set(key, { y: s.events, n: s.n, m: 1 });
  }
  const list = [...counts.values()];
  const k = list.length;
  const ys = Float64Array.from(list, (g) => g.y);
  const ns = Float64Array.from(list, (g) => g.n);
  const ms = Float64Array.from(list, (g) => g.m);
  // the last conditional mode of each study on the linear-predictor scale η = μ + τz (warm start); NaN: none yet
  const modes = new Float64Array(k).fill(Number.NaN);

  function evaluate(mu: number, tau: number, sizes: ArrayLike<number>, parts?: StudyParts): Derivs {
    let ll = 0;
    let g1 = 0;
    let g2 = 0;
    let h11 = 0;
    let h12 = 0;
    let h22 = 0;
    const t2 = tau * tau;
    for (let i = 0; i < k; i++) {
      const y = ys[i];
      const n = ns[i];
      // --- conditional mode: F(η) = τ²(y − n·expit η) − (η − μ) = 0, F strictly decreasing, root in [lo, hi]
      let lo = mu + t2 * (y - n);
      let hi = mu + t2 * y;
      let eta = modes[i];
      if (!(eta > lo && eta < hi)) eta = Math.min(Math.max(mu, lo), hi);
      for (let it = 0; it < 200; it++) {
        const e = Math.exp(-Math.abs(eta));
        const p = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
        const f = t2 * (y - n * p) - (eta - mu);
        const step = f / (t2 * n * p * (1 - p) + 1);
        // Newton converges quadratically: after a step this small the mode is exact to rounding
        if (Math.abs(step) <= 1e-12 * Math.max(1, Math.abs(eta))) {
          eta += step;
          break;
        }
        if (f > 0) lo = eta;
        else hi = eta;
        const next = eta + step;
        eta = next > lo && next < hi ? next : 0.5 * (lo + hi);
      }
      modes[i] = eta;
      const em = Math.exp(-Math.abs(eta));
      const p = eta >= 0 ? 1 / (1 + em) : em / (1 + em);
      // z at the mode from the mode equation z = τ(y − n·p) (well conditioned as τ → 0)
      const zm = tau * (y - n * p);
      const lm = Math.max(eta, 0) + Math.log1p(em);
      const gm = y * eta - n * lm - 0.5 * zm * zm;
      const scale = Math.SQRT2 / Math.sqrt(t2 * n * p * (1 - p) + 1);
      const r = rule(sizes[i]);
      const xs = r.x;
      const cs = r.c;
      let sum = 0;
      let e1 = 0;
      let e2 = 0;
      let a11 = 0;
      let a12 = 0;
      let a22 = 0;
      const m = xs.length;
      const eh = Math.exp(eta);
      for (let j = 0; j < m - 1 - j; j++) {
        // the symmetric pair ±x: e^{η} = e^{η̂ ± τ·scale·x} from one exponential
        const x = xs[m - 1 - j];
        const dz = scale * x;
        const dEta = tau * dz;
        const direct = !(Math.abs(eta) + Math.abs(dEta) < 700);
        const big = direct ? 0 : Math.exp(dEta);
        for (let side = 0; side < 2; side++) {
          const zj = side === 0 ? zm - dz : zm + dz;
          const ej = side === 0 ? eta - dEta : eta + dEta;
          // u = e^{ηⱼ}, p = u/(1 + u), 1 − p = 1/(1 + u), log(1 + e^{ηⱼ})
          let pj: number;
          let qj: number;
          let lj: number;
          if (direct) {
            const ex = Math.exp(-Math.abs(ej));
            pj = ej >= 0 ? 1 / (1 + ex) : ex / (1 + ex);
            qj = ej >= 0 ? ex / (1 + ex) : 1 / (1 + ex);
            lj = Math.max(ej, 0) + Math.log1p(ex);
          } else {
            const u = side === 0 ? eh / big : eh * big;
            qj = 1 / (1 + u);
            pj = u * qj;
            lj = Math.log1p(u);
          }
          const a = Math.exp(cs[j] + y * ej - n * lj - 0.5 * zj * zj - gm);
          if (!(a > 0 && a < Infinity)) continue;
          const rj = y * qj - (n - y) * pj;
          const sj = rj * rj - n * pj * qj;
          sum += a;
          e1 += a * rj;
          e2 += a * zj * rj;
          a11 += a * sj;
          a12 += a * zj * sj;
          a22 += a * zj * zj * sj;
        }
      }
      if (m % 2 === 1) {
        // the middle node x = 0: the mode itself
        const a = Math.exp(cs[(m - 1) / 2]);
        const q0 = eta >= 0 ? em / (1 + em) : 1 / (1 + em);
        const rj = y * q0 - (n - y) * p;
        const sj = rj * rj - n * p * q0;
        sum += a;
        e1 += a * rj;
        e2 += a * zm * rj;
        a11 += a * sj;
        a12 += a * zm * sj;
        a22 += a * zm * zm * sj;
      }
      const s1 = e1 / sum;
      const s2 = e2 / sum;
      // log ∫ = log(scale) + ĝ + log Σ a − ½ log π (the φ normaliser 1/√(2π) with dz = scale·dx), m studies alike
      const mi = ms[i];
      const li = mi * (Math.log(scale) + gm + Math.log(sum) - HALF_LOG_PI - 0.5 * Math.LN2);
      ll += li;
      g1 += mi * s1;
      g2 += mi * s2;
      h11 += mi * (a11 / sum - s1 * s1);
      h12 += mi * (a12 / sum - s1 * s2);
      h22 += mi * (a22 / sum - s2 * s2);
      if (parts) {
        parts.ll[i] = li;
        parts.g[i] = mi * s1;
        parts.g[i + k] = mi * s2;
      }
    }
    return { ll, g: [g1, g2], h: [h11, h12, h22] };
  }

  return { groups: k, evaluate };
}
