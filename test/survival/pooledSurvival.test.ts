import { describe, expect, test } from 'vitest';
import { pooledSurvival, seLogLog } from '../../src/survival/pooledSurvival.ts';
import { expectAllClose, expectClose, fixture } from './fixture.ts';

describe('pooledSurvival(studies, grid) matches metafor rma(method = "DL") on log(−log S)', () => {
  const ref = fixture.pooled;
  const studies = ref.studies.map((study, i) => ({
    study,
    n: ref.n[i],
    survAt: (t: number) => (t < 60 ? 1 : ref.surv[i]),
    stdErrAt: () => ref.se_surv[i],
  }));
  test('the SE of log(−log S) from n alone, or from se(S) when given, equals the R script', () => {
    expectAllClose(ref.surv.map((s, i) => seLogLog(s, ref.n[i], ref.se_surv[i]) ?? NaN), ref.sei, 1e-12, 'sei');
  });
  test('pooled S, CI, τ² and k at t = 60 (test/fixtures/survival.json)', () => {
    const p = pooledSurvival(studies, [60]).points[0];
    expect(p.k).toBe(4);
    expectClose(p.surv, ref.pooled_surv, 1e-9, 'S');
    expectClose(p.lower, ref.lower, 1e-9, 'lower');
    expectClose(p.upper, ref.upper, 1e-9, 'upper');
    expectClose(p.tau2, ref.tau2, 1e-9, 'tau2');
  });
  test('a time where every S is 1 has no pooled value; a study with neither n nor SE is left out with a warning', () => {
    const extra = [...studies, { study: 'E', n: null, survAt: () => 0.5 }];
    const res = pooledSurvival(extra, [12, 60]);
    expect(res.points[0]).toMatchObject({ surv: null, k: 0 });
    expect(res.points[1].k).toBe(4);
    expect(res.warnings).toEqual(['E: no n or standard error; not pooled']);
  });
});
