/** Deterministic synthetic data shared by the benchmarks, so every run (and metafor's comparison) fits the same studies. */
import type { EffectSize } from '../src/meta/types.ts';

/** Logit proportions: τ² = 0.3 around −0.5, within-study variances in [0.05, 0.5] (LCG + Box–Muller). */
export function syntheticEffects(k: number): EffectSize[] {
  let s = 12345;
  const u = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s + 0.5) / 2147483648;
  };
  const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  return Array.from({ length: k }, (_, i) => {
    const vi = 0.05 + 0.45 * u();
    return { study: `s${i}`, yi: -0.5 + Math.sqrt(0.3 + vi) * normal(), vi };
  });
}

/** Binomial studies (events, n), n in 10–99, logit p spread around −1.5 (Park–Miller generator). */
export function syntheticBinomial(k: number): { events: number; n: number }[] {
  let seed = 20260101;
  const rnd = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  return Array.from({ length: k }, () => {
    const n = 10 + Math.floor(rnd() * 90);
    const p = 1 / (1 + Math.exp(-(-1.5 + 0.8 * (rnd() + rnd() + rnd() - 1.5) * 2)));
    let events = 0;
    for (let i = 0; i < n; i++) if (rnd() < p) events++;
    return { events, n };
  });
}
