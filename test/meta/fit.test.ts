import { describe, expect, test } from 'vitest';
import { fit } from '../../src/meta/fit.ts';
import type { FitResult } from '../../src/meta/types.ts';
import { effectsOf, metaCore, type FixtureCase } from './metaCoreFixture.ts';
import { close, relError, TOL } from './tolerances.ts';

/** Every compared quantity of one case: [label, actual, expected, tolerance]. */
function comparisons(c: FixtureCase, r: FitResult): [string, number, number, number][] {
  const e = c.expected;
  const rows: [string, number, number, number][] = [
    ['estimate', r.estimate, e.estimate, TOL.estimate],
    ['se', r.se, e.se, TOL.se],
    ['ci.lb', r.ci[0], e.ci[0], TOL.ci],
    ['ci.ub', r.ci[1], e.ci[1], TOL.ci],
    ['tau2', r.tau2, e.tau2, TOL.tau2],
    ['I2', r.I2, e.I2, TOL.heterogeneity],
    ['H2', r.H2, e.H2, TOL.heterogeneity],
    ['Q', r.Q, e.Q, TOL.heterogeneity],
    ['Q_p', r.Q_p, e.Q_p, TOL.pvalue],
    ['pval', r.pval ?? Number.NaN, e.pval, TOL.pvalue],
    ['back.estimate', r.back.estimate, e.back.estimate, TOL.back],
    ['back.ci.lb', r.back.ci[0], e.back.ci[0], TOL.back],
    ['back.ci.ub', r.back.ci[1], e.back.ci[1], TOL.back],
  ];
  e.yi.forEach((y, i) => rows.push([`yi[${i}]`, r.studies[i].yi, y, TOL.effect]));
  e.vi.forEach((v, i) => rows.push([`vi[${i}]`, r.studies[i].vi, v, TOL.effect]));
  e.weights.forEach((w, i) => rows.push([`weight[${i}]`, r.studies[i].weight, w, TOL.weight]));
  if (e.pi && r.pi) {
    rows.push(['pi.lb', r.pi[0], e.pi[0], TOL.pi], ['pi.ub', r.pi[1], e.pi[1], TOL.pi]);
  }
  if (e.back.pi && r.back.pi) {
    rows.push(['back.pi.lb', r.back.pi[0], e.back.pi[0], TOL.back], ['back.pi.ub', r.back.pi[1], e.back.pi[1], TOL.back]);
  }
  if (e.tau2_ci && r.tau2_ci) {
    rows.push(['tau2_ci.lb', r.tau2_ci[0], e.tau2_ci[0], TOL.tau2_ci], ['tau2_ci.ub', r.tau2_ci[1], e.tau2_ci[1], TOL.tau2_ci]);
  }
  return rows;
}

// Expected values: metafor (version in the fixture) via scripts/reference/meta-core.R → test/fixtures/meta-core.json.
describe(`fit(effects, options) matches metafor ${metaCore.metafor} rma.uni/predict/confint/weights`, () => {
  test.each(metaCore.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = fit(effectsOf(c), { measure: c.measure, method: c.method, test: c.test, exponentiate: c.exponentiate });
    expect(r.k).toBe(c.expected.k);
    expect(r.test).toBe(c.expected.test);
    expect(r.pi === null).toBe(c.expected.pi === null);
    expect(r.back.pi === null).toBe(c.expected.back.pi === null);
    expect(r.tau2_ci === null).toBe(c.expected.tau2_ci === null);
    const bad = comparisons(c, r)
      .filter(([, a, x, tol]) => !close(a, x, tol))
      .map(([label, a, x]) => `${label}: ${a} vs metafor ${x} (rel ${relError(a, x).toExponential(2)})`);
    expect(bad).toEqual([]);
  });
});
