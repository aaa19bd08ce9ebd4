/**
 * Our fits against metafor, timed in the same run on the same data: REML + Knapp–Hartung for k = 1 000 and 10 000
 * (fit vs rma). (The GLMM against rma.glmm is in glmm.bench.ts.) R times: bench/rTiming.ts; a case past R_LIMIT_MS
 * is reported as a lower bound of the ratio. Without Rscript + metafor the rows say "R not installed — skipped".
 */
import { fit } from '../src/meta/fit.ts';
import type { BenchRow } from './run.ts';
import { syntheticEffects } from './data.ts';
import { hasMetafor, R_LIMIT_MS, timeInR } from './rTiming.ts';
import { medianMs } from './timing.ts';

interface Case {
  readonly name: string;
  readonly ours: () => unknown;
  /** R expression fitting the data in `d` once */
  readonly r: string;
  readonly data: Record<string, readonly number[]>;
  readonly reps: number;
}

function cases(): Case[] {
  return [1_000, 10_000].map((k) => {
    const e = syntheticEffects(k);
    return {
      name: `REML + knha, k = ${k.toLocaleString('en')}`,
      ours: () => fit(e, { measure: 'PLO', method: 'REML', test: 'knha' }),
      r: 'rma(yi, vi, data = d, method = "REML", test = "knha")',
      data: { yi: e.map((x) => x.yi), vi: e.map((x) => x.vi) },
      reps: k >= 10_000 ? 1 : 3,
    };
  });
}

export default async function (): Promise<BenchRow[]> {
  const all = cases();
  if (!hasMetafor()) {
    return all.map((c) => ({ name: `metafor ratio: ${c.name}`, value: Number.NaN, unit: '×', note: 'R not installed — skipped' }));
  }
  const rows: BenchRow[] = [];
  for (const c of all) {
    const ours = medianMs(c.ours, Math.max(c.reps, 5), 1);
    const r = timeInR(c.r, c.data, c.reps);
    rows.push(r === null
      ? {
          name: `metafor ratio: ${c.name}`,
          value: R_LIMIT_MS / c.reps / ours,
          unit: '× (lower bound)',
          note: `metafor: ${c.reps} fit(s) did not finish in ${R_LIMIT_MS / 1000} s; ours ${ours.toFixed(1)} ms (median)`,
        }
      : {
          name: `metafor ratio: ${c.name}`,
          value: r / ours,
          unit: '×',
          note: `metafor ${r.toFixed(1)} ms per fit (mean of ${c.reps}), ours ${ours.toFixed(1)} ms (median); > 1: ours faster`,
        });
  }
  return rows;
}
