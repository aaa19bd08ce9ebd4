import { describe, expect, test } from 'vitest';
import { leave1out } from '../../src/meta/leave1out.ts';
import { datasets, effectsOf, expectClose } from './diagnosticsFixture.ts';

describe('leave1out(effects, options)', () => {
  for (const d of datasets) {
    for (const c of d.cases) {
      test(`matches metafor leave1out on ${d.name}, method ${c.method}, test ${c.test} (fixture meta-diagnostics.json)`, () => {
        const rows = leave1out(effectsOf(d), { measure: d.measure, method: c.method, test: c.test });
        expect(rows.map((r) => r.study)).toEqual(c.leave1out.map((r) => r.study));
        rows.forEach((r, i) => {
          const x = c.leave1out[i];
          const at = `${x.study}`;
          expect(r.k).toBe(d.studies.length - 1);
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

  test('returns no rows for a single study', () => {
    expect(leave1out([{ study: 'A', yi: 0.1, vi: 0.2 }], { measure: 'GEN', method: 'REML', test: 'z' })).toEqual([]);
  });
});

describe('leave1out(effects, options) invariants', () => {
  test('reordering the studies reorders the rows and changes no number (dat.bcg, REML/knha)', () => {
    const d = datasets.find((x) => x.name === 'dat.bcg')!;
    const c = d.cases.find((x) => x.method === 'REML' && x.test === 'knha')!;
    const rows = leave1out(effectsOf(d).reverse(), { measure: 'GEN', method: 'REML', test: 'knha' });
    const expected = [...c.leave1out].reverse();
    expect(rows.map((r) => r.study)).toEqual(expected.map((r) => r.study));
    rows.forEach((r, i) => expectClose(r.estimate, expected[i].estimate, `${r.study} estimate`));
  });
});
