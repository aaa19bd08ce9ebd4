/**
 * `nelm bias` (Egger, Begg and trim-and-fill) on k = 5 000 synthetic effects: the command in this process
 * (median of 3, after one warm-up) and a whole `nelm bias` process (Node + tsx start-up, reading the CSV, JSON out).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../src/cli/args.ts';
import { run } from '../src/cli/commands/bias.ts';
import type { BenchRow } from './run.ts';
import { syntheticEffects } from './data.ts';
import { medianMs } from './timing.ts';

const K = 5_000;

export default async function (): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nelm-bench-'));
  try {
    const file = join(dir, 'effects.csv');
    writeFileSync(file, ['study,yi,vi', ...syntheticEffects(K).map((e) => `${e.study},${e.yi},${e.vi}`)].join('\n'));
    const args = parseArgs(['bias', '--input', file]);
    const inProcess = medianMs(() => run(args), 3, 1);
    const cpu0 = process.cpuUsage();
    run(args);
    const cpu = process.cpuUsage(cpu0);
    const t0 = performance.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'bias', '--input', file], { encoding: 'utf8' });
    const whole = performance.now() - t0;
    if (child.status !== 0) throw new Error(`nelm bias failed: ${child.stderr.slice(0, 400)}`);
    const note = `k = ${K.toLocaleString('en')} synthetic effects (bench/data.ts)`;
    return [
      {
        name: 'bias k=5000 (command)', value: inProcess, unit: 'ms', target: '< 2000',
        note: `${note}; in-process run(), median of 3; CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms for one more`,
      },
      { name: 'bias k=5000 (nelm process)', value: whole, unit: 'ms', note: `${note}; whole process incl. Node + tsx start-up` },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
