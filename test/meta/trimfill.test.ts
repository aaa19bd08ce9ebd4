import { describe, expect, test } from 'vitest';
import { trimfill } from '../../src/meta/trimfill.ts';
import { datasets, effectsOf, expectClose } from './diagnosticsFixture.ts';

describe('trimfill(effects, options)', () => {
  for (const d of datasets) {
    for (const c of d.cases) {
      test(`matches metafor trimfill(estimator = "L0") on ${d.name}, ${c.method}/${c.test} (fixture meta-diagnostics.json)`,
        () => {
          const r = trimfill(effectsOf(d), { measure: d.measure, method: c.method, test: c.test });
          const x = c.trimfill;
          expect(r.k0).toBe(x.k0);
          expect(r.side).toBe(x.side);
          expectClose(r.estimate, x.estimate, 'estimate');
          expectClose(r.se, x.se, 'se');
          expectClose(r.ci[0], x.ci[0], 'ci.lb');
          expectClose(r.ci[1], x.ci[1], 'ci.ub');
          expectClose(r.tau2, x.tau2, 'tau2');
          expect(r.filled.map((f) => f.study)).toEqual(x.filled.map((f) => f.study));
          r.filled.forEach((f, i) => {
            expectClose(f.yi, x.filled[i].yi, `${f.study} yi`);
            expectClose(f.vi, x.filled[i].vi, `${f.study} vi`);
          });
        });
    }
  }

  test('imputes on the side it is given (dat.bcg, side = "left": metafor trimfill(res, side = "left") → k0 = 0)', () => {
    // metafor 3.8-1: trimfill(rma(yi, vi, data = dat.bcg-RR), side = "left")$k0 is 0, so the fit is the original
    const d = datasets.find((x) => x.name === 'dat.bcg')!;
    const c = d.cases.find((x) => x.method === 'REML' && x.test === 'z')!;
    const r = trimfill(effectsOf(d), { measure: 'GEN', method: 'REML', test: 'z' }, 'left');
    expect(r.side).toBe('left');
    expect(r.k0).toBe(0);
    expectClose(r.estimate, c.fit.estimate, 'estimate');
  });

  test('warns small_k_bias when k < 10', () => {
    const small = datasets.find((d) => d.studies.length < 10)!;
    const r = trimfill(effectsOf(small), { measure: 'PLO', method: 'REML', test: 'knha' });
    expect(r.warnings.map((w) => w.code)).toContain('small_k_bias');
  });

  test('throws a RangeError for fewer than 3 studies', () => {
    expect(() => trimfill([{ study: 'A', yi: 0, vi: 1 }, { study: 'B', yi: 1, vi: 1 }],
      { measure: 'GEN', method: 'FE', test: 'z' })).toThrow(RangeError);
  });
});

describe('trimfill(effects, options) invariants', () => {
  test('negating every effect swaps the side, negates the estimate and keeps k0 (dat.hackshaw1998, REML)', () => {
    const d = datasets.find((x) => x.name === 'dat.hackshaw1998')!;
    const c = d.cases.find((x) => x.method === 'REML' && x.test === 'z')!;
    const negated = effectsOf(d).map((e) => ({ ...e, yi: -e.yi }));
    const r = trimfill(negated, { measure: 'GEN', method: 'REML', test: 'z' });
    expect(r.side).toBe(c.trimfill.side === 'left' ? 'right' : 'left');
    expect(r.k0).toBe(c.trimfill.k0);
    expectClose(r.estimate, -c.trimfill.estimate, 'estimate');
  });
});
