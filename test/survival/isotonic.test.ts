import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isotonicDecreasing } from '../../src/survival/isotonic.ts';
import ref from '../fixtures/isotonic.json' with { type: 'json' };

describe('isotonicDecreasing(values)', () => {
  test('pools a rising pair into its mean (by hand: (0.8 + 0.9) / 2 = 0.85)', () => {
    const out = isotonicDecreasing([1, 0.8, 0.9, 0.5]);
    [1, 0.85, 0.85, 0.5].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 12));
  });

  test('pools back across earlier blocks (by hand: 0.4, 0.45 → 0.425; with 0.9 → 0.5833 > 0.5; all four → 0.5625)', () => {
    const out = isotonicDecreasing([0.5, 0.4, 0.45, 0.9]);
    for (const v of out) expect(v).toBeCloseTo(0.5625, 12);
  });

  test('matches R\'s isoreg on −y (fixture isotonic.json from scripts/reference/isotonic.R)', () => {
    const out = isotonicDecreasing(ref.y);
    for (const [i, v] of out.entries()) expect(v).toBeCloseTo(ref.fitted[i], 12);
  });

  test('leaves a non-increasing sequence unchanged, returns non-increasing values and keeps the sum', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 60 }), (ys) => {
      const out = isotonicDecreasing(ys);
      expect(out).toHaveLength(ys.length);
      for (let i = 1; i < out.length; i++) expect(out[i]).toBeLessThanOrEqual(out[i - 1] + 1e-12);
      const sum = (a: readonly number[]) => a.reduce((s, v) => s + v, 0);
      expect(sum(out)).toBeCloseTo(sum(ys), 9);
      const sorted = [...ys].sort((a, b) => b - a);
      expect(isotonicDecreasing(sorted)).toEqual(sorted);
    }));
  });

  test('returns [] for []', () => {
    expect(isotonicDecreasing([])).toEqual([]);
  });
});
