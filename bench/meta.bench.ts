/** Time of fit(effects, {method: 'REML', test: 'knha'}) for k = 1 000, 10 000 and 100 000 synthetic studies. */
import { fit } from '../src/meta/fit.ts';
import type { EffectSize } from '../src/meta/types.ts';
import type { BenchRow } from './run.ts';
import { medianMs } from './timing.ts';

/** Deterministic synthetic logit proportions: τ² = 0.3 around −0.5, within-study variances in [0.05, 0.5]. */
function synthetic(k: number): EffectSize[] {
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

export default async function (): Promise<BenchRow[]> {
  const options = { measure: 'PLO', method: 'REML', test: 'knha' } as const;
  const rows: BenchRow[] = [1_000, 10_000, 100_000].map((k) => {
    const effects = synthetic(k);
    const ms = medianMs(() => fit(effects, options), k >= 100_000 ? 7 : 11);
    return {
      name: `meta: fit REML + knha, k = ${k.toLocaleString('en')}`,
      value: ms,
      unit: 'ms',
      target: k === 100_000 ? '< 50 ms' : undefined,
      note: 'incl. Q-profile τ² CI; per-study weights built on first read',
    };
  });
  const big = synthetic(100_000);
  rows.push({
    name: 'meta: fit REML + knha + read studies[], k = 100,000',
    value: medianMs(() => fit(big, options).studies.length, 7),
    unit: 'ms',
    note: 'the 100 000 weight objects materialised',
  });
  return rows;
}
