import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fit } from '../../src/meta/fit.ts';
import { METHODS, TESTS, type EffectSize } from '../../src/meta/types.ts';

const effect = fc.record({
  yi: fc.double({ min: -5, max: 5, noNaN: true }),
  vi: fc.double({ min: 1e-3, max: 4, noNaN: true }),
});
const studies = fc.array(effect, { minLength: 2, maxLength: 25 })
  .map((xs): EffectSize[] => xs.map((x, i) => ({ study: `s${i}`, ...x })));
const method = fc.constantFrom(...METHODS);
const testName = fc.constantFrom(...TESTS);
const relClose = (a: number, b: number, rel = 1e-8) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));

describe('fit(effects, options) invariants (fast-check)', () => {
  test('results do not depend on study order', () => {
    const permuted = studies
      .chain((es) => fc.tuple(fc.constant(es), fc.shuffledSubarray(es, { minLength: es.length })));
    fc.assert(fc.property(permuted, method, testName, ([es, shuffled], m, t) => {
      const a = fit(es, { measure: 'GEN', method: m, test: t });
      const b = fit(shuffled, { measure: 'GEN', method: m, test: t });
      expect(relClose(a.estimate, b.estimate)).toBe(true);
      expect(relClose(a.se, b.se)).toBe(true);
      expect(relClose(a.tau2, b.tau2)).toBe(true);
      expect(relClose(a.Q, b.Q)).toBe(true);
    }));
  });
  test('the FE estimate lies within [min yi, max yi]', () => {
    fc.assert(fc.property(studies, (es) => {
      const r = fit(es, { measure: 'GEN', method: 'FE', test: 'z' });
      const ys = es.map((e) => e.yi);
      expect(r.estimate).toBeGreaterThanOrEqual(Math.min(...ys) - 1e-12);
      expect(r.estimate).toBeLessThanOrEqual(Math.max(...ys) + 1e-12);
    }));
  });
  test('τ² ≥ 0 and 0 ≤ I² < 100 for every method', () => {
    fc.assert(fc.property(studies, method, (es, m) => {
      const r = fit(es, { measure: 'GEN', method: m, test: 'z' });
      expect(r.tau2).toBeGreaterThanOrEqual(0);
      expect(r.I2).toBeGreaterThanOrEqual(0);
      expect(r.I2).toBeLessThan(100);
    }));
  });
  test('adhoc CIs are never narrower than z CIs', () => {
    fc.assert(fc.property(studies, method, (es, m) => {
      const z = fit(es, { measure: 'GEN', method: m, test: 'z' });
      const a = fit(es, { measure: 'GEN', method: m, test: 'adhoc' });
      expect(a.se).toBeGreaterThanOrEqual(z.se * (1 - 1e-12));
    }));
  });
});
