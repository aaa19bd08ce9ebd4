import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { kaplanMeier, rmst, rmstSe, survivalAt } from '../../src/survival/kaplanMeier.ts';
import type { KmResult } from '../../src/survival/kaplanMeier.ts';
import { expectAllClose, expectClose, fixture, sets } from './fixture.ts';
import type { KmFixture } from './fixture.ts';

function checkCurve(km: KmResult, r: KmFixture, what: string): void {
  expect(km.n).toBe(r.n);
  expect(km.events).toBe(r.events);
  expectAllClose(km.times, r.time, 0, `${what} times`);
  expectAllClose(km.nRisk, r.n_risk, 0, `${what} n.risk`);
  expectAllClose(km.nEvent, r.n_event, 0, `${what} n.event`);
  expectAllClose(km.nCensor, r.n_censor, 0, `${what} n.censor`);
  expectAllClose(km.surv, r.surv, 1e-6, `${what} surv`);
  expectAllClose(km.stdErr, r.std_err, 1e-6, `${what} std.err`);
  expectAllClose(km.lower, r.lower, 1e-6, `${what} lower`);
  expectAllClose(km.upper, r.upper, 1e-6, `${what} upper`);
  expectClose(km.median, r.median.median, 1e-9, `${what} median`);
  expectClose(km.medianCi[0], r.median.lower, 1e-9, `${what} median lower`);
  expectClose(km.medianCi[1], r.median.upper, 1e-9, `${what} median upper`);
}

describe('kaplanMeier(data) matches R survfit (test/fixtures/survival.json)', () => {
  for (const name of sets) {
    const set = fixture[name];
    const data = { time: set.data.time, event: set.data.event };
    test(`${name}: conf.type "log" (default) — surv, Greenwood se, limits, n.risk, median and CI`, () => {
      const km = kaplanMeier(data);
      expect(km.confType).toBe('log');
      checkCurve(km, set.km_log, name);
    });
    if (set.km_loglog) {
      const r = set.km_loglog;
      test(`${name}: conf.type "log-log"`, () => checkCurve(kaplanMeier(data, { confType: 'log-log' }), r, name));
    }
    if (set.km_plain) {
      const r = set.km_plain;
      test(`${name}: conf.type "plain"`, () => checkCurve(kaplanMeier(data, { confType: 'plain' }), r, name));
    }
    test(`${name}: survivalAt(km, t) equals summary(fit, times) at the fixture times`, () => {
      const km = kaplanMeier(data);
      const at = set.km_log.at;
      expectAllClose(at.time.map((t) => survivalAt(km, t)), at.surv, 1e-6, `${name} S(t)`);
    });
    test(`${name}: rmst(km, horizon) and rmstSe equal print(survfit, rmean = horizon)`, () => {
      const km = kaplanMeier(data);
      for (const r of set.km_log.rmean) {
        expectClose(rmst(km, r.horizon), r.rmean, 1e-6, `${name} rmean ${r.horizon}`);
        expectClose(rmstSe(km, r.horizon), r.se, 1e-6, `${name} se(rmean) ${r.horizon}`);
      }
    });
    test(`${name}: per-group medians and CIs equal survfit by group`, () => {
      for (const g of set.by_group) {
        const idx = set.data.group.flatMap((x, i) => (x === g.group ? [i] : []));
        const km = kaplanMeier({ time: idx.map((i) => data.time[i]), event: idx.map((i) => data.event[i]) });
        expectClose(km.median, g.median.median, 1e-9, `group ${g.group} median`);
        expectClose(km.medianCi[0], g.median.lower, 1e-9, `group ${g.group} lower`);
        expectClose(km.medianCi[1], g.median.upper, 1e-9, `group ${g.group} upper`);
        expectClose(rmst(km, g.rmean.horizon), g.rmean.rmean, 1e-6, `group ${g.group} rmean`);
      }
    });
  }
});

