/** Helpers for the CLI tests of bias, leave1out and cumulative: run `npx tsx src/cli/main.ts`, write input CSVs. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FixtureDataset } from '../meta/diagnosticsFixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'nelm-diagnostics-'));
const root = join(import.meta.dirname, '..', '..');

export function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/**
 * Runs `npx tsx src/cli/main.ts ...args`. stderr drops npx's own `npm warn ...` lines (about the machine's npm
 * config, e.g. an unknown "nodedir"), which are not output of the program under test.
 */
export function nelm(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  const stderr = r.stderr.split('\n').filter((line) => !line.startsWith('npm warn ')).join('\n');
  return { status: r.status, stdout: r.stdout, stderr };
}

const quote = (s: string | number): string => `"${String(s).replace(/"/g, '""')}"`;

/** A fixture data set as the CSV a user would pass: study,events,n,<order> for proportions, else study,yi,vi,<order>. */
export function csvOf(d: FixtureDataset): string {
  const col = d.order_column;
  const lines = d.studies.map((s) => d.measure === 'PLO'
    ? `${quote(s.study)},${s.xi},${s.ni},${quote(s.order)}`
    : `${quote(s.study)},${s.yi},${s.vi},${quote(s.order)}`);
  const head = d.measure === 'PLO' ? `study,events,n,${col}` : `study,yi,vi,${col}`;
  return [head, ...lines].join('\n') + '\n';
}
