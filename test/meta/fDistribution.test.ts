import { describe, expect, test } from 'vitest';
import { fUpper } from '../../src/meta/fDistribution.ts';
import { tTwoSidedP } from '../../src/meta/studentT.ts';

describe('fUpper(x, df1, df2)', () => {
  // R 4.x: sprintf("%.17g", pf(x, df1, df2, lower.tail = FALSE))
  test.each([
    [3.2, 2, 10, 0.0842909133538738],
    [45.1, 3, 7, 6.0279877334162035e-05],
    [0.01, 1, 5, 0.9242301411546604],
    [200, 1, 30, 8.2984534625879142e-15],
  ])('pf(%d, %d, %d, lower.tail = FALSE)', (x, d1, d2, expected) => {
    expect(Math.abs(fUpper(x, d1, d2) - expected)).toBeLessThanOrEqual(1e-12 * expected);
  });

  test('F(1, d) is t² with d df: the same two-sided p', () => {
    expect(fUpper(2.3 ** 2, 1, 9)).toBeCloseTo(tTwoSidedP(2.3, 9), 14);
  });

  test('edges: 1 at x ≤ 0, 0 at infinity, NaN for NaN', () => {
    expect(fUpper(0, 2, 5)).toBe(1);
    expect(fUpper(Infinity, 2, 5)).toBe(0);
    expect(fUpper(Number.NaN, 2, 5)).toBeNaN();
  });
});
