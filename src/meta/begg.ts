import { kendallTau } from './kendallTau.ts';
import { smallKBiasWarnings } from './smallKBiasWarnings.ts';
import type { EffectSize, Warning } from './types.ts';

export interface BeggTest {
  /** Kendall's τ between the standardized effects and the sampling variances */
  readonly tau: number;
  /** two-sided p-value; NaN (JSON null) where τ is not defined */
  readonly p: number;
  /** true: exact permutation p-value (k ≤ 50, no ties); false: normal approximation (ties, or k > 50) */
  readonly exact: boolean;
  readonly warnings: readonly Warning[];
}

/**
 * Begg & Mazumdar (1994) rank correlation test for funnel-plot asymmetry, as metafor's ranktest: with the
 * common-effect estimate θ̂ = Σwᵢyᵢ / Σwᵢ (wᵢ = 1/vᵢ), the standardized effects yᵢ* = (yᵢ − θ̂) / √(vᵢ − 1/Σwᵢ)
 * are correlated with vᵢ by Kendall's τ (O(k log k)); p-value exact for k ≤ 50 without ties (as ranktest), else the
 * normal approximation with the ties correction (as ranktest(exact = FALSE), i.e. R's cor.test(exact = FALSE)).
 */
export function begg(effects: readonly EffectSize[]): BeggTest {
  const k = effects.length;
  let sw = 0;
  let swy = 0;
  for (const e of effects) {
    sw += 1 / e.vi;
    swy += e.yi / e.vi;
  }
  const theta = swy / sw;
  const vb = 1 / sw;
  const ystar = effects.map((e) => (e.yi - theta) / Math.sqrt(e.vi - vb));
  const { tau, p, exact } = kendallTau(ystar, effects.map((e) => e.vi));
  const warnings = [...smallKBiasWarnings(k, 'Begg\'s rank correlation test')];
  // Kendall's τ is 0/0 (NaN, as R's cor.test gives NA for τ and p) when either ranking is all ties: one study,
  // every study with the same variance, or every standardized effect equal (identical studies); p is NaN then too.
  if (!Number.isFinite(tau)) {
    warnings.push({
      code: 'begg_all_tied',
      message: 'the variances or the standardized effects are all tied: Kendall\'s τ and Begg\'s test are not defined',
    });
  }
  return { tau, p, exact, warnings };
}
