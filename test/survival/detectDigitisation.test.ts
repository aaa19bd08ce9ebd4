import { describe, expect, test } from 'vitest';
import { detectDigitisation } from '../../src/survival/detectDigitisation.ts';

// Expected styles and flat shares by hand from the definition (a gap is flat when its fall is at most a quarter of
// the mean fall per gap).
describe('detectDigitisation(time, survival)', () => {
  test('one point at the left end of each step: every gap falls → steps, flat share 0', () => {
    expect(detectDigitisation([0, 2, 5, 9, 12], [1, 0.8, 0.6, 0.5, 0.4])).toEqual({ style: 'steps', how: 'detected', flatShare: 0 });
  });

  test('steps with the end of follow-up clicked too: 1 flat gap of 5 (0.2 < 0.3) is still steps', () => {
    expect(detectDigitisation([0, 2, 5, 9, 12, 20], [1, 0.8, 0.6, 0.5, 0.4, 0.4]).style).toBe('steps');
  });

  test('both corners of each drop: flat and falling gaps alternate → corners', () => {
    const r = detectDigitisation([0, 2, 2, 5, 5, 9, 9, 12], [1, 1, 0.8, 0.8, 0.6, 0.6, 0.5, 0.5]);
    expect(r.style).toBe('corners');
    expect(r.flatShare).toBeCloseTo(4 / 7, 12);
  });

  test('a dense trace: most gaps flat (8 of 10, 0.8 > 0.65) → trace', () => {
    const t = [0, 1, 2, 3, 4, 4, 5, 6, 7, 7, 8];
    const s = [1, 1, 1, 1, 1, 0.8, 0.8, 0.8, 0.8, 0.6, 0.6];
    expect(detectDigitisation(t, s)).toEqual({ style: 'trace', how: 'detected', flatShare: 0.8 });
  });

  test('a fall below a quarter of the mean fall per gap counts as flat (digitiser noise on a horizontal segment)', () => {
    // mean fall per gap 0.5 / 5 = 0.1; gaps 0.02 and 0.02 are flat, 3 of 5 → corners
    expect(detectDigitisation([0, 3, 3, 6, 6, 9], [1, 0.98, 0.76, 0.74, 0.52, 0.5])).toMatchObject({ style: 'corners', flatShare: 0.6 });
  });

  test('exact repeats are not gaps', () => {
    expect(detectDigitisation([0, 2, 2, 5, 9, 12], [1, 0.8, 0.8, 0.6, 0.5, 0.4]).style).toBe('steps');
  });

  test('fewer than 4 gaps, or no fall: cannot tell → corners, flat share NaN', () => {
    expect(detectDigitisation([0, 2, 5], [1, 0.8, 0.6])).toEqual({ style: 'corners', how: 'detected', flatShare: NaN });
    expect(detectDigitisation([0, 1, 2, 3, 4], [1, 1, 1, 1, 1]).flatShare).toBeNaN();
  });
});
