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
import type { EffectSize } from '../src/meta/types.ts';
import type { BenchRow } from './run.ts';
import { medianMs } from './timing.ts';

/** Same generator as meta.bench.ts: logit proportions, τ² = 0.3 around −0.5, variances in [0.05, 0.5]. */
function effects(k: number): EffectSize[] {
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

/** Same generator as glmm.bench.ts (Park–Miller), so the k = 50 GLMM data are those benchmarked there. */
function binomial(k: number): { events: number; n: number }[] {
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
    const e = effects(k);
    out.push({
      name: `REML + knha, k = ${k.toLocaleString('en')}`,
      ours: () => fit(e, { measure: 'PLO', method: 'REML', test: 'knha' }),
      r: 'rma(yi, vi, data = d, method = "REML", test = "knha")',
      data: { yi: e.map((x) => x.yi), vi: e.map((x) => x.vi) },
      reps: k >= 10_000 ? 1 : 3,
    });
  }
  const b = binomial(50);
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
