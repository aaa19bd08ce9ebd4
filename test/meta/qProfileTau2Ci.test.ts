import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fit } from '../../src/meta/fit.ts';
import { qProfileTau2Ci } from '../../src/meta/qProfileTau2Ci.ts';
import type { Method, Test } from '../../src/meta/types.ts';
import { close } from './tolerances.ts';

// Expected values: metafor 3.8.1 rma.uni + confint on k = 2 000 and k = 5 000 simulated studies and a k = 2 pair
// whose upper τ² bound is beyond the search limit (scripts/reference/large-k.R → test/fixtures/large-k.json).
interface LargeK {
  readonly data: Readonly<Record<string, { yi: number[]; vi: number[] }>>;
  readonly cases: readonly {
    name: string; data: string; method: Method; test: Test;
    expected: {
      k: number; estimate: number; se: number; ci: [number, number]; tau2: number; tau2_ci: [number, number];
      Q: number; Q_p: number; I2: number; H2: number;
    };
  }[];
}
const fx = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/large-k.json'), 'utf8')) as LargeK;

/** Tolerances (relative) by quantity; τ² and its CI are solved to ~1e-12 by both programs. */
const TOL = { estimate: 1e-9, tau2: 1e-8, tau2_ci: 1e-8, Q: 1e-10, Q_p: 1e-9, I2: 1e-8 } as const;

const arrays = (name: string): [Float64Array, Float64Array] => [
  Float64Array.from(fx.data[name].yi), Float64Array.from(fx.data[name].vi),
];

describe('qProfileTau2Ci and fit() at large k against metafor', () => {
  for (const c of fx.cases) {
    test(`${c.name}: Q, Q_p, τ², Q-profile CI, estimate and I² as metafor`, () => {
      const d = fx.data[c.data];
      const r = fit(d.yi.map((yi, i) => ({ study: `s${i + 1}`, yi, vi: d.vi[i] })), {
        measure: 'GEN', method: c.method, test: c.test,
      });
      const e = c.expected;
      const rows: [string, number, number, number][] = [
        ['Q', r.Q, e.Q, TOL.Q], ['Q_p', r.Q_p, e.Q_p, TOL.Q_p], ['tau2', r.tau2, e.tau2, TOL.tau2],
        ['tau2_ci.lb', r.tau2_ci![0], e.tau2_ci[0], TOL.tau2_ci], ['tau2_ci.ub', r.tau2_ci![1], e.tau2_ci[1], TOL.tau2_ci],
        ['estimate', r.estimate, e.estimate, TOL.estimate], ['se', r.se, e.se, TOL.estimate],
        ['I2', r.I2, e.I2, TOL.I2], ['H2', r.H2, e.H2, TOL.I2],
      ];
      const bad = rows.filter(([, a, x, tol]) => !close(a, x, tol)).map(([n, a, x]) => `${n}: ${a} vs metafor ${x}`);
      expect(bad).toEqual([]);
    });
  }

  test('Q_p at k = 2 000 is metafor\'s 0.33486141906802 (was 0.3419, 2 % off, before the χ² fix)', () => {
    const c = fx.cases.find((x) => x.data === 'homogeneous_2000')!;
    expect(c.expected.k).toBe(2000);
    const [y, v] = arrays('homogeneous_2000');
    const r = fit(Array.from(y, (yi, i) => ({ study: `s${i}`, yi, vi: v[i] })), { measure: 'GEN', method: 'DL', test: 'z' });
    expect(Math.abs(r.Q_p / 0.33486141906802 - 1)).toBeLessThan(1e-9);
  });

  test('the lower Q-profile bound at k = 5 000 is metafor\'s 0.00824455855500146 (was 0.0082414)', () => {
    const [y, v] = arrays('heterogeneous_5000');
    expect(y.length).toBe(5000);
    const q = qProfileTau2Ci(y, v, 0.0102);
    expect(Math.abs(q.ci[0] / 0.00824455855500146 - 1)).toBeLessThan(1e-8);
    expect(q.censored).toBeNull();
    expect(q.limit).toBe(100);
  });

  test('k = 2 far apart: the upper bound is the search limit (100, as metafor\'s confint) and flagged censored', () => {
    const [y, v] = arrays('k2_censored');
    const q = qProfileTau2Ci(y, v, 0.965);
    expect(q.ci[1]).toBe(100);
    expect(q.censored).toBe('upper');
  });

  test('both bounds beyond the limit are flagged "both"', () => {
    // Q(100) = 1e6² / (2·100 + 2e-4) > χ²(1) 97.5 % quantile: both roots lie above the limit 100 = max(100, 10 τ̂²)
    const q = qProfileTau2Ci(Float64Array.of(0, 1e3), Float64Array.of(1e-4, 1e-4), 5);
    expect(q.ci).toEqual([100, 100]);
    expect(q.censored).toBe('both');
  });
});
