/**
 * Issue 15, "non-finite results without an honest warning": `yi = 1e200` gave every number null with the warning
 * "every study has the same effect"; a `vi` of 5e-324 gave null I²/H² with no warning; `pool --method BAYES
 * --tau-prior-scale 1e308` gave a null estimate with no warning. Now out-of-range input is refused (exit 2, one
 * stderr line naming the row and column, or the option's range), and whatever the engine still cannot compute is
 * named in a `non_finite` warning. The documented ranges: |yi| ≤ 1e50, 1e-100 ≤ vi ≤ 1e100
 * (src/data/readAnalysisInput.ts), tau prior scale 1e-6 … 100 (src/meta/bayes.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CliError, parseArgs } from '../../src/cli/args.ts';
import { run as pool } from '../../src/cli/commands/pool.ts';
import { fit } from '../../src/meta/fit.ts';
import { METHODS, TESTS, type FitResult } from '../../src/meta/types.ts';
import { fuzz } from './arbitraries.ts';
import { nonFinite } from './nonFinite.ts';

const dir = mkdtempSync(join(tmpdir(), 'nelm-nonfinite-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const HUGE_YI = file('huge_yi.csv', 'study,yi,vi\nA,1e200,0.1\nB,0.2,0.1\nC,0.3,0.2\n');
const DENORMAL_VI = file('denormal_vi.csv', 'study,yi,vi\nA,0.1,0.04\nB,0.2,5e-324\nC,0.3,0.2\n');
const COUNTS = file('counts.csv', 'study,events,n\nA,3,10\nB,5,12\nC,9,20\n');

/** The CliError message of an in-process `nelm pool` run (a failure if it prints a result instead). */
function poolError(...argv: string[]): string {
  try {
    pool(parseArgs(argv));
  } catch (err) {
    if (err instanceof CliError) return err.message;
    throw err;
  }
  throw new Error(`nelm pool ${argv.join(' ')} printed a result instead of failing`);
}

interface Spawned {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string[];
}

function nelm(...args: string[]): Promise<Spawned> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', 'src/cli/main.ts', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('close', (status) => {
      resolve({ status, stdout, stderr: stderr.split('\n').filter((l) => l !== '' && !l.startsWith('npm warn')) });
    });
  });
}

