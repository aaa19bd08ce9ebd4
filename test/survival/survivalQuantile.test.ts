import { describe, expect, test } from 'vitest';
import { survivalQuantile } from '../../src/survival/survivalQuantile.ts';

// Expected values are R survival 3.5-3 quantile.survfit results for the same curves (see test/fixtures/survival.json
// set "rises" for the curve that rises again; the others are the hand cases in kaplanMeier.test.ts).
describe('survivalQuantile(times, curve, level)', () => {
  test('the first time the curve is at or below the level', () => {
    expect(survivalQuantile([1, 2, 3], [0.8, 0.4, 0.2], 0.5)).toBe(2);
  });
  test('the midpoint of a horizontal segment at the level, up to the next drop', () => {
    expect(survivalQuantile([1, 2, 3, 4, 5, 6], [5 / 6, 4 / 6, 3 / 6, 3 / 6, 3 / 6, 2 / 6], 0.5)).toBe(4.5);
  });
  test('a segment at the level that never drops again runs to the last time', () => {
    expect(survivalQuantile([1, 2, 3, 4], [0.75, 0.5, 0.5, 0.5], 0.5)).toBe(3);
  });
  test('round-off within the tolerance counts as exactly the level', () => {
    expect(survivalQuantile([10, 11], [0.5 + 1e-12, 0.45], 0.5)).toBe(10.5);
  });
  test('a limit curve that rises again takes the time of its largest value ≤ the level (R: 15, not 14)', () => {
    const upper = [1, 1, 1, 0.8898, 0.8898, 0.787, 0.668, 0.5774, 0.5295, 0.4779, 0.4946, 0.4946];
    const times = [1, 2, 3, 4, 7, 9, 10, 12, 13, 14, 15, 16];
    expect(survivalQuantile(times, upper, 0.5)).toBe(15);
  });
  test('NaN (undefined) points never count, and a curve that stays above gives null', () => {
    expect(survivalQuantile([1, 2, 3], [NaN, 0.7, 0.6], 0.5)).toBeNull();
    expect(survivalQuantile([1, 2, 3], [NaN, 0.7, NaN], 0.5)).toBeNull();
  });
});
