/**
 * Issue 15, "at k = 2 the τ² CI upper bound prints the search cap (100) as if it were a value": the bound stays the
 * number metafor's confint returns (100, the end of its search interval max(100, 10 τ̂²)), so tau2_ci keeps its
 * shape [lb, ub] and matches metafor, and a `tau2_ci_censored` warning says it is a bound (metafor prints ">100").
 * Expected values: metafor 3.8.1 confint(rma(c(0.1, 1.5), c(0.01, 0.02))) → τ² CI [0.1801, >100]
 * (scripts/reference/large-k.R → test/fixtures/large-k.json, data k2_censored).
 */
import { describe, expect, test } from 'vitest';
import { parseArgs } from '../../src/cli/args.ts';
import { run as pool } from '../../src/cli/commands/pool.ts';
import { nelm, writeInput } from '../cli/runCli.ts';

const K2 = writeInput('k2_censored.csv', 'study,yi,vi\nA,0.1,0.01\nB,1.5,0.02\n');
const MESSAGE = 'the upper bound of the τ² CI is beyond the search limit (100): reported as 100, read as > 100 '
  + '(metafor prints >100)';

interface Out {
  readonly tau2_ci: readonly number[];
  readonly warnings: readonly { code: string; message: string }[];
}

describe('issue 15: a τ² CI bound beyond the search limit is marked censored', () => {
  test('nelm pool at k = 2: tau2_ci is [0.180068113301305, 100] as metafor, with the tau2_ci_censored warning', () => {
    const run = nelm('pool', '--input', K2, '--measure', 'GEN');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as Out;
    expect(out.tau2_ci[0]).toBeCloseTo(0.180068113301305, 12);
    expect(out.tau2_ci[1]).toBe(100);
    expect(out.warnings).toContainEqual({ code: 'tau2_ci_censored', message: MESSAGE });
  }, 60_000);

  test.each(['REML', 'DL', 'ML', 'PM'])('--method %s: the same warning (every Q-profile method)', (method) => {
    const out = JSON.parse(pool(parseArgs(['--input', K2, '--measure', 'GEN', '--method', method]))) as Out;
    expect(out.tau2_ci[1]).toBe(100);
    expect(out.warnings.map((w) => w.code)).toContain('tau2_ci_censored');
  });

  test('a bound inside the search range carries no such warning', () => {
    const near = writeInput('k2_near.csv', 'study,yi,vi\nA,0.1,0.01\nB,0.3,0.02\n');
    const out = JSON.parse(pool(parseArgs(['--input', near, '--measure', 'GEN']))) as Out;
    expect(out.tau2_ci[1]).toBeLessThan(100);
    expect(out.warnings.map((w) => w.code)).not.toContain('tau2_ci_censored');
  });
});
