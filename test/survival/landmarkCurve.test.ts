import { describe, expect, test } from 'vitest';
import {
  landmarkCurve, piecewiseExponentialAt, piecewiseExponentialQuantile,
} from '../../src/survival/landmarkCurve.ts';

// The example series: median 125 months, 5- and 10-year survival 74 % and 51 %.
const example = { landmarks: [{ time: 60, surv: 0.74 }, { time: 120, surv: 0.51 }], median: 125 };

describe('landmarkCurve({landmarks, median}) — piecewise exponential through the published numbers', () => {
  test('passes exactly through (0, 1), each landmark and (median, 0.5), and is model-based', () => {
    const c = landmarkCurve(example);
    expect(c.kind).toBe('model-based');
    expect(c.knots).toEqual([
      { time: 0, surv: 1 }, { time: 60, surv: 0.74 }, { time: 120, surv: 0.51 }, { time: 125, surv: 0.5 },
    ]);
    for (const k of c.knots) expect(piecewiseExponentialAt(c, k.time)).toBeCloseTo(k.surv, 12);
    expect(piecewiseExponentialQuantile(c, 0.5)).toBeCloseTo(125, 10);
  });
  test('has constant hazard between knots: S(30) = √0.74 and S(90) = √(0.74·0.51) (closed form)', () => {
    const c = landmarkCurve(example);
    expect(piecewiseExponentialAt(c, 30)).toBeCloseTo(Math.sqrt(0.74), 12);
    expect(piecewiseExponentialAt(c, 90)).toBeCloseTo(Math.sqrt(0.74 * 0.51), 12);
    expect(c.hazards[0]).toBeCloseTo(-Math.log(0.74) / 60, 14);
  });
  test('extends the last hazard beyond the last knot and says so: S(130) = 0.5·(0.5/0.51) (closed form)', () => {
    const c = landmarkCurve(example);
    expect(piecewiseExponentialAt(c, 130)).toBeCloseTo((0.5 * 0.5) / 0.51, 12);
    expect(c.warnings.some((w) => w.includes('hazard is extended'))).toBe(true);
  });
  test('a median alone gives the exponential curve S(t) = 2^(−t/median)', () => {
    const c = landmarkCurve({ median: 40 });
    expect(piecewiseExponentialAt(c, 80)).toBeCloseTo(0.25, 12);
  });
  test('a rising landmark is held at the previous value with a warning, never NaN', () => {
    const c = landmarkCurve({ landmarks: [{ time: 36, surv: 0.6 }, { time: 60, surv: 0.7 }] });
    expect(c.knots[2]).toEqual({ time: 60, surv: 0.6 });
    expect(c.warnings.some((w) => w.includes('survival cannot rise'))).toBe(true);
    for (const t of [0, 10, 36, 50, 60, 100]) expect(Number.isNaN(piecewiseExponentialAt(c, t))).toBe(false);
  });
  test('a median inconsistent with S(t) is not honoured and is reported', () => {
    // S(24) = 0.45 < 0.5 but the median is 30: the median knot would make survival rise.
    const c = landmarkCurve({ landmarks: [{ time: 24, surv: 0.45 }], median: 30 });
    expect(c.warnings.some((w) => w.startsWith('median 30'))).toBe(true);
    expect(piecewiseExponentialAt(c, 30)).toBeCloseTo(0.45, 12);
  });
  test('out-of-range and non-finite inputs are clamped or ignored with a warning', () => {
    const c = landmarkCurve({ landmarks: [{ time: 12, surv: 1.2 }, { time: NaN, surv: 0.5 }, { time: 24, surv: 0 }] });
    expect(c.knots.map((k) => k.surv)).toEqual([1, 1, 0]);
    expect(c.warnings.length).toBeGreaterThanOrEqual(3);
    expect(c.warnings.some((w) => w.includes('S(24) = 0'))).toBe(true);
    expect(piecewiseExponentialAt(c, 18)).toBe(0);
    expect(piecewiseExponentialAt(c, 6)).toBe(1);
  });
  test('no landmark gives S(t) = 1 with a warning', () => {
    const c = landmarkCurve({});
    expect(piecewiseExponentialAt(c, 50)).toBe(1);
    expect(piecewiseExponentialQuantile(c, 0.5)).toBeNull();
    expect(c.warnings[0]).toContain('no usable landmark');
  });
});
