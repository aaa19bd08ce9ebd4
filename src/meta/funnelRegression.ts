import type { Method } from './types.ts';
import { weightedRegression, type WeightedRegression } from './weightedRegression.ts';

export interface FunnelRegression {
  readonly intercept: number;
  readonly slope: number;
  readonly tau2: number;
}

const MAX_ITER = 10_000;
const THRESHOLD = 1e-13;

/** The WLS fit at τ² and the traces of P = W − WX(XᵀWX)⁻¹XᵀW the estimating equations need. */
function atTau2(y: readonly number[], v: readonly number[], x: readonly number[], tau2: number) {
  const k = y.length;
  const w = v.map((vi) => 1 / (vi + tau2));
  const f: WeightedRegression = weightedRegression(y, x, w);
  const c = f.unscaledCov;
  // xᵢᵀ C xⱼ for xᵢ = (1, xᵢ)
  const quad = (i: number, j: number): number =>
    c[0][0] + c[0][1] * (x[i] + x[j]) + c[1][1] * x[i] * x[j];
  let sw = 0;
  let sw2 = 0;
  let trP = 0;
  let wr2 = 0;
  let w2r2 = 0;
  for (let i = 0; i < k; i++) {
    sw += w[i];
    sw2 += w[i] * w[i];
    trP += w[i] - w[i] * w[i] * quad(i, i);
    const r = f.residuals[i];
    wr2 += w[i] * r * r;
    w2r2 += w[i] * w[i] * r * r;
  }
  // tr(P²) = Σwᵢ² − 2 tr(C XᵀW³X) + tr((C XᵀW²X)²) for P = W − WXCXᵀW, C = (XᵀWX)⁻¹: O(k), not a k × k sum
  const trPP = (): number => {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    for (let i = 0; i < k; i++) {
      const w2 = w[i] * w[i];
      const w3 = w2 * w[i];
      a0 += w2;
      a1 += w2 * x[i];
      a2 += w2 * x[i] * x[i];
      b0 += w3;
      b1 += w3 * x[i];
      b2 += w3 * x[i] * x[i];
    }
    const trCB = c[0][0] * b0 + 2 * c[0][1] * b1 + c[1][1] * b2;
    // M = C·A (A = XᵀW²X symmetric); tr(M²) = Σᵢⱼ Mᵢⱼ Mⱼᵢ
    const m00 = c[0][0] * a0 + c[0][1] * a1;
    const m01 = c[0][0] * a1 + c[0][1] * a2;
    const m10 = c[1][0] * a0 + c[1][1] * a1;
    const m11 = c[1][0] * a1 + c[1][1] * a2;
    return a0 - 2 * trCB + m00 * m00 + 2 * m01 * m10 + m11 * m11;
  };
  return { f, sw, sw2, trP, wr2, w2r2, trPP };
}

/** Fisher scoring (ML, REML) or the Morris (1983) fixed point (EB), step-halved to stay ≥ 0, from `init`. */
function iterate(y: readonly number[], v: readonly number[], x: readonly number[], method: 'ML' | 'REML' | 'EB',
  init: number): number {
  const k = y.length;
  const p = 2;
  let tau2 = init;
  for (let iter = 0; iter < MAX_ITER; iter++) {
    const s = atTau2(y, v, x, tau2);
    let adj: number;
    if (method === 'ML') adj = (s.w2r2 - s.sw) / s.sw2;
    else if (method === 'REML') adj = (s.w2r2 - s.trP) / s.trPP();
    else adj = (s.wr2 * k / (k - p) - k) / s.sw;
    if (!Number.isFinite(adj)) adj = 0;
    while (tau2 + adj < 0) adj /= 2;
    const next = tau2 + adj;
    const change = Math.abs(next - tau2);
    tau2 = next;
    if (change < THRESHOLD) break;
  }
  return Math.max(0, tau2);
}

/** Paule & Mandel (1982): the τ² ≥ 0 at which Σ wᵢ rᵢ² = k − 2, by bisection (the left side decreases in τ²). */
function pauleMandel(y: readonly number[], v: readonly number[], x: readonly number[]): number {
  const target = y.length - 2;
  if (atTau2(y, v, x, 0).wr2 <= target) return 0;
  let hi = 1;
  while (atTau2(y, v, x, hi).wr2 > target && hi < 1e12) hi *= 2;
  let lo = 0;
  for (let iter = 0; iter < 200 && hi - lo > 1e-15 * Math.max(1, hi); iter++) {
    const mid = 0.5 * (lo + hi);
    if (atTau2(y, v, x, mid).wr2 > target) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Hedges-type moment estimator from the OLS residuals: (RSS − Σ vᵢ(1 − hᵢᵢ)) / (k − 2), truncated at 0. */
function hedges(y: readonly number[], v: readonly number[], x: readonly number[]): number {
  const k = y.length;
  const ols = weightedRegression(y, x, y.map(() => 1));
  const c = ols.unscaledCov;
  let trPV = 0;
  for (let i = 0; i < k; i++) trPV += v[i] * (1 - (c[0][0] + 2 * c[0][1] * x[i] + c[1][1] * x[i] * x[i]));
  return Math.max(0, (ols.rss - trPV) / (k - 2));
}

/** The residual heterogeneity τ² of the meta-regression of y on x with sampling variances v, by `method`. */
function tau2Of(y: readonly number[], v: readonly number[], x: readonly number[], method: Method): number {
  const k = y.length;
  switch (method) {
    case 'FE':
      return 0;
    case 'DL': {
      const s = atTau2(y, v, x, 0);
      return Math.max(0, (s.wr2 - (k - 2)) / s.trP);
    }
    case 'HE':
      return hedges(y, v, x);
    case 'SJ': {
      // initial value from the plain variance of y, Σ(yᵢ − ȳ)² / k, as in the intercept-only estimator
      const ybar = y.reduce((a, b) => a + b, 0) / k;
      const tau0 = y.reduce((a, b) => a + (b - ybar) * (b - ybar), 0) / k;
      if (tau0 === 0) return 0;
      return tau0 * atTau2(y, v, x, tau0).wr2 / (k - 2);
    }
    case 'PM':
      return pauleMandel(y, v, x);
    case 'ML':
    case 'REML':
    case 'EB':
      return iterate(y, v, x, method, hedges(y, v, x));
  }
}

/**
 * The mixed-effects meta-regression of yᵢ on √vᵢ (the regression test's model, Sterne & Egger 2005) with residual
 * heterogeneity τ² by `method` (moment, Paule–Mandel, ML/REML/EB estimating equations for meta-regression:
 * Raudenbush 2009; Viechtbauer 2005, 2010), fitted by WLS with weights 1/(vᵢ + τ²). Trim-and-fill uses the sign of
 * the slope to choose the side (metafor trimfill documentation). Needs k ≥ 3.
 */
export function funnelRegression(y: readonly number[], v: readonly number[], method: Method): FunnelRegression {
  const x = v.map(Math.sqrt);
  const tau2 = tau2Of(y, v, x, method);
  const f = weightedRegression(y, x, v.map((vi) => 1 / (vi + tau2)));
  return { intercept: f.intercept, slope: f.slope, tau2 };
}
