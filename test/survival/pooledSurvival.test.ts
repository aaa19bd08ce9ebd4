import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { pooledSurvival, seLogLog, type PoolStudyCurve } from '../../src/survival/pooledSurvival.ts';
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

interface ChainFixture {
  readonly grid: number[];
  readonly surv: (number | null)[];
  readonly lower: (number | null)[];
  readonly upper: (number | null)[];
  readonly k: number[];
  readonly tau2: number[];
  readonly pointwise_mu: (number | null)[];
  readonly studies: { study: string; n: number | null; until: number; surv: number[]; se?: number[] }[];
}
const chain = JSON.parse(readFileSync(new URL('../fixtures/pooled-survival.json', import.meta.url), 'utf8')) as ChainFixture;

describe('pooledSurvival(studies, grid) chains the pointwise DL pool by conditional survival', () => {
  // five curves on a 6-month grid, three of which end early (scripts/reference/pooled-survival.R: metafor rma DL at
  // each time, the chain written in R from docs/methods/survival-panel.md)
  const studies: PoolStudyCurve[] = chain.studies.map((s) => ({
    study: s.study, n: s.n, until: s.until,
    survAt: (t: number) => s.surv[chain.grid.indexOf(t)],
    ...(s.se ? { stdErrAt: (t: number) => s.se![chain.grid.indexOf(t)] } : {}),
  }));
  const res = pooledSurvival(studies, chain.grid);

  test('S, band, k and τ² at every grid time equal the R script\'s', () => {
    expect(res.points.map((p) => p.k)).toEqual(chain.k);
    expectAllClose(res.points.map((p) => p.surv ?? NaN), chain.surv, 1e-9, 'S');
    expectAllClose(res.points.map((p) => p.lower ?? NaN), chain.lower, 1e-9, 'lower');
    expectAllClose(res.points.map((p) => p.upper ?? NaN), chain.upper, 1e-9, 'upper');
    expectAllClose(res.points.map((p) => p.tau2), chain.tau2, 1e-9, 'tau2');
  });

  test('while all five curves have data it is the pointwise DL pool; when D ends at 48 months it does not jump up', () => {
    const at = (t: number) => chain.grid.indexOf(t);
    const pointwise = (t: number) => Math.exp(-Math.exp(chain.pointwise_mu[at(t)]!));
    for (const t of [6, 24, 48]) expectClose(res.points[at(t)].surv, pointwise(t), 1e-12, `S(${t})`);
    // the pointwise pool of A, B, C and E at 54 months lies above the five-curve pool at 48 (R: 0.7427 > 0.7232) …
    expect(pointwise(54)).toBeGreaterThan(pointwise(48));
    // … the chained curve goes on down
    expect(res.points[at(54)].surv!).toBeLessThan(res.points[at(48)].surv!);
  });

  test('the grid may come in any order: each point is the same', () => {
    const shuffled = [...chain.grid].reverse();
    const back = pooledSurvival(studies, shuffled);
    expect(back.points.map((p) => p.time)).toEqual(shuffled);
    expect(back.points.map((p) => p.surv)).toEqual([...res.points].reverse().map((p) => p.surv));
  });
});
