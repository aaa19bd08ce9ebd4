/**
 * Per-study Gauss–Hermite rule sizes for the GLMM likelihood, chosen from an error estimate rather than by doubling
 * every rule. The estimate compares each study's rule with the next larger one at a point and turns the
 * difference of its score into the change of (μ̂, τ̂) that a Newton step would make, −H⁻¹Δgᵢ (the first-order
 * change of the root of the score equation when the score changes by Δgᵢ: the implicit function theorem).
 * Studies whose estimated errors matter get larger rules — by several steps at once when two estimates of the same
 * study give its rate of convergence (the error of Gauss–Hermite quadrature falls geometrically in the size for an
 * analytic integrand; Davis & Rabinowitz 1984, Methods of Numerical Integration, §4.6). "Study" here means a group
 * of studies with the same counts (glmmLikelihood.ts).
 */
import type { Derivs, GlmmLikelihood, StudyParts } from './glmmLikelihood.ts';

/** Rule sizes a study can be raised through (about ×√2 each step). */
const LADDER = [7, 9, 15, 21, 31, 45, 63, 91, 127, 181, 255, 361, 511, 723, 1023] as const;
/** Largest rule size. */
export const MAX_NODES = 1023;
/** Accepted quadrature error: of μ̂ and τ̂ relative to max(1, |·|), and of the log-likelihood relative to max(1, |ℓ|). */
export const TOL_PARAM = 1e-10;
export const TOL_LL = 1e-10;

/** The next rule size after q (a ladder step, or 2q + 1 above a size the ladder skips), capped at MAX_NODES. */
export function nextSize(q: number): number {
  return Math.min(MAX_NODES, LADDER.find((s) => s > q) ?? 2 * q + 1);
}

export interface QuadratureSizes {
  /** the current size of each study's rule */
  readonly sizes: Float64Array;
  /** log L and its derivatives at the current sizes (the latest evaluation is remembered) */
  at(mu: number, tau: number): Derivs;
  /** every study's rule set to q */
  fill(q: number): void;
  /** every rule one size larger; false when all are at the largest size */
  raiseAll(): boolean;
  /**
   * Raises rules until the estimated quadrature error at (μ, τ) is within tolerance. `ok`: it is (false only
   * when no rule can grow); `changed`: some rule grew.
   */
  settle(mu: number, tau: number): { readonly ok: boolean; readonly changed: boolean };
  /** the largest current size */
  largest(): number;
}

function parts(k: number): StudyParts {
  return { ll: new Float64Array(k), g: new Float64Array(2 * k) };
}

