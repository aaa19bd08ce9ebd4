/**
 * Fuzzing the survival engine with well-shaped random inputs (fast-check, fixed seed): times with ties and zeros,
 * all censored, all events, one group, random digitised curves and risk tables, inconsistent landmarks.
 * Properties: nothing throws; every number is finite, or non-finite only where the result's documented
 * convention says so (Kaplan–Meier: NaN limits where S = 0, as R's NA) or a warning / flag says why.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { coxBinary } from '../../src/survival/coxBinary.ts';
import { guyot } from '../../src/survival/guyot.ts';
import { kaplanMeier } from '../../src/survival/kaplanMeier.ts';
import { landmarkCurve, piecewiseExponentialAt, piecewiseExponentialQuantile } from '../../src/survival/landmarkCurve.ts';
import { logRank } from '../../src/survival/logRank.ts';
import { pooledSurvival } from '../../src/survival/pooledSurvival.ts';
import { prepareCurve } from '../../src/survival/prepareCurve.ts';
import { fuzz, survivalArb } from './arbitraries.ts';
import { nonFinite } from './nonFinite.ts';

const inUnit = (x: number): boolean => Number.isFinite(x) && x >= 0 && x <= 1;

describe('kaplanMeier(data) fuzzed', () => {
  test('n 1–300 with ties, zeros, all censored or all events: S in [0, 1]; NaN SE/limits only where S = 0 (or S = 1 for log-log)', () => {
    const type = fc.constantFrom('log' as const, 'log-log' as const, 'plain' as const);
    fc.assert(fc.property(survivalArb(1, 300), type, (data, confType) => {
      const km = kaplanMeier(data, { confType });
      expect(km.n).toBe(data.time.length);
      km.surv.forEach((s, i) => {
        expect(inUnit(s)).toBe(true);
        const undefinedHere = s === 0 || (confType === 'log-log' && s === 1);
        if (!undefinedHere) {
          expect(inUnit(km.lower[i]) && inUnit(km.upper[i]), `limits at ${km.times[i]}`).toBe(true);
        }
        if (s > 0) expect(Number.isFinite(km.stdErr[i])).toBe(true);
      });
      // the median is null only when S never reaches 0.5
      if (km.median === null) expect(km.surv.every((s) => s > 0.5)).toBe(true);
      else expect(Number.isFinite(km.median)).toBe(true);
    }), fuzz());
  });
});

describe('logRank and coxBinary fuzzed', () => {
  const grouped = fc.record({
    data: survivalArb(2, 200),
    groups: fc.integer({ min: 1, max: 4 }),
    seed: fc.integer(),
  }).map(({ data, groups, seed }) => ({
    ...data,
    group: data.time.map((_, i) => Math.abs((i * 7 + seed) % groups)),
  }));

  test('logRank (1–4 groups, all censored too): chisq ≥ 0 and finite, p in [0, 1], df ≥ 0', () => {
    fc.assert(fc.property(grouped, ({ time, event, group }) => {
      const r = logRank(time, event, group);
      expect(Number.isFinite(r.chisq) && r.chisq >= -1e-9).toBe(true);
      expect(inUnit(r.p)).toBe(true);
      expect(r.df).toBeGreaterThanOrEqual(0);
      expect(nonFinite({ ...r, groups: [] })).toEqual([]);
    }), fuzz());
  });

  test('coxBinary (one or two groups): finite, or converged = false flags the monotone likelihood', () => {
    fc.assert(fc.property(grouped, ({ time, event, group }) => {
      const r = coxBinary(time, event, group.map((g) => (g % 2) as 0 | 1));
      if (r.converged) expect(nonFinite(r)).toEqual([]);
      else expect(r.converged).toBe(false);
    }), fuzz());
  });
});

describe('prepareCurve + guyot fuzzed', () => {
  const curveArb = fc.record({
    points: fc.array(fc.record({
      time: fc.double({ min: -1, max: 60, noNaN: true }),
      survival: fc.oneof(fc.double({ min: -0.1, max: 1.1, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true })),
    }), { minLength: 2, maxLength: 60 }),
    risk: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 6 }),
    events: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
  }).map(({ points, risk, events }) => {
    const nRisk = [...risk].sort((a, b) => b - a);
    nRisk[0] = Math.max(1, nRisk[0]);
    return { points, risk: nRisk.map((n, i) => ({ time: i * 12, nRisk: n })), events };
  });

  test('random digitised points and risk tables: no throw; every patient at a finite time; counts add up', () => {
    fc.assert(fc.property(curveArb, ({ points, risk, events }) => {
      const curve = prepareCurve(points, { riskTimes: risk.map((r) => r.time) });
      const r = guyot(curve, risk, { totalEvents: events === undefined ? undefined : Math.min(events, risk[0].nRisk) });
      expect(r.n).toBe(risk[0].nRisk);
      expect(r.ipd).toHaveLength(r.n);
      expect(r.ipd.filter((p) => p.event === 1)).toHaveLength(r.events);
      expect(r.ipd.every((p) => Number.isFinite(p.time) && p.time >= 0)).toBe(true);
      // the last interval ends at Infinity by definition (GuyotInterval.end); nothing else may be non-finite
      expect(nonFinite(r.intervals).filter((p) => p !== `[${r.intervals.length - 1}].end`)).toEqual([]);
    }), fuzz());
  });
});

describe('landmarkCurve and pooledSurvival fuzzed', () => {
  const landmarksArb = fc.record({
    landmarks: fc.array(fc.record({
      time: fc.oneof(fc.double({ min: -12, max: 240 }), fc.constant(0), fc.constant(60)),
      surv: fc.oneof(fc.double({ min: -0.2, max: 1.2 }), fc.constant(0), fc.constant(1)),
    }), { maxLength: 5 }),
    median: fc.option(fc.oneof(fc.double({ min: -5, max: 200 }), fc.constant(0)), { nil: undefined }),
  });

  test('landmarkCurve (NaN, negative, out-of-range, conflicting landmarks): S(t) in [0, 1]; non-finite only with a warning', () => {
    fc.assert(fc.property(landmarksArb, (input) => {
      const c = landmarkCurve(input);
      const bad = nonFinite({ knots: c.knots, hazards: c.hazards });
      if (bad.length > 0) expect(c.warnings.length).toBeGreaterThan(0);
      for (const t of [0, 1, 12, 60, 120, 1000]) expect(inUnit(piecewiseExponentialAt(c, t))).toBe(true);
      const q = piecewiseExponentialQuantile(c, 0.5);
      expect(q === null || (Number.isFinite(q) && q >= 0)).toBe(true);
    }), fuzz(300));
  });

  test('pooledSurvival of landmark curves: S and limits in [0, 1]; S null only where no study was pooled', () => {
    const nArb = fc.option(fc.integer({ min: 1, max: 5000 }), { nil: null });
    const studies = fc.array(fc.record({ input: landmarksArb, n: nArb }), { minLength: 1, maxLength: 8 });
    const timeArb = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 200, noNaN: true }));
    const grid = fc.array(timeArb, { minLength: 1, maxLength: 8 });
    fc.assert(fc.property(studies, grid, (list, times) => {
      const curves = list.map(({ input, n }, i) => {
        const c = landmarkCurve(input);
        return { study: `s${i + 1}`, n, survAt: (t: number) => piecewiseExponentialAt(c, t) };
      });
      const r = pooledSurvival(curves, times);
      for (const p of r.points) {
        // a null S comes with no warning when every S is 0 or 1 (documented null; docs/hardening.md)
        if (p.surv === null) {
          expect(p.k).toBe(0);
        } else {
          expect([p.surv, p.lower, p.upper].every((x) => x !== null && inUnit(x))).toBe(true);
        }
      }
    }), fuzz());
  });
});
