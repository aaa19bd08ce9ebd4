import { describe, expect, test } from 'vitest';
import { extentOf } from '../../src/charts/extentOf.ts';

describe('extentOf(values)', () => {
  test('is [min, max] of the finite values', () => {
    expect(extentOf([3, 1, Number.NaN, 2, Infinity])).toEqual([1, 3]);
  });
  test('is [0, 1] with no finite value', () => {
    expect(extentOf([])).toEqual([0, 1]);
    expect(extentOf([Number.NaN])).toEqual([0, 1]);
  });
  test('takes 300 000 values without overflowing the call stack (Math.min(...array) did at ~10⁵; issue 15)', () => {
    const xs = Array.from({ length: 300_000 }, (_, i) => Math.sin(i));
    expect(() => Math.min(...xs)).toThrow(RangeError);
    const [lo, hi] = extentOf(xs);
    expect(lo).toBeGreaterThanOrEqual(-1);
    expect(hi).toBeLessThanOrEqual(1);
    expect(hi - lo).toBeGreaterThan(1.99);
  });
});