describe('kaplanMeier(data) small cases checked by hand against R survfit 3.5-3', () => {
  test('the median is the midpoint of a segment at exactly 0.5 that runs to the last time', () => {
    // R: quantile(survfit(Surv(1:4, c(1,1,0,0)) ~ 1), 0.5) = 3.
    expect(kaplanMeier({ time: [1, 2, 3, 4], event: [1, 1, 0, 0] }).median).toBe(3);
  });
  test('the median is the midpoint up to the next drop when S = 0.5 spans censorings', () => {
    // R: survfit(Surv(1:6, c(1,1,1,0,0,1)) ~ 1) median 4.5.
    expect(kaplanMeier({ time: [1, 2, 3, 4, 5, 6], event: [1, 1, 1, 0, 0, 1] }).median).toBe(4.5);
  });
  test('limits are NaN (R NA) where S = 0, and log-log limits are NaN where S = 1', () => {
    const km = kaplanMeier({ time: [1, 2, 3, 4], event: [0, 1, 1, 1] }, { confType: 'log-log' });
    expect(Number.isNaN(km.lower[0]) && Number.isNaN(km.upper[0])).toBe(true);
    expect(Number.isNaN(km.lower[3]) && Number.isNaN(km.stdErr[3])).toBe(true);
  });
  test('rmst holds the curve flat beyond the last time', () => {
    // R: print(survfit(Surv(1:6, c(0,1,1,0,1,0)) ~ 1), rmean = 10): rmean 5.5, se 1.531339.
    const km = kaplanMeier({ time: [1, 2, 3, 4, 5, 6], event: [0, 1, 1, 0, 1, 0] });
    expect(rmst(km, 10)).toBeCloseTo(5.5, 12);
    expect(rmstSe(km, 10)).toBeCloseTo(1.531339, 6);
  });
  test('empty data gives an empty curve with no median', () => {
    const km = kaplanMeier({ time: [], event: [] });
    expect(km.n).toBe(0);
    expect(km.median).toBeNull();
    expect(survivalAt(km, 5)).toBe(1);
  });
  test('rejects negative or non-finite times and events other than 0/1', () => {
    expect(() => kaplanMeier({ time: [1, -2], event: [1, 0] })).toThrow('invalid time at index 1: -2');
    expect(() => kaplanMeier({ time: [1, NaN], event: [1, 0] })).toThrow('invalid time at index 1');
    expect(() => kaplanMeier({ time: [1, 2], event: [1, 2 as 0] })).toThrow('invalid event at index 1: 2');
    expect(() => kaplanMeier({ time: [1, 2], event: [1] })).toThrow('differ in length');
  });
});

describe('kaplanMeier(data) matches R on 60 seeded random data sets (fixture "random")', () => {
  test('median and its CI for conf.type log, log-log and plain; rmean and se(rmean) to 10', () => {
    for (const [i, c] of fixture.random.entries()) {
      for (const [type, ref] of [['log', c.log], ['log-log', c.loglog], ['plain', c.plain]] as const) {
        const km = kaplanMeier({ time: c.time, event: c.event }, { confType: type });
        expectClose(km.median, ref.median, 1e-9, `case ${i} ${type} median`);
        expectClose(km.medianCi[0], ref.lower, 1e-9, `case ${i} ${type} lower`);
        expectClose(km.medianCi[1], ref.upper, 1e-9, `case ${i} ${type} upper`);
      }
      const km = kaplanMeier({ time: c.time, event: c.event });
      expectClose(rmst(km, 10), c.rmean.rmean, 1e-6, `case ${i} rmean`);
      expectClose(rmstSe(km, 10), c.rmean.se, 1e-6, `case ${i} se(rmean)`);
    }
  });
});

describe('kaplanMeier(data) invariants (fast-check)', () => {
  const row = fc.tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom<0 | 1>(0, 1));
  const arbData = fc.array(row, { minLength: 1, maxLength: 60 });
  test('S is non-increasing, within [0, 1], and lower ≤ S ≤ upper wherever the limits are defined', () => {
    fc.assert(fc.property(arbData, fc.constantFrom<'log' | 'log-log' | 'plain'>('log', 'log-log', 'plain'), (rows, type) => {
      const km = kaplanMeier({ time: rows.map((r) => r[0]), event: rows.map((r) => r[1]) }, { confType: type });
      km.surv.forEach((s, i) => {
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(i === 0 ? 1 : km.surv[i - 1]);
        if (!Number.isNaN(km.lower[i])) expect(km.lower[i]).toBeLessThanOrEqual(s + 1e-12);
        if (!Number.isNaN(km.upper[i])) expect(km.upper[i]).toBeGreaterThanOrEqual(s - 1e-12);
      });
      expect(km.nEvent.reduce((a, b) => a + b, 0) + km.nCensor.reduce((a, b) => a + b, 0)).toBe(rows.length);
    }));
  });
  test('does not depend on the order of the rows', () => {
    fc.assert(fc.property(arbData, fc.integer(), (rows, seed) => {
      const shuffled = [...rows].sort((a, b) => ((a[0] * 31 + a[1] + seed) % 7) - ((b[0] * 31 + b[1] + seed) % 7));
      const a = kaplanMeier({ time: rows.map((r) => r[0]), event: rows.map((r) => r[1]) });
      const b = kaplanMeier({ time: shuffled.map((r) => r[0]), event: shuffled.map((r) => r[1]) });
      expect(b).toEqual(a);
    }));
  });
});
