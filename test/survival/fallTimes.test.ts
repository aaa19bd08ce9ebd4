import { describe, expect, test } from 'vitest';
import { fallTimes } from '../../src/survival/fallTimes.ts';

// By hand from the definitions in src/survival/fallTimes.ts.
describe('fallTimes(T, style)', () => {
  test('steps: each fall at the point\'s own time (Guyot et al. 2012)', () => {
    expect(fallTimes([0, 2, 6, 10], 'steps')).toEqual([0, 2, 6, 10]);
  });

  test('corners and trace: at the midpoint between two points, at a vertical drop its time', () => {
    expect(fallTimes([0, 2, 2, 6, 6, 10], 'corners')).toEqual([0, 1, 2, 4, 6, 8]);
    expect(fallTimes([0, 1, 3], 'trace')).toEqual([0, 0.5, 2]);
  });

  test('midpoints of huge times stay finite (no overflow of T[k-1] + T[k])', () => {
    expect(fallTimes([0, 1e308, 1.5e308], 'corners')).toEqual([0, 0.5e308, 1.25e308]);
  });
});
