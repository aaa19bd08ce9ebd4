import { RSS, RSS2, SUMS_LENGTH, weightedSums } from './weightedSums.ts';

/**
 * Generalised Q statistic of the intercept-only random-effects model at a given τ²:
 * Q(τ²) = Σ wᵢ (yᵢ − μ̂_w)², wᵢ = 1 / (vᵢ + τ²) (DerSimonian & Kacker 2007; Viechtbauer 2007, eq. 5).
 * Also returns its derivative dQ/dτ² = −Σ wᵢ² (yᵢ − μ̂_w)², used by the root finders.
 */
export interface GeneralisedQ {
  readonly q: number;
  readonly dq: number;
}

export function generalisedQ(
  y: Float64Array,
  v: Float64Array,
  tau2: number,
  scratch: Float64Array = new Float64Array(SUMS_LENGTH),
): GeneralisedQ {
  const s = weightedSums(y, v, tau2, scratch);
  return { q: s[RSS], dq: -s[RSS2] };
}
