import { describe, expect, test } from 'vitest';
import { funnelRegression } from '../../src/meta/funnelRegression.ts';
import { datasets, expectClose } from './diagnosticsFixture.ts';

describe('funnelRegression(y, v, method)', () => {
  for (const d of datasets) {
    for (const r of d.side_regressions) {
      test(`matches metafor rma(yi, vi, mods = sqrt(vi), method = "${r.method}") on ${d.name} (fixture meta-diagnostics.json)`,
        () => {
          const f = funnelRegression(d.studies.map((s) => s.yi), d.studies.map((s) => s.vi), r.method);
          expectClose(f.tau2, r.tau2, 'tau2');
          expectClose(f.slope, r.slope, 'slope');
          expectClose(f.intercept, r.intercept, 'intercept');
        });
    }
  }

  test('with method FE has the slope of Egger\'s regression (fixture meta-diagnostics.json, regtest lm)', () => {
    const d = datasets[0];
    const f = funnelRegression(d.studies.map((s) => s.yi), d.studies.map((s) => s.vi), 'FE');
    expect(f.tau2).toBe(0);
    expectClose(f.slope, d.egger.slope, 'slope');
  });
});
