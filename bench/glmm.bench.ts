/** GLMM (ML, adaptive Gauss–Hermite) for k = 50 and 500 simulated studies; Bayesian model for k = 50. */
import type { BenchRow } from './run.ts';
import { syntheticBinomial } from './data.ts';
import { medianMs } from './timing.ts';
import { bayes } from '../src/meta/bayes.ts';
import { glmm } from '../src/meta/glmm.ts';

export default async function (): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const k of [50, 500]) {
    const data = syntheticBinomial(k);
    const r = glmm(data);
    rows.push({ name: `glmm k=${k}`, value: medianMs(() => glmm(data), 5, 1), unit: 'ms', note: `${r.iterations} Newton steps` });
  }
  const plo = syntheticBinomial(50).map(({ events, n }) => {
    const [x, m] = events === 0 || events === n ? [events + 0.5, n - events + 0.5] : [events, n - events];
    return { yi: Math.log(x / m), vi: 1 / x + 1 / m };
  });
  rows.push({ name: 'bayes k=50', value: medianMs(() => bayes(plo), 5, 1), unit: 'ms', note: 'half-normal(0.5) τ prior' });
  return rows;
}
