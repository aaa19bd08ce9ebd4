import { describe, expect, test } from 'vitest';
import { weibullAt, weibullFromLandmarks, weibullQuantile } from '../../src/survival/weibullFromLandmarks.ts';
import { expectAllClose, expectClose, fixture } from './fixture.ts';

describe('weibullFromLandmarks({landmarks, median}) — least squares on log(−log S) vs log t', () => {
  const ref = fixture.weibull;
  const input = { landmarks: [{ time: 60, surv: 0.74 }, { time: 120, surv: 0.51 }], median: 125 };
  test('shape and scale equal R lm(log(-log S) ~ log t) (test/fixtures/survival.json)', () => {
    const w = weibullFromLandmarks(input);
    expect(w.kind).toBe('model-based');
    expectClose(w.shape, ref.shape, 1e-9, 'shape');
    expectClose(w.scale, ref.scale, 1e-9, 'scale');
    expectAllClose(ref.s_at.time.map((t) => weibullAt(w, t)), ref.s_at.surv, 1e-9, 'S(t)');
  });
  test('two points are fitted exactly: S(t) = exp(−(t/λ)^k) through both', () => {
    const w = weibullFromLandmarks({ landmarks: [{ time: 12, surv: 0.8 }], median: 40 });
    expect(weibullAt(w, 12)).toBeCloseTo(0.8, 12);
    expect(weibullQuantile(w, 0.5)).toBeCloseTo(40, 10);
  });
  test('one point falls back to the exponential (shape 1) with a warning', () => {
    const w = weibullFromLandmarks({ median: 30 });
    expect(w.shape).toBe(1);
    expect(weibullAt(w, 30)).toBeCloseTo(0.5, 12);
    expect(w.warnings.some((x) => x.includes('shape fixed at 1'))).toBe(true);
  });
});
