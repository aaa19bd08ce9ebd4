import { fit } from './fit.ts';
import { funnelRegression } from './funnelRegression.ts';
import { smallKBiasWarnings } from './smallKBiasWarnings.ts';
import type { EffectSize, FitOptions, FitResult, Interval, Warning } from './types.ts';

export type FunnelSide = 'left' | 'right';

export interface TrimFill {
  /** estimated number of missing studies (L0 estimator) */
  readonly k0: number;
  /** the side of the funnel plot on which studies are imputed */
  readonly side: FunnelSide;
  /** the fit to the observed plus imputed studies (the original fit when k0 = 0) */
  readonly estimate: number;
  readonly se: number;
  readonly ci: Interval;
  readonly tau2: number;
  /** the imputed studies, labelled `Filled 1` … `Filled k0` */
  readonly filled: readonly EffectSize[];
  readonly fit: FitResult;
  readonly warnings: readonly Warning[];
}

const MAX_ITER = 100;

/**
 * Duval & Tweedie (2000a, 2000b) L0 estimator of the number of suppressed studies given the centred effects
 * cᵢ = yᵢ − θ̂: with rᵢ the rank of |cᵢ| (ties by position), T = Σ_{cᵢ>0} rᵢ and L0 = (4T − k(k + 1)) / (2k − 1).
 */
function l0(centred: readonly number[]): number {
  const k = centred.length;
  const byAbs = centred.map((c, i) => ({ a: Math.abs(c), i })).sort((p, q) => p.a - q.a || p.i - q.i);
  let t = 0;
  byAbs.forEach(({ i }, rank) => {
    if (centred[i] > 0) t += rank + 1;
  });
  return (4 * t - k * (k + 1)) / (2 * k - 1);
}

/**
 * Trim-and-fill (Duval & Tweedie 2000a, 2000b; Duval 2005) with the L0 estimator, as metafor's trimfill: the side
 * (when not given) is "right" if the slope of the regression of yᵢ on √vᵢ under the same τ² method is negative,
 * else "left"; working with missing studies on the left (effects negated for "right"), iterate: fit the model with
 * the k0 largest effects trimmed, centre all effects on that estimate, re-estimate k0 = max(0, round(L0)), until k0
 * stops changing. The k0 trimmed studies are then mirrored about the last trimmed estimate (same vᵢ) and the model
 * is refitted to all k + k0 studies with the same options.
 */
export function trimfill(effects: readonly EffectSize[], options: FitOptions, side?: FunnelSide): TrimFill {
  const k = effects.length;
  if (k < 3) throw new RangeError(`trimfill: needs at least 3 studies (got ${k})`);
  const warnings: Warning[] = [...smallKBiasWarnings(k, 'Trim-and-fill')];
  const chosen: FunnelSide = side ?? (funnelRegression(
    effects.map((e) => e.yi), effects.map((e) => e.vi), options.method,
  ).slope < 0 ? 'right' : 'left');
  const sign = chosen === 'right' ? -1 : 1;

  // --- the studies on the working scale (missing studies on the left), sorted ascending; ties keep input order
  const sorted = effects
    .map((e, i) => ({ study: e.study, y: sign * e.yi, vi: e.vi, n: e.n, i }))
    .sort((a, b) => a.y - b.y || a.i - b.i);

  // --- iterate the L0 estimate
  let k0 = 0;
  let previous = -1;
  let theta = 0;
  let iter = 0;
  while (k0 !== previous) {
    if (++iter > MAX_ITER) {
      warnings.push({ code: 'trimfill_not_converged', message: `trim-and-fill did not converge in ${MAX_ITER} iterations` });
      break;
    }
    previous = k0;
    const trimmed = sorted.slice(0, k - k0).map((s) => ({ study: s.study, yi: s.y, vi: s.vi }));
    theta = fit(trimmed, { ...options, test: 'z' }).estimate;
    k0 = Math.min(k - 1, Math.max(0, Math.round(l0(sorted.map((s) => s.y - theta)))));
  }

  // --- output: the original fit when nothing is missing, else the fit to the augmented data
  if (k0 === 0) {
    const original = fit(effects, options);
    return { k0, side: chosen, ...summary(original), filled: [], fit: original, warnings };
  }
  const filled: EffectSize[] = sorted.slice(k - k0).map((s, j) => ({
    study: `Filled ${j + 1}`,
    yi: sign * (2 * theta - s.y),
    vi: s.vi,
    ...(s.n === undefined ? {} : { n: s.n }),
  }));
  const augmented = fit([...effects, ...filled], options);
  return { k0, side: chosen, ...summary(augmented), filled, fit: augmented, warnings };
}

function summary(f: FitResult) {
  return { estimate: f.estimate, se: f.se, ci: f.ci, tau2: f.tau2 };
}
