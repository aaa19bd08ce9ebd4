/**
 * GLMM (ML, adaptive Gauss–Hermite) for k = 50 and 500 simulated studies, and its speed against metafor's
 * rma.glmm(measure = "PLO", method = "ML") (defaults: lme4, nAGQ = 7) timed in the same run on the same data
 * (bench/rTiming.ts; the ratio is unavailable without Rscript + metafor). Bayesian model for k = 50.
 */
import type { BenchRow } from './run.ts';
import { syntheticBinomial } from './data.ts';
import { hasMetafor, timeInR } from './rTiming.ts';
import { medianMs } from './timing.ts';
import { bayes } from '../src/meta/bayes.ts';
import { glmm } from '../src/meta/glmm.ts';

export default async function (): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const r = hasMetafor();
  for (const k of [50, 500]) {
    const data = syntheticBinomial(k);
    const fit = glmm(data);
    const ours = medianMs(() => glmm(data), k >= 500 ? 11 : 21, 3);
    rows.push({ name: `glmm k=${k}`, value: ours, unit: 'ms', note: `median; ${fit.iterations} Newton steps` });
    const reps = k >= 500 ? 3 : 5;
    const metafor = r
      ? timeInR('rma.glmm(measure = "PLO", xi = xi, ni = ni, data = d, method = "ML")',
          { xi: data.map((s) => s.events), ni: data.map((s) => s.n) }, reps)
      : null;
    rows.push(metafor === null
      ? {
          name: `glmm k=${k}: metafor ratio`, value: Number.NaN, unit: '×', target: '≥ 50',
          note: r ? 'metafor did not finish in time — ratio unavailable' : 'R not installed — ratio unavailable',
        }
      : {
          name: `glmm k=${k}: metafor ratio`, value: metafor / ours, unit: '×', target: '≥ 50',
          note: `rma.glmm ${metafor.toFixed(1)} ms per fit (mean of ${reps}), ours ${ours.toFixed(2)} ms (median)`,
        });
  }
  const plo = syntheticBinomial(50).map(({ events, n }) => {
    const [x, m] = events === 0 || events === n ? [events + 0.5, n - events + 0.5] : [events, n - events];
    return { yi: Math.log(x / m), vi: 1 / x + 1 / m };
  });
  rows.push({ name: 'bayes k=50', value: medianMs(() => bayes(plo), 5, 1), unit: 'ms', note: 'half-normal(0.5) τ prior' });
  return rows;
}
