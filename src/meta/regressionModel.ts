/**
 * The mixed-effects meta-regression model y ~ N(Xβ, diag(v) + τ²I) as a Tau2Model (for the τ² estimators) and
 * its weighted least-squares solution at a given τ²: β̂ = (XᵀWX)⁻¹XᵀWy, Cov(β̂) = (XᵀWX)⁻¹ with W = diag(1/(v + τ²))
 * (Raudenbush 2009, eqs. 16.5–16.6; Viechtbauer 2010, §2.2). The sums use P = W − WX(XᵀWX)⁻¹XᵀW through
 * A = XᵀWX, B = XᵀW²X and C = XᵀW³X: tr(P) = Σw − tr(A⁻¹B), tr(PP) = Σw² − 2 tr(A⁻¹C) + tr(A⁻¹BA⁻¹B),
 * Py = W e and so yᵀPy = Σwe², yᵀPPy = Σw²e² with e = y − Xβ̂ (k·p² work, no k × k matrix).
 *
 * Internally each moderator column is centred and scaled (x − mean)/sd, which leaves P, the fitted values and
 * every τ² estimate unchanged but keeps XᵀWX well conditioned (a column of years near 2000 next to the intercept);
 * β̂ and its covariance are mapped back to the columns as given.
 */
import { cholesky, inverseCholesky, logDetCholesky, matMul, matVec, traceOfProduct, transpose, zeros, type Matrix } from './matrix.ts';
import {
  T_LOGDET, T_RSS, T_RSS2, T_SW, T_SW2, T_SW3, T_TRP, T_TRPP, type Tau2Model,
} from './tau2Model.ts';

/** β̂ and (XᵀWX)⁻¹ at one τ², in the parameterisation of the columns as given. */
export interface WeightedFit {
  readonly beta: readonly number[];
  /** (XᵀWX)⁻¹: Cov(β̂) under the model (z); Knapp–Hartung scales it by s² */
  readonly unscaledCov: Matrix;
  /** Σ wᵢ eᵢ², the weighted residual sum of squares (= yᵀPy) */
  readonly rss: number;
}

export interface RegressionModel extends Tau2Model {
  /** the design matrix as given, one column per coefficient (the first is the intercept) */
  readonly columns: readonly Float64Array[];
  solve(tau2: number): WeightedFit;
}

interface Scaled {
  /** the centred and scaled columns X̃ = XS */
  readonly columns: Float64Array[];
  /** S with β = Sβ̃ */
  readonly s: Matrix;
}

function standardise(columns: readonly Float64Array[]): Scaled {
  const p = columns.length;
  const k = columns[0].length;
  const s = zeros(p);
  s[0][0] = 1;
  const out = [Float64Array.from(columns[0])];
  for (let j = 1; j < p; j++) {
    const x = columns[j];
    let mean = 0;
    for (let i = 0; i < k; i++) mean += x[i];
    mean /= k;
    let ss = 0;
    for (let i = 0; i < k; i++) ss += (x[i] - mean) * (x[i] - mean);
    const sd = Math.sqrt(ss / k);
    const scale = sd > 0 ? sd : 1;
    const centre = sd > 0 ? mean : 0;
    const col = new Float64Array(k);
    for (let i = 0; i < k; i++) col[i] = (x[i] - centre) / scale;
    out.push(col);
    s[j][j] = 1 / scale;
    s[0][j] = -centre / scale;
  }
  return { columns: out, s };
}

/** XᵀDX for the diagonal weights d, as a p × p matrix. */
function crossWeighted(x: readonly Float64Array[], d: Float64Array): Matrix {
  const p = x.length;
  const k = d.length;
  const a = zeros(p);
  for (let j = 0; j < p; j++) {
    for (let l = 0; l <= j; l++) {
      const xj = x[j];
      const xl = x[l];
      let s = 0;
      for (let i = 0; i < k; i++) s += d[i] * xj[i] * xl[i];
      a[j][l] = s;
      a[l][j] = s;
    }
  }
  return a;
}

