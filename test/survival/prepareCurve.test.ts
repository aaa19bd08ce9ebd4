import { describe, expect, test } from 'vitest';
import { prepareCurve } from '../../src/survival/prepareCurve.ts';

const pts = (xs: readonly (readonly [number, number])[]) => xs.map(([time, survival]) => ({ time, survival }));

describe('prepareCurve(points, options)', () => {
  test('sorts by time, adds (0, 1), and keeps the two corners of a drop in step order', () => {
    const c = prepareCurve(pts([[5, 0.7], [2, 0.9], [5, 0.8], [2, 1]]));
    expect(c.time).toEqual([0, 2, 2, 5, 5]);
    expect(c.survival).toEqual([1, 1, 0.9, 0.8, 0.7]);
    expect(c.warnings).toEqual([]);
  });

  test('reads survival as percent when the maximum exceeds 1.5 (auto) and says so', () => {
    const c = prepareCurve(pts([[0, 100], [6, 92.5], [12, 80]]));
    expect(c.scale).toBe('percent');
    expect(c.survival).toEqual([1, 0.925, 0.8]);
    expect(c.warnings).toContain('survival read as percent (maximum 100 > 1.5)');
  });

  test('scale \'percent\' overrides the detection (a curve that never rises above 1.2 %)', () => {
    const c = prepareCurve(pts([[0, 1.2], [6, 0.9]]), { scale: 'percent' });
    expect(c.survival[0]).toBe(1);
    expect(c.survival[1]).toBeCloseTo(0.009, 15);
  });

  test('scale \'fraction\' keeps values as they are and clamps what is above 1', () => {
    const c = prepareCurve(pts([[0, 1], [3, 1.6], [6, 0.5]]), { scale: 'fraction' });
    expect(c.survival).toEqual([1, 1, 0.5]);
    expect(c.warnings).toContain('1 point clamped to survival in [0, 1]');
  });

  test('clamps survival to [0, 1] and negative times to 0, counting each', () => {
    const c = prepareCurve(pts([[-0.1, 1.01], [4, 0.5], [8, -0.02]]));
    expect(c.time).toEqual([0, 4, 8]);
    expect(c.survival).toEqual([1, 0.5, 0]);
    expect(c.warnings).toEqual(['1 negative time set to 0', '2 points clamped to survival in [0, 1]']);
  });

  test('removes a rise by rearrangement, keeping the step heights (by hand: 0.8, 0.84 at times 3, 4 → 0.84, 0.8) and counts it', () => {
    // Two corners of one drop digitised in the wrong time order: rearranged, the drop stays one drop of 0.04
    // (pooling would make both 0.82 and leave half the drop at the previous point).
    const c = prepareCurve(pts([[0, 1], [3, 0.8], [4, 0.84], [6, 0.6]]));
    expect(c.time).toEqual([0, 3, 4, 6]);
    expect(c.survival).toEqual([1, 0.84, 0.8, 0.6]);
    expect(c.warnings).toEqual(['1 rise in survival removed by rearranging the survival values in decreasing order']);
  });

  test('digitised: \'auto\' detects the style from the points; a stated style is kept and marked stated', () => {
    // By hand: left ends of steps — every gap between consecutive points carries a fall.
    const steps = pts([[0, 1], [2, 0.9], [4, 0.8], [7, 0.7], [9, 0.65], [12, 0.6]]);
    expect(prepareCurve(steps).digitised).toEqual({ style: 'steps', how: 'detected', flatShare: 0 });
    expect(prepareCurve(steps, { digitised: 'corners' }).digitised).toEqual({ style: 'corners', how: 'stated', flatShare: 0 });
    // Both corners of each drop: every other gap is flat (4 of 7, with the start and the end).
    const corners = pts([[0, 1], [2, 1], [2, 0.9], [4, 0.9], [4, 0.8], [7, 0.8], [7, 0.7], [12, 0.7]]);
    expect(prepareCurve(corners).digitised).toEqual({ style: 'corners', how: 'detected', flatShare: 4 / 7 });
  });

  test('drops exact duplicates, keeping one', () => {
    const c = prepareCurve(pts([[0, 1], [3, 0.8], [3, 0.8], [3, 0.8], [6, 0.6]]));
    expect(c.time).toEqual([0, 3, 6]);
    expect(c.warnings).toEqual(['2 duplicate points dropped']);
  });

  test('sets a point at time 0 below 1 to 1 (a KM curve starts at 1)', () => {
    const c = prepareCurve(pts([[0, 0.98], [5, 0.9]]));
    expect(c.survival).toEqual([1, 0.9]);
    expect(c.warnings).toEqual(['1 point at time 0 set to survival 1']);
  });

  test('indexes the points by risk-table interval: lower = first with time ≥ start, upper = last before the next time', () => {
    const xy = [[0, 1], [2, 0.9], [6, 0.8], [7, 0.7], [11, 0.6], [13, 0.5]] as const;
    const c = prepareCurve(pts(xy), { riskTimes: [0, 6, 12] });
    expect(c.intervals).toEqual([
      { start: 0, end: 6, lower: 0, upper: 1 },
      { start: 6, end: 12, lower: 2, upper: 4 },
      { start: 12, end: Infinity, lower: 5, upper: 5 },
    ]);
  });

  test('an interval without digitised points has lower > upper', () => {
    const c = prepareCurve(pts([[0, 1], [2, 0.9], [9, 0.8]]), { riskTimes: [0, 3, 6] });
    expect(c.intervals[1]).toEqual({ start: 3, end: 6, lower: 2, upper: 1 });
  });
});