/** Sizes for the groups of studies of `lik` (one per distinct count pair), all starting at `start`. */
export function quadratureSizes(lik: GlmmLikelihood, start: number): QuadratureSizes {
  const k = lik.groups;
  const sizes = new Float64Array(k).fill(start);
  const finer = new Float64Array(k);
  const coarseParts = parts(k);
  const fineParts = parts(k);
  // the last estimate of each study: its size then and its score (rate of convergence from two of them)
  const prevSize = new Float64Array(k);
  const prevScore = new Float64Array(k);
  // per-node rate of convergence from the last two estimates of a study (NaN: not known)
  const rate = new Float64Array(k).fill(Number.NaN);
  // the latest evaluation at the current sizes (its per-study parts are in coarseParts)
  let memo: { mu: number; tau: number; d: Derivs } | null = null;

  function at(mu: number, tau: number): Derivs {
    if (memo !== null && memo.mu === mu && memo.tau === tau) return memo.d;
    const d = lik.evaluate(mu, tau, sizes, coarseParts);
    memo = { mu, tau, d };
    return d;
  }

  function fill(q: number): void {
    sizes.fill(q);
    memo = null;
  }

  function raiseAll(): boolean {
    let raised = false;
    for (let i = 0; i < k; i++) {
      const q = nextSize(sizes[i]);
      raised ||= q > sizes[i];
      sizes[i] = q;
    }
    memo = null;
    return raised;
  }

  function settle(mu: number, tau: number): { ok: boolean; changed: boolean } {
    let changed = false;
    for (;;) {
      const coarse = at(mu, tau);
      for (let i = 0; i < k; i++) finer[i] = nextSize(sizes[i]);
      const fine = lik.evaluate(mu, tau, finer, fineParts);
      // −H⁻¹ from the finer rule; away from a maximum (H not negative definite) its diagonal magnitudes
      let [a, b, c] = fine.h;
      if (!(a < 0 && a * c - b * b > 0)) [a, b, c] = [-Math.abs(a), 0, -Math.abs(c)];
      const det = a * c - b * b;
      const sMu = Math.max(1, Math.abs(mu));
      const sTau = Math.max(1, Math.abs(tau));
      const tolLl = TOL_LL * Math.max(1, Math.abs(coarse.ll));
      // score of study i: its estimated effect on (μ̂, τ̂) in units of TOL_PARAM, or on ℓ in units of tolLl
      const score = new Float64Array(k);
      const errParam = new Float64Array(k);
      const errLl = new Float64Array(k);
      let sumParam = 0;
      let sumLl = 0;
      // a study at the largest size has no finer rule: its error is its last estimate, extrapolated at its rate
      let unresolved = 0;
      for (let i = 0; i < k; i++) {
        if (sizes[i] >= MAX_NODES) {
          const fall = Math.exp(-(rate[i] || 0) * (sizes[i] - prevSize[i]));
          unresolved += prevSize[i] > 0 ? prevScore[i] * fall : Infinity;
          continue;
        }
        const d1 = fineParts.g[i] - coarseParts.g[i];
        const d2 = fineParts.g[i + k] - coarseParts.g[i + k];
        const dParam = Math.max(Math.abs((c * d1 - b * d2) / det) / sMu, Math.abs((-b * d1 + a * d2) / det) / sTau);
        const dLl = Math.abs(fineParts.ll[i] - coarseParts.ll[i]);
        const p = Number.isFinite(dParam) ? dParam : Infinity;
        errParam[i] = p;
        errLl[i] = dLl;
        sumParam += p;
        sumLl += dLl;
        score[i] = Math.max(p / TOL_PARAM, dLl / tolLl);
      }
      if (sumParam < TOL_PARAM && sumLl < tolLl) return { ok: unresolved < 1 / 4, changed };
      // raise the rules of the studies with the largest scores until the rest add up to under a quarter of the
      // tolerance; where a study's rate of convergence is known, by as many steps as it needs to reach 1/k of it
      const order = Array.from({ length: k }, (_, i) => i).sort((i, j) => score[j] - score[i]);
      let restParam = sumParam;
      let restLl = sumLl;
      let raised = false;
      for (const i of order) {
        if (restParam < TOL_PARAM / 4 && restLl < tolLl / 4) break;
        const q = sizes[i];
        if (q >= MAX_NODES) continue;
        const s = score[i];
        let next = finer[i];
        rate[i] = prevSize[i] > 0 && prevSize[i] < q && prevScore[i] > 2 * s && s > 0
          ? Math.log(prevScore[i] / s) / (q - prevSize[i]) : Number.NaN;
        if (rate[i] > 0) {
          const need = q + Math.log(s * k) / rate[i];
          for (let step = 0; step < 3 && next < need && next < MAX_NODES; step++) next = nextSize(next);
        }
        prevSize[i] = q;
        prevScore[i] = s;
        restParam -= errParam[i];
        restLl -= errLl[i];
        sizes[i] = next;
        raised = true;
      }
      if (!raised) return { ok: false, changed };
      memo = null;
      changed = true;
    }
  }

  function largest(): number {
    let m = 0;
    for (let i = 0; i < k; i++) m = Math.max(m, sizes[i]);
    return m;
  }

  return { sizes, at, fill, raiseAll, settle, largest };
}
