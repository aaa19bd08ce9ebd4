/**
 * Helpers shared by the CLI tests: run the real `nelm` command in a child process (the local tsx binary, as
 * `npm run --silent nelm --` does, so npm's own notices never reach stderr) and write input files to a temp folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'nelm-cli-'));

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `nelm ...args` from the repository root. */
export function nelm(...args: string[]): CliRun {
  const r = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), ['src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Writes `text` to a fresh temp file named `name` and returns its path. */
export function writeInput(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
