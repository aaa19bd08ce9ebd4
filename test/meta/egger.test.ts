import { describe, expect, test } from 'vitest';
import { egger } from '../../src/meta/egger.ts';
import { datasets, effectsOf, expectClose } from './diagnosticsFixture.ts';

describe('egger(effects)', () => {
  for (const d of datasets) {
    test(`matches metafor regtest(model = "lm", predictor = "sei") on ${d.name} (fixture meta-diagnostics.json)`, () => {
      const r = egger(effectsOf(d));
      expectClose(r.t, d.egger.t, 't');
      expect(r.df).toBe(d.egger.df);
      expectClose(r.p, d.egger.p, 'p');
      expectClose(r.intercept, d.egger.intercept, 'intercept');
      expectClose(r.slope, d.egger.slope, 'slope');
    });
  }

  test('warns small_k_bias when k < 10 and not when k ≥ 10', () => {
    const small = datasets.find((d) => d.studies.length < 10)!;
    const large = datasets.find((d) => d.studies.length >= 10)!;
    expect(egger(effectsOf(small)).warnings.map((w) => w.code)).toEqual(['small_k_bias']);
    expect(egger(effectsOf(large)).warnings).toEqual([]);
  });

  test('is invariant to the order of the studies', () => {
    const d = datasets[0];
    const reversed = effectsOf(d).reverse();
    expectClose(egger(reversed).t, d.egger.t, 't');
  });
});
