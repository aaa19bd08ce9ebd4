import { describe, expect, test } from 'vitest';
import { kaplanMeier } from '../../src/survival/kaplanMeier.ts';
import { kmSummaryAt } from '../../src/survival/kmSummaryAt.ts';
import { expectAllClose, fixture, sets } from './fixture.ts';

describe('kmSummaryAt(km, times) matches R summary(survfit, times, extend = TRUE)', () => {
  for (const name of sets) {
    const set = fixture[name];
    test(`${name}: surv, std.err, limits and n.risk at ${set.km_log.at.time.join(', ')}`, () => {
      const km = kaplanMeier({ time: set.data.time, event: set.data.event });
      const r = set.km_log.at;
      const rows = kmSummaryAt(km, r.time);
      expectAllClose(rows.map((x) => x.surv), r.surv, 1e-6, 'surv');
      expectAllClose(rows.map((x) => x.stdErr), r.std_err, 1e-6, 'std.err');
      expectAllClose(rows.map((x) => x.lower), r.lower, 1e-6, 'lower');
      expectAllClose(rows.map((x) => x.upper), r.upper, 1e-6, 'upper');
      expectAllClose(rows.map((x) => x.nRisk), r.n_risk, 0, 'n.risk');
    });
  }
  test('before the first time S = 1 with all patients at risk; beyond the last, none at risk', () => {
    // R: summary(survfit(Surv(c(2,3,5), c(1,0,1)) ~ 1), times = c(1, 9), extend = TRUE): surv 1 and 0, n.risk 3 and 0.
    const km = kaplanMeier({ time: [2, 3, 5], event: [1, 0, 1] });
    const [a, b] = kmSummaryAt(km, [1, 9]);
    expect([a.surv, a.nRisk, b.surv, b.nRisk]).toEqual([1, 3, 0, 0]);
  });
});
