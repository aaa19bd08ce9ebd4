/** Time of fit(effects, {method: 'REML', test: 'knha'}) for k = 1 000, 10 000 and 100 000 synthetic studies. */
import { fit } from '../src/meta/fit.ts';
import type { BenchRow } from './run.ts';
import { syntheticEffects } from './data.ts';
import { medianMs } from './timing.ts';

export default async function (): Promise<BenchRow[]> {
  const options = { measure: 'PLO', method: 'REML', test: 'knha' } as const;
  const rows: BenchRow[] = [1_000, 10_000, 100_000].map((k) => {
    const effects = syntheticEffects(k);
    const ms = medianMs(() => fit(effects, options), k >= 100_000 ? 7 : 11);
    return {
      name: `meta: fit REML + knha, k = ${k.toLocaleString('en')}`,
      value: ms,
      unit: 'ms',
      target: k === 100_000 ? '< 50 ms' : undefined,
      note: 'incl. Q-profile τ² CI; per-study weights built on first read',
    };
  });
  const big = syntheticEffects(100_000);
  rows.push({
    name: 'meta: fit REML + knha + read studies[], k = 100,000',
    value: medianMs(() => fit(big, options).studies.length, 7),
    unit: 'ms',
    note: 'the 100 000 weight objects materialised',
  });
  return rows;
}
