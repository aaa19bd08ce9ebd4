import { describe, expect, test } from 'vitest';
import { kaplanMeier, survivalAt } from '../../src/survival/kaplanMeier.ts';
import { landmarkCurve } from '../../src/survival/landmarkCurve.ts';
import { pseudoIpd } from '../../src/survival/pseudoIpd.ts';

describe('pseudoIpd(curve, n, followUp) — deterministic events at the curve quantiles', () => {
  const curve = landmarkCurve({ landmarks: [{ time: 60, surv: 0.74 }, { time: 120, surv: 0.51 }], median: 125 });
  test('its Kaplan–Meier stays within 1/n of the published landmarks', () => {
    const n = 200;
    const ipd = pseudoIpd(curve, n, 150);
    expect(ipd.kind).toBe('model-based');
    const km = kaplanMeier(ipd);
    expect(Math.abs(survivalAt(km, 60) - 0.74)).toBeLessThanOrEqual(1 / n);
    expect(Math.abs(survivalAt(km, 120) - 0.51)).toBeLessThanOrEqual(1 / n);
  });
  test('censors administratively at follow-up: 0.74 n − ½ < events by 60 months', () => {
    // Patients i with (i − ½)/n ≤ 0.26 have their event by 60 months: 26 of 100.
    const ipd = pseudoIpd(curve, 100, 60);
    expect(ipd.event.filter((e) => e === 1)).toHaveLength(26);
    expect(ipd.time.filter((t, i) => ipd.event[i] === 0).every((t) => t === 60)).toBe(true);
  });
  test('rejects a non-integer n', () => {
    expect(() => pseudoIpd(curve, 10.5, 60)).toThrow('invalid n: 10.5');
  });
});
