import { describe, expect, test } from 'vitest';
import { landmarkCurve, weibullFromLandmarks } from '../../src/survival/landmarkCurve.ts';
import { modelCurveAt } from '../../src/survival/modelCurveAt.ts';

describe('modelCurveAt(curve, t)', () => {
  const input = { landmarks: [{ time: 60, surv: 0.74 }], median: 125 };
  test('reads a piecewise-exponential curve: S(30) = √0.74 (closed form, constant hazard on (0, 60])', () => {
    expect(modelCurveAt(landmarkCurve(input), 30)).toBeCloseTo(Math.sqrt(0.74), 12);
  });
  test('reads a Weibull curve: two points are fitted exactly, so S(60) = 0.74', () => {
    expect(modelCurveAt(weibullFromLandmarks(input), 60)).toBeCloseTo(0.74, 12);
  });
});
