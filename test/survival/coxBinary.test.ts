import { describe, expect, test } from 'vitest';
import { coxBinary } from '../../src/survival/coxBinary.ts';
import { expectClose, fixture } from './fixture.ts';

describe('coxBinary(time, event, group) matches R coxph(ties = "efron") (test/fixtures/survival.json)', () => {
  for (const name of ['lung', 'sim2', 'flat', 'rises'] as const) {
    const set = fixture[name];
    const ref = set.cox;
    if (!ref) throw new Error(`fixture ${name} has no cox fit`);
    const second = Math.max(...set.data.group);
    const x = set.data.group.map((g) => (g === second ? 1 : 0));
    test(`${name}: beta, se, HR, 95% CI, Wald p and log partial likelihood`, () => {
      const fit = coxBinary(set.data.time, set.data.event, x);
      expect(fit.converged).toBe(true);
      expectClose(fit.beta, ref.beta, 1e-6, 'beta');
      expectClose(fit.se, ref.se, 1e-6, 'se');
      expectClose(fit.hr, ref.hr, 1e-6, 'hr');
      expectClose(fit.ci[0], ref.lower, 1e-6, 'lower');
      expectClose(fit.ci[1], ref.upper, 1e-6, 'upper');
      expectClose(fit.p, ref.p, 1e-6, 'p');
      expectClose(fit.loglikNull, ref.loglik[0], 1e-9, 'loglik null');
      expectClose(fit.loglik, ref.loglik[1], 1e-9, 'loglik');
    });
  }
  test('swapping the groups inverts the hazard ratio (lung)', () => {
    const set = fixture.lung;
    const x = set.data.group.map((g) => (g === 1 ? 1 : 0));
    expectClose(coxBinary(set.data.time, set.data.event, x).hr, 1 / (fixture.lung.cox?.hr ?? NaN), 1e-6, '1/hr');
  });
  test('flags a monotone likelihood (all events in one group) as not converged', () => {
    const fit = coxBinary([1, 2, 3, 4, 5, 6], [1, 1, 1, 0, 0, 0], [1, 1, 1, 0, 0, 0]);
    expect(fit.converged).toBe(false);
  });
  test('matches coxph beta and se on the seeded random data sets where coxph converged (fixture "random")', () => {
    let checked = 0;
    for (const [i, c] of fixture.random.entries()) {
      if (c.cox?.beta === undefined || c.cox.se === undefined) continue;
      const fit = coxBinary(c.time, c.event, c.group);
      expectClose(fit.beta, c.cox.beta, 1e-6, `case ${i} beta`);
      expectClose(fit.se, c.cox.se, 1e-6, `case ${i} se`);
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });
});
