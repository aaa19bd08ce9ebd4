/**
 * Timing metafor in R for the benches that compare with it: whether Rscript with metafor is installed, and the
 * time of one fit per call of an R expression on given data. R times are system.time over repeated fits inside
 * one Rscript call, reported per fit, so R's start-up and the loading of metafor are not counted.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Wall-clock limit of one Rscript call: metafor's rma builds k × k matrices, so k = 10 000 may not finish. */
export const R_LIMIT_MS = 120_000;

let metafor: boolean | undefined;

/** true when Rscript runs and metafor loads (asked once per run). */
export function hasMetafor(): boolean {
  if (metafor === undefined) {
    const r = spawnSync('Rscript', ['-e', 'cat(requireNamespace("metafor", quietly = TRUE))'], { encoding: 'utf8' });
    metafor = r.status === 0 && r.stdout.trim() === 'TRUE';
  }
  return metafor;
}

/**
 * ms per fit of the R expression `r` (which fits the data frame `d` once), as the mean of `reps` fits in one
 * Rscript call; null when the call passes R_LIMIT_MS.
 */
export function timeInR(r: string, data: Record<string, readonly number[]>, reps: number): number | null {
  const dir = mkdtempSync(join(tmpdir(), 'nelm-bench-'));
  try {
    const file = join(dir, 'data.json');
    writeFileSync(file, JSON.stringify(data));
    const script = [
      'suppressPackageStartupMessages(library(metafor))',
      `d <- as.data.frame(jsonlite::fromJSON(${JSON.stringify(file)}))`,
      `t <- system.time(for (i in seq_len(${reps})) ${r})[["elapsed"]]`,
      `cat(1000 * t / ${reps})`,
    ].join('\n');
    const out = spawnSync('Rscript', ['-e', script], { encoding: 'utf8', timeout: R_LIMIT_MS, killSignal: 'SIGKILL' });
    if (out.error || out.signal) return null;
    if (out.status !== 0) throw new Error(`Rscript failed: ${out.stderr.slice(0, 400)}`);
    return Number(out.stdout.trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
