/**
 * Generalised Q statistic of the intercept-only random-effects model at a given τ²:
 * Q(τ²) = Σ wᵢ (yᵢ − μ̂_w)², wᵢ = 1 / (vᵢ + τ²) (DerSimonian & Kacker 2007; Viechtbauer 2007, eq. 5).
 * Also returns its derivative dQ/dτ² = −Σ wᵢ² (yᵢ − μ̂_w)², used by the root finders.
 */
export interface GeneralisedQ {
  readonly q: number;
  readonly dq: number;
}

export function generalisedQ(y: Float64Array, v: Float64Array, tau2: number): GeneralisedQ {
  const k = y.length;
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / (v[i] + tau2);
    sw += w;
    swy += w * y[i];
  }
  const mu = swy / sw;
  let q = 0;
  let dq = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / (v[i] + tau2);
    const e = y[i] - mu;
    q += w * e * e;
    dq -= w * w * e * e;
  }
  return { q, dq };
}
