import { describe, expect, test } from 'vitest';
import { proportionEffect, type ProportionMeasure } from '../../src/meta/effectSizes.ts';
import { fit } from '../../src/meta/fit.ts';
import { guardRails } from '../../src/meta/guardRails.ts';
import { analyse } from '../../src/analysis/index.ts';
import type { Method, Test } from '../../src/meta/types.ts';
import fixture from '../fixtures/glmm.json' with { type: 'json' };

/** studies as [events, n] */
type Counts = readonly (readonly [number, number])[];
function run(counts: Counts, measure: ProportionMeasure = 'PLO', method: Method = 'REML', t: Test = 'knha') {
  const effects = counts.map(([e, n], i) => proportionEffect(`s${i + 1}`, e, n, measure));
  return guardRails(fit(effects, { measure, method, test: t }), effects);
}
const codes = (rails: readonly { code: string }[]) => rails.map((r) => r.code);

// "large" studies: n ≥ 50, events ≥ 10, 0.2 ≤ p ≤ 0.8 — none of the prefer_glmm triggers
const large: [number, number][] = [
  [30, 60], [40, 90], [35, 70], [25, 55], [50, 100], [45, 80], [33, 66], [28, 59], [41, 77], [36, 72],
];

describe('guardRails(result, effects)', () => {
  test('pi_small_k fires for k = 2 and not for k = 3', () => {
    expect(codes(run(large.slice(0, 2)))).toContain('pi_small_k');
    expect(codes(run(large.slice(0, 3)))).not.toContain('pi_small_k');
  });
  test('bias_small_k fires for k = 9 and not for k = 10', () => {
    expect(codes(run(large.slice(0, 9)))).toContain('bias_small_k');
    expect(codes(run(large.slice(0, 10)))).not.toContain('bias_small_k');
  });
  test('z_small_k fires for a random-effects z test with k = 9; not with knha, not with k = 10, not for FE', () => {
    expect(codes(run(large.slice(0, 9), 'PLO', 'REML', 'z'))).toContain('z_small_k');
    expect(codes(run(large.slice(0, 9), 'PLO', 'REML', 'knha'))).not.toContain('z_small_k');
    expect(codes(run(large.slice(0, 10), 'PLO', 'REML', 'z'))).not.toContain('z_small_k');
    expect(codes(run(large.slice(0, 9), 'PLO', 'FE', 'z'))).not.toContain('z_small_k');
  });
  test('pft_warning fires for PFT with the difference from the GLMM (metafor: rma PFT/REML/knha vs rma.glmm, pritz1997)', () => {
    const ref = fixture.pft_difference;
    const set = fixture.sets.find((s) => s.name === ref.name)!;
    const rails = run(set.xi.map((x, i) => [x, set.ni[i]] as const), 'PFT', 'REML', 'knha');
    const pft = rails.find((r) => r.code === 'pft_warning')!;
    expect(pft.difference).toBeCloseTo(ref.difference, 6);
    expect(pft.message).toContain(`difference +${ref.difference.toFixed(4)}`);
    expect(pft.message).toMatch(/Schwarzer et al\. 2019/);
  });
  test('pft_warning does not fire for PLO or PAS', () => {
    expect(codes(run(large.slice(0, 4), 'PLO'))).not.toContain('pft_warning');
    expect(codes(run(large.slice(0, 4), 'PAS'))).not.toContain('pft_warning');
  });
  test.each([
    ['n < 50', [[20, 40]]],
    ['events < 10', [[9, 60]]],
    ['proportion < 0.2', [[10, 60]]],
    ['proportion > 0.8', [[85, 100]]],
  ] as const)('prefer_glmm fires when one study has %s', (why, extra) => {
    const rails = run([...large.slice(0, 3), ...extra]);
    const r = rails.find((x) => x.code === 'prefer_glmm')!;
    expect(r.message).toContain(why);
    expect(r.message).toMatch(/^1 of 4 studies/);
    expect(r.message).toMatch(/Lin, Xu & Chu 2022/);
  });
  test('prefer_glmm does not fire when every study has n ≥ 50, events ≥ 10 and 0.2 ≤ p ≤ 0.8 (boundaries included)', () => {
    expect(codes(run([...large.slice(0, 3), [10, 50], [40, 50]]))).not.toContain('prefer_glmm');
  });
  test('prefer_glmm does not fire for generic effect sizes', () => {
    const effects = [{ study: 'a', yi: 0.1, vi: 0.04 }, { study: 'b', yi: 0.3, vi: 0.05 }, { study: 'c', yi: 0.2, vi: 0.03 }];
    expect(codes(guardRails(fit(effects, { measure: 'GEN', method: 'REML', test: 'knha' }), effects))).not.toContain('prefer_glmm');
  });
});

describe('analyse(input, spec) appends the guard-rails to each fit', () => {
  const input = {
    kind: 'proportions' as const,
    problems: [],
    rows: [[3, 20], [8, 25], [14, 31]].map(([events, n], i) => ({ row: i + 2, study: `s${i + 1}`, events, n, extra: {} })),
  };
  test('k = 3 with small studies and the z test: bias_small_k, z_small_k, prefer_glmm (not pi_small_k)', () => {
    const out = analyse(input, { method: 'REML', test: 'z' }).pooled!.overall;
    const got = codes(out.warnings);
    expect(got).toEqual(expect.arrayContaining(['bias_small_k', 'z_small_k', 'prefer_glmm']));
    expect(got).not.toContain('pi_small_k');
  });
});
