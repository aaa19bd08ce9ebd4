/**
 * Issue 15, "χ² upper-tail p-values are wrong above about 1 850 degrees of freedom": Q_p was 0.3419 where metafor
 * gives 0.33486 at k = 2 000 (stdlib's gammainc takes a faulty large-x branch), the subgroup test's p uses the same
 * function, and the lower Q-profile τ² bound at k = 5 000 was 0.0082414 for metafor's 0.0082446. Expected values:
 * metafor 3.8.1 (scripts/reference/large-k.R → test/fixtures/large-k.json) and R's pchisq
 * (scripts/reference/distributions.R → test/fixtures/distributions.json).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseArgs } from '../../src/cli/args.ts';
import { run as pool } from '../../src/cli/commands/pool.ts';
import { chisqUpper } from '../../src/meta/chiSquare.ts';
import { nelm, writeInput } from '../cli/runCli.ts';

interface LargeK {
  readonly data: Readonly<Record<string, { yi: number[]; vi: number[] }>>;
  readonly cases: readonly {
    data: string; method: string; test: string; expected: { Q_p: number; tau2_ci: number[] };
  }[];
}
const fx = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/large-k.json'), 'utf8')) as LargeK;
const expected = (data: string, method: string) => fx.cases
  .find((c) => c.data === data && c.method === method)!.expected;

/** A study,yi,vi CSV of a fixture data set; `group` adds a column for --by. */
function csv(name: string, group?: (i: number) => string): string {
  const d = fx.data[name];
  const lines = d.yi.map((yi, i) => `s${i + 1},${yi},${d.vi[i]}${group ? `,${group(i)}` : ''}`);
  return writeInput(`${name}.csv`, [`study,yi,vi${group ? ',g' : ''}`, ...lines].join('\n') + '\n');
}

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('issue 15: χ² p-values and the Q-profile CI with thousands of degrees of freedom', () => {
  test('nelm pool on k = 2 000 prints metafor\'s Q_p 0.33486141906802 (was 0.3419)', () => {
    const run = nelm('pool', '--input', csv('homogeneous_2000'), '--measure', 'GEN', '--method', 'REML', '--test', 'z');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { k: number; Q_p: number; tau2_ci: number[] };
    expect(out.k).toBe(2000);
    expect(rel(out.Q_p, expected('homogeneous_2000', 'REML').Q_p)).toBeLessThan(1e-9);
  }, 60_000);

  test('pool --by with 2 000 one-study subgroups: the between-subgroup p is χ²(1 999) of Q_between, as pchisq', () => {
    const out = JSON.parse(pool(parseArgs(['--input', csv('homogeneous_2000', (i) => `g${i}`), '--measure', 'GEN',
      '--method', 'REML', '--test', 'z', '--by', 'g']))) as { Q_between: number; Q_between_p: number; subgroups: unknown[] };
    expect(out.subgroups).toHaveLength(2000);
    // one study per subgroup: Q_between on the subgroup estimates is Cochran's Q of the studies, so its p is
    // metafor's QEp for the whole set
    expect(rel(out.Q_between_p, expected('homogeneous_2000', 'REML').Q_p)).toBeLessThan(1e-9);
  }, 60_000);

  test('pool on k = 5 000: the lower Q-profile τ² bound is metafor\'s 0.00824455855500146 (was 0.0082414)', () => {
    const out = JSON.parse(pool(parseArgs(['--input', csv('heterogeneous_5000'), '--measure', 'GEN', '--method', 'DL',
      '--test', 'z']))) as { k: number; tau2_ci: number[] };
    expect(out.k).toBe(5000);
    const e = expected('heterogeneous_5000', 'DL').tau2_ci;
    expect(rel(out.tau2_ci[0], e[0])).toBeLessThan(1e-8);
    expect(rel(out.tau2_ci[1], e[1])).toBeLessThan(1e-8);
  }, 60_000);

  test('chisqUpper just above the old breakdown (df 1 849 … 10⁶, x at the upper 2.5 % point) is pchisq', () => {
    const grid = (JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/distributions.json'), 'utf8')) as {
      chisq: { df: number; x: number; upper: number }[];
    }).chisq.filter((r) => r.df >= 1849 && rel(r.upper, 0.025) < 1e-9);
    expect(grid.length).toBeGreaterThan(10);
    for (const r of grid) expect(rel(chisqUpper(r.x, r.df), r.upper), `df ${r.df}`).toBeLessThan(1e-12);
  });
});