function factor(a: Matrix): Matrix {
  const l = cholesky(a);
  if (l === null) throw new RangeError('meta-regression: XᵀWX is not positive definite (collinear moderators)');
  return l;
}

/**
 * `columns`: the design matrix, one Float64Array per coefficient, the first all ones (the intercept).
 * Throws RangeError when the columns are collinear (XᵀWX singular).
 */
export function regressionModel(y: Float64Array, v: Float64Array, columns: readonly Float64Array[]): RegressionModel {
  const k = y.length;
  const p = columns.length;
  const { columns: x, s } = standardise(columns);
  const w = new Float64Array(k);
  const w2 = new Float64Array(k);
  const w3 = new Float64Array(k);

  /** β̃ (scaled parameterisation), A⁻¹ and its Cholesky factor at τ², with w, w², w³ filled in. */
  function weighted(tau2: number) {
    for (let i = 0; i < k; i++) {
      const wi = 1 / (v[i] + tau2);
      w[i] = wi;
      w2[i] = wi * wi;
      w3[i] = wi * wi * wi;
    }
    const a = crossWeighted(x, w);
    const l = factor(a);
    const inv = inverseCholesky(l);
    const c = x.map((col) => {
      let t = 0;
      for (let i = 0; i < k; i++) t += w[i] * col[i] * y[i];
      return t;
    });
    const beta = matVec(inv, c);
    const e = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      let fitted = 0;
      for (let j = 0; j < p; j++) fitted += x[j][i] * beta[j];
      e[i] = y[i] - fitted;
    }
    return { l, inv, beta, e };
  }

  return {
    y,
    v,
    p,
    columns,
    sums(tau2: number, out: Float64Array): Float64Array {
      const { l, inv, e } = weighted(tau2);
      let sw = 0;
      let sw2 = 0;
      let sw3 = 0;
      let rss = 0;
      let rss2 = 0;
      for (let i = 0; i < k; i++) {
        sw += w[i];
        sw2 += w2[i];
        sw3 += w3[i];
        rss += w[i] * e[i] * e[i];
        rss2 += w2[i] * e[i] * e[i];
      }
      const b = crossWeighted(x, w2);
      const invB = matMul(inv, b);
      out[T_SW] = sw;
      out[T_SW2] = sw2;
      out[T_SW3] = sw3;
      out[T_TRP] = sw - traceOfProduct(inv, b);
      out[T_TRPP] = sw2 - 2 * traceOfProduct(inv, crossWeighted(x, w3)) + traceOfProduct(invB, invB);
      out[T_RSS] = rss;
      out[T_RSS2] = rss2;
      out[T_LOGDET] = logDetCholesky(l);
      return out;
    },
    unweighted() {
      const a = crossWeighted(x, new Float64Array(k).fill(1));
      const inv = inverseCholesky(factor(a));
      const beta = matVec(inv, x.map((col) => col.reduce((t, xi, i) => t + xi * y[i], 0)));
      let rss = 0;
      let trPV = 0;
      const row = new Float64Array(p);
      for (let i = 0; i < k; i++) {
        let fitted = 0;
        for (let j = 0; j < p; j++) {
          row[j] = x[j][i];
          fitted += x[j][i] * beta[j];
        }
        rss += (y[i] - fitted) * (y[i] - fitted);
        let h = 0;
        for (let j = 0; j < p; j++) for (let m = 0; m < p; m++) h += row[j] * inv[j][m] * row[m];
        trPV += v[i] * (1 - h);
      }
      return { rss, trPV };
    },
    solve(tau2: number): WeightedFit {
      const { inv, beta, e } = weighted(tau2);
      let rss = 0;
      for (let i = 0; i < k; i++) rss += w[i] * e[i] * e[i];
      return { beta: matVec(s, beta), unscaledCov: matMul(matMul(s, inv), transpose(s)), rss };
    },
  };
}
