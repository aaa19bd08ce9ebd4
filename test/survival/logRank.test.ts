import { describe, expect, test } from 'vitest';
import { logRank } from '../../src/survival/logRank.ts';
import { expectAllClose, expectClose, fixture, sets } from './fixture.ts';

describe('logRank(time, event, group) matches R survdiff(rho = 0) (test/fixtures/survival.json)', () => {
  for (const name of sets) {
    const set = fixture[name];
    test(`${name}: chisq, df, p, observed and expected`, () => {
      const r = logRank(set.data.time, set.data.event, set.data.group);
      expectClose(r.chisq, set.logrank.chisq, 1e-6, 'chisq');
      expect(r.df).toBe(set.logrank.df);
      expectClose(r.p, set.logrank.p, 1e-6, 'p');
      expectAllClose(r.observed, set.logrank.observed, 1e-9, 'observed');
      expectAllClose(r.expected, set.logrank.expected, 1e-6, 'expected');
    });
  }
  test('is invariant to relabelling groups (sim3 labels 1,2,3 → c,b,a)', () => {
    const set = fixture.sim3;
    const relabel = set.data.group.map((g) => ['c', 'b', 'a'][g - 1]);
    expectClose(logRank(set.data.time, set.data.event, relabel).chisq, set.logrank.chisq, 1e-6, 'chisq');
  });
  test('one group gives df 0 and p 1', () => {
    const r = logRank([1, 2, 3], [1, 1, 0], ['a', 'a', 'a']);
    expect(r.df).toBe(0);
    expect(r.p).toBe(1);
  });
  test('matches survdiff chisq on 60 seeded random data sets (fixture "random")', () => {
    for (const [i, c] of fixture.random.entries()) {
      expectClose(logRank(c.time, c.event, c.group).chisq, c.chisq, 1e-6, `case ${i}`);
    }
  });
});
