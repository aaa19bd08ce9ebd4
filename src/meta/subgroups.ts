import { chisqUpper } from './chiSquare.ts';
import { fit } from './fit.ts';
import type { EffectSize, FitOptions, FitResult } from './types.ts';

export interface SubgroupFit extends FitResult {
  readonly group: string;
}

export interface SubgroupResult {
  readonly overall: FitResult;
  readonly subgroups: readonly SubgroupFit[];
  /** Q of a common-effect model on the subgroup estimates (SE² as their variances); df = groups − 1 */
  readonly Q_between: number;
  readonly Q_between_df: number;
  readonly Q_between_p: number;
}

/**
 * Subgroup analysis with a separate τ² per subgroup (one fit per subgroup) and the overall fit of all studies.
 * The between-subgroup test is a common-effect meta-analysis of the subgroup estimates with their SEs:
 * Q_between = Σ (μ̂_g − μ̄)² / SE_g², μ̄ the inverse-SE²-weighted mean, referred to χ²(G − 1) (Borenstein et al.
 * 2009, ch. 19; the "meta" package's test for subgroup differences under random effects) — not the partition
 * of the fixed-effect Q. Groups keep the order of their first study. Fewer than two groups: Q_between = 0, p = 1.
 */
export function fitSubgroups(
  effects: readonly EffectSize[],
  groupOf: readonly string[],
  options: FitOptions,
): SubgroupResult {
  if (groupOf.length !== effects.length) throw new RangeError('fitSubgroups: one group label per study');
  const members = new Map<string, EffectSize[]>();
  effects.forEach((e, i) => {
    const g = groupOf[i];
    const list = members.get(g);
    if (list) list.push(e);
    else members.set(g, [e]);
  });
  const subgroups: SubgroupFit[] = [...members].map(([group, es]) => ({ group, ...fit(es, options) }));
  const overall = fit(effects, options);
  const d = subgroupDifference(subgroups);
  return { overall, subgroups, Q_between: d.Q, Q_between_df: d.df, Q_between_p: d.p };
}

/**
 * The test for subgroup differences under random effects: Q = Σ (μ̂_g − μ̄)² / SE_g², μ̄ the inverse-SE²-weighted
 * mean of the subgroup estimates, referred to χ²(G − 1) (Borenstein et al. 2009, ch. 19). Fewer than two groups:
 * Q = 0, df = 0, p = 1.
 */
export function subgroupDifference(groups: readonly { readonly estimate: number; readonly se: number }[]): {
  Q: number; df: number; p: number;
} {
  const G = groups.length;
  if (G < 2) return { Q: 0, df: 0, p: 1 };
  let sw = 0;
  let swy = 0;
  for (const s of groups) {
    const w = 1 / (s.se * s.se);
    sw += w;
    swy += w * s.estimate;
  }
  const mean = swy / sw;
  let q = 0;
  for (const s of groups) q += (s.estimate - mean) ** 2 / (s.se * s.se);
  return { Q: q, df: G - 1, p: chisqUpper(q, G - 1) };
}
