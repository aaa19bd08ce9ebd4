/**
 * pooledSurvival over random studies and grids: the pooled curve never rises, stays in [0, 1] and inside its band,
 * whatever the curves, their n or SEs, and where each study ends. (The pointwise DL pool it replaces rose when a
 * study ended or the weights shifted: test/survival/pooledSurvival.test.ts shows one case from the R script.)
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { kaplanMeier, survivalAt } from '../../src/survival/kaplanMeier.ts';
import { landmarkCurve, piecewiseExponentialAt } from '../../src/survival/landmarkCurve.ts';
import { pooledSurvival, type PoolStudyCurve } from '../../src/survival/pooledSurvival.ts';

const landmarkStudy: fc.Arbitrary<Study> = fc.record({
  kind: fc.constant('model' as const),
  s60: fc.double({ min: 0.05, max: 0.97, noNaN: true }),
  s120: fc.option(fc.double({ min: 0.01, max: 1, noNaN: true }), { nil: undefined }),
  n: fc.option(fc.integer({ min: 2, max: 2000 }), { nil: null }),
  until: fc.option(fc.integer({ min: 1, max: 150 }), { nil: undefined }),
});
const ipdStudy: fc.Arbitrary<Study> = fc.record({
  kind: fc.constant('ipd' as const),
  time: fc.array(fc.double({ min: 0.1, max: 140, noNaN: true }), { minLength: 3, maxLength: 60 }),
  event: fc.array(fc.constantFrom<0 | 1>(0, 1), { minLength: 60, maxLength: 60 }),
});

type Study = { readonly kind: 'model'; readonly s60: number; readonly s120: number | undefined; readonly n: number | null; readonly until: number | undefined }
  | { readonly kind: 'ipd'; readonly time: number[]; readonly event: (0 | 1)[] };

function curveOf(s: Study, i: number): PoolStudyCurve {
  if (s.kind === 'model') {
    const later = s.s120 === undefined ? [] : [{ time: 120, surv: Math.min(s.s60, s.s120) }];
    const landmarks = [{ time: 60, surv: s.s60 }, ...later];
    const c = landmarkCurve({ landmarks });
    return { study: `m${i}`, n: s.n, survAt: (t) => piecewiseExponentialAt(c, t), ...(s.until === undefined ? {} : { until: s.until }) };
  }
  const km = kaplanMeier({ time: s.time, event: s.time.map((_, j) => s.event[j]) });
  const last = km.times[km.times.length - 1];
  const seAt = (t: number) => {
    let j = -1;
    while (j + 1 < km.times.length && km.times[j + 1] <= t) j++;
    return j < 0 || !Number.isFinite(km.stdErr[j]) ? null : km.stdErr[j];
  };
  return { study: `r${i}`, survAt: (t) => (t <= last ? survivalAt(km, t) : NaN), stdErrAt: seAt, until: last };
}

describe('pooledSurvival(studies, grid) is a survival curve', () => {
  test('non-increasing in time, in [0, 1], lower ≤ S ≤ upper, for any studies and grid', () => {
    const time = fc.oneof(fc.integer({ min: 0, max: 150 }), fc.double({ min: 0, max: 150, noNaN: true }));
    const grid = fc.uniqueArray(time, { minLength: 2, maxLength: 40 });
    const studies = fc.array(fc.oneof(landmarkStudy, ipdStudy), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(studies, grid, (list, times) => {
      const res = pooledSurvival(list.map(curveOf), times);
      const pts = [...res.points].filter((p) => p.surv !== null).sort((a, b) => a.time - b.time);
      for (let i = 1; i < pts.length; i++) expect(pts[i].surv!).toBeLessThanOrEqual(pts[i - 1].surv!);
      for (const p of pts) {
        expect(p.surv!).toBeGreaterThanOrEqual(0);
        expect(p.surv!).toBeLessThanOrEqual(1);
        expect(p.lower!).toBeLessThanOrEqual(p.surv! + 1e-12);
        expect(p.upper!).toBeGreaterThanOrEqual(p.surv! - 1e-12);
      }
    }), { seed: 20260214, numRuns: 200 });
  });

  test('on a one-month grid, a study ending at 60 months does not make the pool of the others jump up', () => {
    // two curves with n: a low one (S(60) = 0.4, n 300) that ends at 60 and a high one (S(60) = 0.8, n 100)
    const low = landmarkCurve({ landmarks: [{ time: 60, surv: 0.4 }] });
    const high = landmarkCurve({ landmarks: [{ time: 60, surv: 0.8 }, { time: 120, surv: 0.6 }] });
    const grid = Array.from({ length: 121 }, (_, t) => t);
    const res = pooledSurvival([
      { study: 'low', n: 300, until: 60, survAt: (t) => piecewiseExponentialAt(low, t) },
      { study: 'high', n: 100, survAt: (t) => piecewiseExponentialAt(high, t) },
    ], grid);
    const s = (t: number) => res.points[t].surv!;
    expect(res.points[61].k).toBe(1);
    // after 60 the pool follows the remaining curve's conditional survival: S(120)/S(60) = 0.6/0.8 (the 'high' landmarks)
    expect(s(120) / s(60)).toBeCloseTo(0.6 / 0.8, 12);
    expect(s(61)).toBeLessThan(s(60));
  });
});
