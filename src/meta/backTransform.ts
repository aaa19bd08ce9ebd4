import type { BackTransformed, EffectSize, Interval, Measure } from './types.ts';

const clamp01 = (p: number): number => Math.min(1, Math.max(0, p));

/** Freeman–Tukey double arcsine of x events out of n, metafor's PFT scale (with its ½ factor). */
function doubleArcsine(x: number, n: number): number {
  return 0.5 * (Math.asin(Math.sqrt(x / (n + 1))) + Math.asin(Math.sqrt((x + 1) / (n + 1))));
}

/**
 * Miller (1978) inverse of the Freeman–Tukey double arcsine for a sample size n (metafor's transf.ipft): with
 * t = 2y (undoing the ½ factor), p = ½[1 − sgn(cos t) √(1 − (sin t + (sin t − 1/sin t)/n)²)]; values beyond the
 * transforms of 0 and n events map to 0 and 1.
 */
export function inverseDoubleArcsine(y: number, n: number): number {
  if (y > doubleArcsine(n, n)) return 1;
  if (y < doubleArcsine(0, n)) return 0;
  const s = Math.sin(2 * y);
  const c = Math.cos(2 * y);
  const inner = s + (s - 1 / s) / n;
  const p = 0.5 * (1 - Math.sign(c) * Math.sqrt(1 - inner * inner));
  return Number.isFinite(p) ? clamp01(p) : Number.NaN;
}

/** Harmonic mean of the studies' sample sizes, the n of metafor's transf.ipft.hm (Miller 1978). */
export function harmonicMeanN(effects: readonly EffectSize[]): number {
  let s = 0;
  let m = 0;
  for (const e of effects) {
    if (e.n !== undefined && e.n > 0) {
      s += 1 / e.n;
      m++;
    }
  }
  return m === 0 ? Number.NaN : m / s;
}

/** How a value on the analysis scale is shown: the name is reported with the result. */
export type BackTransformName = 'identity' | 'inverse_logit' | 'inverse_arcsine' | 'inverse_double_arcsine_hm' | 'exp';

export function backTransformName(measure: Measure, exponentiate: boolean): BackTransformName {
  switch (measure) {
    case 'PR': return 'identity';
    case 'PLO': return 'inverse_logit';
    case 'PAS': return 'inverse_arcsine';
    case 'PFT': return 'inverse_double_arcsine_hm';
    case 'GEN': return exponentiate ? 'exp' : 'identity';
  }
}

/**
 * One value from the analysis scale to the display scale. Proportions are clamped to [0, 1]:
 * PR identity; PLO inverse logit 1/(1 + e^−y); PAS sin²(y) with y clamped to [0, π/2] (Rücker et al. 2008);
 * PFT Miller's (1978) inverse with n̄ the harmonic mean n (metafor's transf.ipft.hm). GEN: identity, or exp for
 * a log ratio.
 */
export function backTransformValue(measure: Measure, y: number, nHarmonic: number, exponentiate: boolean): number {
  switch (measure) {
    case 'PR':
      return clamp01(y);
    case 'PLO':
      return clamp01(1 / (1 + Math.exp(-y)));
    case 'PAS': {
      const x = Math.min(Math.PI / 2, Math.max(0, y));
      return clamp01(Math.sin(x) ** 2);
    }
    case 'PFT':
      return inverseDoubleArcsine(y, nHarmonic);
    case 'GEN':
      return exponentiate ? Math.exp(y) : y;
  }
}

/** Estimate, CI and PI of a fit back-transformed for display (transforming each bound, as metafor). */
export function backTransform(
  measure: Measure,
  values: { readonly estimate: number; readonly ci: Interval; readonly pi: Interval | null },
  effects: readonly EffectSize[],
  exponentiate: boolean,
): BackTransformed {
  const nh = measure === 'PFT' ? harmonicMeanN(effects) : Number.NaN;
  const f = (y: number): number => backTransformValue(measure, y, nh, exponentiate);
  return {
    estimate: f(values.estimate),
    ci: [f(values.ci[0]), f(values.ci[1])],
    pi: values.pi === null ? null : [f(values.pi[0]), f(values.pi[1])],
  };
}
