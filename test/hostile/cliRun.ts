/**
 * Running the real `nelm` for the hostile CLI cases (issue 15): a child process from any directory with any
 * environment, and the one assertion every failure case makes — exit code 2, nothing on stdout, exactly one line on
 * stderr, and no stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

export const root = join(import.meta.dirname, '..', '..');
export const tsx = join(root, 'node_modules', '.bin', 'tsx');
export const main = join(root, 'src', 'cli', 'main.ts');

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** Environment without npm's variables, so a test run under `npm test` does not look like `npm run nelm`. */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('npm_') && k !== 'INIT_CWD') env[k] = v;
  return { ...env, ...extra };
}

/** `nelm ...args` run from `cwd` (the repository by default). */
export function nelmIn(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  const start = performance.now();
  const r = spawnSync(tsx, [main, ...args], { cwd, env: cleanEnv(env), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, seconds: (performance.now() - start) / 1000 };
}

export function nelm(...args: string[]): Run {
  return nelmIn(root, args);
}

/** Exit 2, empty stdout, one stderr line matching `line`, no stack trace. */
export function expectOneLineError(r: Run, line: RegExp): void {
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(line);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stdout).toBe('');
  expect(r.status).toBe(2);
}

/** JSON on stdout, exit 0, nothing on stderr. */
export function expectJson<T>(r: Run): T {
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as T;
}

const dir = mkdtempSync(join(tmpdir(), 'nelm-hostile-cli-'));

/** Writes text or bytes to a fresh temp file and returns its path. */
export function tempFile(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

export const tempDir = dir;
