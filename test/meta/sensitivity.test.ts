import { describe, expect, test } from 'vitest';
import { sensitivity } from '../../src/meta/sensitivity.ts';
import bayesFixture from '../fixtures/bayes.json' with { type: 'json' };
import glmmFixture from '../fixtures/glmm.json' with { type: 'json' };
import fixture from '../fixtures/sensitivity.json' with { type: 'json' };

// Expected values: scripts/reference/sensitivity.R (metafor rma + predict(transf)) for the inverse-variance rows,
// scripts/reference/glmm.R (rma.glmm) for the GLMM row, scripts/reference/bayes.R for the Bayesian row.
const rel = (x: number, ref: number) => Math.abs(x - ref) / Math.abs(ref);

describe('sensitivity(studies) matches metafor, rma.glmm and the Bayesian reference', () => {
  test.each(fixture.sets.map((s) => [s.name, s] as const))('%s: all 20 models, estimate and CI to 1e-6 (GLMM, Bayes 1e-4)', (name, s) => {
    const r = sensitivity(s.xi.map((events, i) => ({ events, n: s.ni[i] })));
    expect(r.rows.map((x) => x.model)).toEqual(['GLMM', ...s.rows.map((x) => x.model), 'BAYES']);
    for (const ref of s.rows) {
      const row = r.rows.find((x) => x.model === ref.model)!;
      expect(rel(row.estimate, ref.estimate)).toBeLessThan(1e-6);
      expect(rel(row.ci[0], ref.ci[0])).toBeLessThan(1e-6);
      expect(rel(row.ci[1], ref.ci[1])).toBeLessThan(1e-6);
    }
    const g = glmmFixture.sets.find((x) => x.name === name)!;
    expect(rel(r.rows[0].estimate, g.back.estimate)).toBeLessThan(1e-4);
    expect(rel(r.rows[0].ci[1], g.back.ci[1])).toBeLessThan(1e-4);
    const b = bayesFixture.sets.find((x) => x.name === name)!;
    expect(rel(r.rows[19].estimate, b.back.estimate)).toBeLessThan(1e-4);
    expect(rel(r.rows[19].ci[0], b.back.ci[0])).toBeLessThan(1e-4);
    // the spread is max − min of the reference estimates
    const all = [g.back.estimate, ...s.rows.map((x) => x.estimate), b.back.estimate];
    expect(r.spread).toBeCloseTo(Math.max(...all) - Math.min(...all), 5);
  });

  test('pritz1997: the models spread by more than 0.05 (PLO ≈ 0.757 vs GLMM ≈ 0.798), so disagree is true', () => {
    const s = fixture.sets[0];
    const r = sensitivity(s.xi.map((events, i) => ({ events, n: s.ni[i] })));
    expect(r.disagree).toBe(true);
    expect(r.threshold).toBe(0.05);
  });

  test('sensitivity(studies, {threshold}) flags only when the spread exceeds the threshold', () => {
    const s = fixture.sets[1];
    const studies = s.xi.map((events, i) => ({ events, n: s.ni[i] }));
    const all = s.rows.map((x) => x.estimate);
    const ivSpread = Math.max(...all) - Math.min(...all);
    const r = sensitivity(studies, { threshold: 1 });
    expect(r.disagree).toBe(false);
    expect(r.spread).toBeGreaterThanOrEqual(ivSpread);
    expect(sensitivity(studies, { threshold: ivSpread / 2 }).disagree).toBe(true);
  });

  test('sensitivity([]) and a negative threshold throw', () => {
    expect(() => sensitivity([])).toThrow(/no studies/);
    expect(() => sensitivity([{ events: 1, n: 2 }], { threshold: -1 })).toThrow(/invalid threshold/);
  });
});
