import { describe, expect, test } from 'vitest';
import { begg } from '../../src/meta/begg.ts';
import { datasets, effectsOf, expectClose } from './diagnosticsFixture.ts';

describe('begg(effects)', () => {
  for (const d of datasets) {
    test(`matches metafor ranktest on ${d.name} (fixture meta-diagnostics.json)`, () => {
      const r = begg(effectsOf(d));
      expectClose(r.tau, d.begg.tau, 'tau');
      expectClose(r.p, d.begg.p, 'p');
    });
  }

  test('uses the normal approximation only when there are ties (copied studies in pritz-small-ties)', () => {
    expect(begg(effectsOf(datasets.find((d) => d.name === 'pritz-small-ties')!)).exact).toBe(false);
    expect(begg(effectsOf(datasets.find((d) => d.name === 'dat.bcg')!)).exact).toBe(true);
  });

  test('warns small_k_bias when k < 10', () => {
    const small = datasets.find((d) => d.studies.length < 10)!;
    expect(begg(effectsOf(small)).warnings).toEqual([expect.objectContaining({ code: 'small_k_bias' })]);
    expect(begg(effectsOf(datasets[0])).warnings).toEqual([]);
  });
});
