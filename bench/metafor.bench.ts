/**
 * Our fits against metafor, timed in the same run on the same data: REML + Knapp–Hartung for k = 1 000 and 10 000
 * (fit vs rma), and the binomial-normal GLMM for k = 50 (glmm vs rma.glmm, ML, lme4 backend).
 * R times are system.time over repeated fits inside one Rscript call per case, reported per fit, so R's start-up
 * and the loading of metafor are not counted; a case past R_LIMIT_MS is reported as a lower bound of the ratio. Without Rscript + metafor the rows say "R not installed — skipped".
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fit } from '../src/meta/fit.ts';
import { glmm } from '../src/meta/glmm.ts';
import type { BenchRow } from './run.ts';
import { syntheticBinomial, syntheticEffects } from './data.ts';
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
  const out: Case[] = [];
  for (const k of [1_000, 10_000]) {
    const e = syntheticEffects(k);
    out.push({
      name: `REML + knha, k = ${k.toLocaleString('en')}`,
      ours: () => fit(e, { measure: 'PLO', method: 'REML', test: 'knha' }),
      r: 'rma(yi, vi, data = d, method = "REML", test = "knha")',
      data: { yi: e.map((x) => x.yi), vi: e.map((x) => x.vi) },
      reps: k >= 10_000 ? 1 : 3,
    });
  }
  const b = syntheticBinomial(50);
  out.push({
    name: 'GLMM (ML), k = 50',
    ours: () => glmm(b),
    r: 'rma.glmm(measure = "PLO", xi = xi, ni = ni, data = d, method = "ML")',
    data: { xi: b.map((x) => x.events), ni: b.map((x) => x.n) },
    reps: 5,
  });
  return out;
}

function hasMetafor(): boolean {
  const r = spawnSync('Rscript', ['-e', 'cat(requireNamespace("metafor", quietly = TRUE))'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() === 'TRUE';
}

/** Wall-clock limit of one case's Rscript call: metafor's rma builds k × k matrices, so k = 10 000 may not finish. */
const R_LIMIT_MS = 120_000;

/** One Rscript call per case (so a slow case cannot take the others with it); ms per fit, or null past the limit. */
function timeInR(c: Case): number | null {
  const dir = mkdtempSync(join(tmpdir(), 'nelm-bench-'));
  try {
    const file = join(dir, 'data.json');
    writeFileSync(file, JSON.stringify(c.data));
    const script = [
      'suppressPackageStartupMessages(library(metafor))',
      `d <- as.data.frame(jsonlite::fromJSON(${JSON.stringify(file)}))`,
      `t <- system.time(for (i in seq_len(${c.reps})) ${c.r})[["elapsed"]]`,
      `cat(1000 * t / ${c.reps})`,
    ].join('\n');
    const r = spawnSync('Rscript', ['-e', script], { encoding: 'utf8', timeout: R_LIMIT_MS, killSignal: 'SIGKILL' });
    if (r.error || r.signal) return null;
    if (r.status !== 0) throw new Error(`Rscript failed: ${r.stderr.slice(0, 400)}`);
    return Number(r.stdout.trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function (): Promise<BenchRow[]> {
  const all = cases();
  if (!hasMetafor()) {
    return all.map((c) => ({ name: `metafor ratio: ${c.name}`, value: Number.NaN, unit: '×', note: 'R not installed — skipped' }));
  }
  const rows: BenchRow[] = [];
  for (const c of all) {
    const ours = medianMs(c.ours, Math.max(c.reps, 5), 1);
    const r = timeInR(c);
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