describe('issue 15: out-of-range input is refused with one line naming row and column', () => {
  test('pool: yi = 1e200 → row 2, column yi, the documented range (was: every number null, "same effect")', () => {
    expect(poolError('--input', HUGE_YI)).toBe(`${HUGE_YI}: row 2, column yi: invalid yi: "1e200" `
      + '(must be between -1e50 and 1e50: beyond that the pooling arithmetic overflows)');
  });

  test('pool: vi = 5e-324 → row 3, column vi, the documented range (was: null I² and H², no warning)', () => {
    expect(poolError('--input', DENORMAL_VI)).toBe(`${DENORMAL_VI}: row 3, column vi: invalid vi: "5e-324" `
      + '(must be between 1e-100 and 1e100: beyond that the pooling arithmetic overflows)');
  });

  test('pool --method BAYES --tau-prior-scale 1e308 → the scale\'s range (was: null estimate, no warning)', () => {
    expect(poolError('--input', COUNTS, '--method', 'BAYES', '--tau-prior-scale', '1e308'))
      .toMatch(/: invalid tau prior scale: 1e\+308 \(must be between 1e-6 and 100: /);
  });

  test('as processes: exit 2, nothing on stdout, one stderr line, no stack trace', async () => {
    const runs = await Promise.all([
      nelm('pool', '--input', HUGE_YI),
      nelm('pool', '--input', DENORMAL_VI),
      nelm('pool', '--input', COUNTS, '--method', 'BAYES', '--tau-prior-scale', '1e308'),
    ]);
    for (const r of runs) {
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toHaveLength(1);
      expect(r.stderr[0]).not.toMatch(/\bat .*\.ts:\d+|Error:/);
    }
    expect(runs[0].stderr[0]).toMatch(/: row 2, column yi: invalid yi: "1e200" \(must be between -1e50 and 1e50/);
    expect(runs[1].stderr[0]).toMatch(/: row 3, column vi: invalid vi: "5e-324" \(must be between 1e-100 and 1e100/);
    expect(runs[2].stderr[0]).toMatch(/: invalid tau prior scale: 1e\+308 \(must be between 1e-6 and 100/);
  }, 60_000);
});

/** Fields of a FitResult that may be null by their documented type (src/meta/types.ts). */
const NOT_APPLICABLE = new Set(['df', 'pi', 'back.pi', 'tau2_ci']);

/** The top-level field of a path: 'ci[0]' → 'ci', 'back.ci[1]' → 'back.ci'. */
const fieldOf = (path: string): string => path.replace(/\[\d+\]$/, '');

/** The value at a dotted path: valueAt({ back: { pi: null } }, 'back.pi') → null. */
function valueAt(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, key) => (o as Record<string, unknown>)[key], value);
}

/** Non-finite fields of `r` that no warning names: the non_finite warning lists them; se_zero explains pval. */
function unexplained(r: FitResult): string[] {
  const named = r.warnings.find((w) => w.code === 'non_finite')?.message ?? '';
  const seZero = r.warnings.some((w) => w.code === 'se_zero');
  const { studies: _studies, ...top } = r;
  return nonFinite(top).map(fieldOf).filter((f) => {
    if (NOT_APPLICABLE.has(f) && valueAt(top, f) === null) return false;
    if (f === 'pval' && (seZero || /\bse\b/.test(named))) return false;
    return !new RegExp(`(: |, )${f.replace('.', '\\.')}(,|;)`).test(named);
  });
}

describe('issue 15: what the engine cannot compute is named in a warning', () => {
  test('fit(): yi = 1e200 names every null field in non_finite, and no longer says "every study has the same effect"', () => {
    const r = fit([{ study: 'A', yi: 1e200, vi: 0.1 }, { study: 'B', yi: 0.2, vi: 0.1 }, { study: 'C', yi: 0.3, vi: 0.2 }],
      { measure: 'GEN', method: 'REML', test: 'knha' });
    expect(r.warnings.map((w) => w.code)).toEqual(['non_finite']);
    expect(r.warnings[0].message).toMatch(/^not a finite number \(shown as null\): estimate, se, ci, pi, tau2, /);
    expect(r.warnings[0].message).toMatch(/yi from 0\.2 to 1e\+200, vi from 0\.1 to 0\.2\)$/);
    expect(unexplained(r)).toEqual([]);
  });

  test('fit(): vi = 5e-324 names I2 and H2 in non_finite (was: null I²/H², no warning)', () => {
    const r = fit([{ study: 'A', yi: 0.1, vi: 0.04 }, { study: 'B', yi: 0.2, vi: 5e-324 }, { study: 'C', yi: 0.3, vi: 0.2 }],
      { measure: 'GEN', method: 'DL', test: 'z' });
    const w = r.warnings.find((x) => x.code === 'non_finite');
    expect(w?.message).toMatch(/I2, H2/);
    expect(unexplained(r)).toEqual([]);
  });

  test('fit(): one study with nearly all the weight and a Hartung–Knapp SE of 0 is not called "the same effect"', () => {
    const r = fit([{ study: 'A', yi: 1, vi: 1 }, { study: 'B', yi: 2, vi: 1e-100 }], { measure: 'GEN', method: 'REML', test: 'knha' });
    const w = r.warnings.find((x) => x.code === 'se_zero');
    expect(w?.message).toMatch(/^the Hartung–Knapp standard error is 0 although the effects differ/);
  });

  test('fit() on the documented range (|yi| ≤ 1e50, vi 1e-100 … 1e100): every non-finite field is named (property)', () => {
    const yi = fc.oneof(
      fc.constantFrom(1e50, -1e50, 0),
      fc.double({ min: -50, max: 50, noNaN: true }).map((u) => Math.sign(u) * 10 ** Math.abs(u)),
      fc.double({ min: -3, max: 3, noNaN: true }),
    );
    const vi = fc.oneof(
      fc.constantFrom(1e-100, 1e100),
      fc.double({ min: -100, max: 100, noNaN: true }).map((u) => 10 ** u),
    );
    const studies = fc.array(fc.record({ yi, vi }), { minLength: 1, maxLength: 8 });
    const seen = { nonFinite: 0 };
    fc.assert(fc.property(studies, fc.constantFrom(...METHODS), fc.constantFrom(...TESTS), (list, method, test) => {
      const r = fit(list.map((s, i) => ({ study: `s${i + 1}`, ...s })), { measure: 'GEN', method, test });
      if (r.warnings.some((w) => w.code === 'non_finite')) seen.nonFinite++;
      expect(unexplained(r)).toEqual([]);
    }), fuzz(400));
    // the range's ends reach the cases the warning is for (one study with nearly all the weight, DL at k = 2)
    expect(seen.nonFinite).toBeGreaterThan(0);
  });
});
