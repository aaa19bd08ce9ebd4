import { describe, expect, test } from 'vitest';
import { glmm } from '../../src/meta/glmm.ts';
import fixture from '../fixtures/glmm-large.json' with { type: 'json' };

// Expected values: scripts/reference/glmm-large.R → test/fixtures/glmm-large.json, on the synthetic studies the
// benchmark times (bench/data.ts syntheticBinomial, k = 50 and 500): an exact oracle (Newton's method on the
// likelihood with every integral by stats::integrate) and metafor 3.8-1 rma.glmm(measure = "PLO", method = "ML").
interface Fit {
  estimate: number;
  se: number;
  tau2: number;
}
interface Set {
  k: number;
  xi: number[];
  ni: number[];
  metafor_nagq7: Fit;
  metafor_nagq25: Fit;
  exact: Fit & { logLik: number };
}
const sets = fixture.sets as Set[];
const rows = (s: Set) => s.xi.map((events, i) => ({ events, n: s.ni[i] }));
const rel = (x: number, ref: number) => Math.abs(x - ref) / Math.abs(ref);

describe('glmm(studies) at k = 50 and 500', () => {
  test.each(sets.map((s) => [s.k, s] as const))('k = %i: estimate, τ², SE and logLik of the exact ML fit to 1e-8', (_k, s) => {
    const r = glmm(rows(s));
    expect(r.converged).toBe(true);
    expect(r.warnings).toEqual([]);
    expect(rel(r.estimate, s.exact.estimate)).toBeLessThan(1e-8);
    expect(rel(r.tau2, s.exact.tau2)).toBeLessThan(1e-8);
    expect(rel(r.se, s.exact.se)).toBeLessThan(1e-8);
    expect(rel(r.logLik, s.exact.logLik)).toBeLessThan(1e-8);
  });

  test.each(sets.map((s) => [s.k, s] as const))('k = %i: metafor rma.glmm with nAGQ = 25 to 1e-6, with its default nAGQ = 7 to 1e-4', (_k, s) => {
    const r = glmm(rows(s));
    for (const [ref, tol] of [[s.metafor_nagq25, 1e-6], [s.metafor_nagq7, 1e-4]] as const) {
      expect(rel(r.estimate, ref.estimate)).toBeLessThan(tol);
      expect(rel(r.tau2, ref.tau2)).toBeLessThan(tol);
      expect(rel(r.se, ref.se)).toBeLessThan(tol);
    }
  });
});
