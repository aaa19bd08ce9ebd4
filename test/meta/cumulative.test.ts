import { describe, expect, test } from 'vitest';
import { cumulative } from '../../src/meta/cumulative.ts';
import { datasets, effectsOf, expectClose } from './diagnosticsFixture.ts';

describe('cumulative(effects, options, order)', () => {
  for (const d of datasets) {
    for (const c of d.cases) {
      test(`matches metafor cumul(order = ${d.order_column}) on ${d.name}, ${c.method}/${c.test} (fixture meta-diagnostics.json)`,
        () => {
          const keys = d.studies.map((s) => s.order);
          const order = typeof keys[0] === 'number' ? keys as number[] : keys as string[];
          const rows = cumulative(effectsOf(d), { measure: d.measure, method: c.method, test: c.test }, order);
          expect(rows.map((r) => r.study)).toEqual(c.cumulative.map((r) => r.study));
          rows.forEach((r, j) => {
            const x = c.cumulative[j];
            const at = `step ${j + 1} (${x.study})`;
            expect(r.k).toBe(j + 1);
            expectClose(r.estimate, x.estimate, `${at} estimate`);
            expectClose(r.se, x.se, `${at} se`);
            expectClose(r.ci[0], x.ci[0], `${at} ci.lb`);
            expectClose(r.ci[1], x.ci[1], `${at} ci.ub`);
            expectClose(r.tau2, x.tau2, `${at} tau2`);
            expectClose(r.I2, x.I2, `${at} I2`);
            expectClose(r.Q, x.Q, `${at} Q`);
            expectClose(r.Q_p, x.Q_p, `${at} Q_p`);
          });
        });
    }
  }

  test('keeps the input order for tied keys and sorts a missing number (NaN) last', () => {
    const effects = ['A', 'B', 'C', 'D'].map((study, i) => ({ study, yi: i / 10, vi: 0.1 }));
    const rows = cumulative(effects, { measure: 'GEN', method: 'FE', test: 'z' }, [2001, Number.NaN, 1999, 2001]);
    expect(rows.map((r) => r.study)).toEqual(['C', 'A', 'D', 'B']);
  });

  test('throws when the number of order keys differs from the number of studies', () => {
    expect(() => cumulative([{ study: 'A', yi: 0, vi: 1 }], { measure: 'GEN', method: 'FE', test: 'z' }, [1, 2]))
      .toThrow(RangeError);
  });
});
