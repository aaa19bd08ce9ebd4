import { describe, expect, test } from 'vitest';
import { MAX_PATIENTS, reconstructInputProblem } from '../../src/survival/reconstructLimits.ts';

const curve = [{ survival: 1 }, { survival: 0.8 }, { survival: 0.5 }];
const percent = [{ survival: 100 }, { survival: 80 }, { survival: 50 }];

describe('reconstructInputProblem(points, risk, scale)', () => {
  test('consistent inputs: null', () => {
    expect(reconstructInputProblem(curve, [{ time: 0, nRisk: 50 }], 'fraction')).toBeNull();
    expect(reconstructInputProblem(percent, [{ time: 0, nRisk: 50 }], 'auto')).toBeNull();
    expect(reconstructInputProblem(percent, [{ time: 0, nRisk: 50 }], 'percent')).toBeNull();
  });

  test('scale fraction on a percent curve names the curve and the value', () => {
    expect(reconstructInputProblem(percent, [{ time: 0, nRisk: 50 }], 'fraction')).toEqual({
      input: 'curve', message: 'survival reaches 100 but the scale is fraction (at most 1): the curve is in percent (use scale percent or auto)',
    });
  });

  test('a digitiser\'s overshoot up to 1.05 is not a contradiction (prepareCurve clamps it)', () => {
    expect(reconstructInputProblem([{ survival: 1.04 }, { survival: 0.5 }], [{ time: 0, nRisk: 5 }], 'fraction')).toBeNull();
    expect(reconstructInputProblem([{ survival: 1.06 }], [{ time: 0, nRisk: 5 }], 'fraction')?.input).toBe('curve');
  });

  test('no patients at time 0 (a risk table of zeros) names the risk table', () => {
    expect(reconstructInputProblem(curve, [{ time: 0, nRisk: 0 }, { time: 6, nRisk: 0 }], 'auto'))
      .toEqual({ input: 'risk', message: 'no patients: the number at risk at time 0 is 0' });
  });

  test(`more than ${MAX_PATIENTS} patients is refused before any memory is used`, () => {
    expect(reconstructInputProblem(curve, [{ time: 0, nRisk: MAX_PATIENTS }], 'auto')).toBeNull();
    expect(reconstructInputProblem(curve, [{ time: 0, nRisk: 1e9 }], 'auto'))
      .toEqual({ input: 'risk', message: '1,000,000,000 patients at time 0: at most 1,000,000 can be reconstructed' });
  });
});
