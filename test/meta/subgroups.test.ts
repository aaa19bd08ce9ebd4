import { describe, expect, test } from 'vitest';
import { fitSubgroups } from '../../src/meta/subgroups.ts';
import { effectsOf, metaCore } from './metaCoreFixture.ts';
import { close, TOL } from './tolerances.ts';

// Expected values: metafor rma.uni per subgroup, then rma.uni(est, sei = se, method = "FE") for Q_between
// (scripts/reference/meta-core.R → test/fixtures/meta-core.json, subgroup_cases).
describe('fitSubgroups(effects, groups, options) matches metafor: own τ² per subgroup, FE test on the estimates', () => {
  test.each(metaCore.subgroup_cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = fitSubgroups(effectsOf(c), c.groups, { measure: c.measure, method: c.method, test: c.test });
    expect(r.subgroups.map((s) => s.group)).toEqual(c.expected.subgroups.map((s) => s.group));
    c.expected.subgroups.forEach((e, i) => {
      const s = r.subgroups[i];
      expect(s.k).toBe(e.k);
      expect(close(s.estimate, e.estimate, TOL.estimate)).toBe(true);
      expect(close(s.se, e.se, TOL.se)).toBe(true);
      expect(close(s.tau2, e.tau2, TOL.tau2)).toBe(true);
    });
    expect(close(r.Q_between, c.expected.Q_between, TOL.heterogeneity)).toBe(true);
    expect(r.Q_between_df).toBe(c.expected.Q_between_df);
    expect(close(r.Q_between_p, c.expected.Q_between_p, TOL.pvalue)).toBe(true);
    expect(r.overall.k).toBe(c.groups.length);
  });

  test('fitSubgroups with one group has Q_between = 0 and p = 1', () => {
    const c = metaCore.subgroup_cases[0];
    const r = fitSubgroups(effectsOf(c), c.groups.map(() => 'all'), { measure: c.measure, method: 'REML', test: 'z' });
    expect([r.Q_between, r.Q_between_df, r.Q_between_p]).toEqual([0, 0, 1]);
  });
});
