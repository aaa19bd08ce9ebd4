import { describe, expect, test } from 'vitest';
import { backTransformValue, harmonicMeanN, inverseDoubleArcsine } from '../../src/meta/backTransform.ts';

// Expected values: metafor 3.8-1 transf.* functions (Rscript, options(digits = 17)).
describe('backTransformValue(measure, y, n̄, exponentiate)', () => {
  test('PFT: Miller inverse with the harmonic mean n, as transf.ipft.hm(c(0.3, 0.7, 1.2, 0.01, 1.56), ni = c(10, 20, 40))', () => {
    const nh = harmonicMeanN([10, 20, 40].map((n) => ({ study: 's', yi: 0, vi: 1, n })));
    const expected = [0.065345705019862088, 0.410199848539814782, 0.888902890873579321, 0, 1];
    [0.3, 0.7, 1.2, 0.01, 1.56].forEach((y, i) => expect(backTransformValue('PFT', y, nh, false)).toBeCloseTo(expected[i], 14));
  });
  test('PAS: sin² clamped, as transf.iarcsin(c(-0.1, 0.5, 2)) = 0, 0.22984884706593015, 1', () => {
    expect(backTransformValue('PAS', -0.1, Number.NaN, false)).toBe(0);
    expect(backTransformValue('PAS', 0.5, Number.NaN, false)).toBeCloseTo(0.22984884706593015, 15);
    expect(backTransformValue('PAS', 2, Number.NaN, false)).toBe(1);
  });
  test('PLO: inverse logit, as transf.ilogit(0.3) = 0.57444251681165903', () => {
    expect(backTransformValue('PLO', 0.3, Number.NaN, false)).toBeCloseTo(0.57444251681165903, 15);
  });
  test('PR: clamped to [0, 1]', () => {
    expect([backTransformValue('PR', -0.02, 1, false), backTransformValue('PR', 0.4, 1, false), backTransformValue('PR', 1.1, 1, false)])
      .toEqual([0, 0.4, 1]);
  });
  test('GEN: identity, or exp for log ratios', () => {
    expect(backTransformValue('GEN', Math.log(2), 1, true)).toBeCloseTo(2, 15);
    expect(backTransformValue('GEN', -3, 1, false)).toBe(-3);
  });
  test('inverseDoubleArcsine of the transform of 0 and n events is 0 and 1', () => {
    const n = 12;
    const at = (x: number) => 0.5 * (Math.asin(Math.sqrt(x / (n + 1))) + Math.asin(Math.sqrt((x + 1) / (n + 1))));
    expect(inverseDoubleArcsine(at(0) - 1e-9, n)).toBe(0);
    expect(inverseDoubleArcsine(at(n) + 1e-9, n)).toBe(1);
  });
});
