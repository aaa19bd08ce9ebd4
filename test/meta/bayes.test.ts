import { describe, expect, test } from 'vitest';
import { bayes } from '../../src/meta/bayes.ts';
import { PoolInputError } from '../../src/meta/poolInputError.ts';
import fixture from '../fixtures/bayes.json' with { type: 'json' };

// Expected values: scripts/reference/bayes.R → test/fixtures/bayes.json (the same model integrated in base R
// by the trapezoid rule on a 400 001-point τ grid; yi, vi from metafor::escalc("PLO")).
interface Summary { median: number; mean: number; ci: number[] }
interface Set {
  name: string;
  S: number;
  yi: number[];
  vi: number[];
  mu: Summary;
  tau: Summary;
  pi: number[];
  back: { estimate: number; ci: number[]; pi: number[] };
  density_check: { tau: number[]; density: number[] };
}
const sets = fixture.sets as Set[];
const studies = (s: Set) => s.yi.map((yi, i) => ({ yi, vi: s.vi[i] }));
const TOL = 1e-3;
const close = (x: number, ref: number) => expect(Math.abs(x - ref)).toBeLessThan(TOL * Math.max(1, Math.abs(ref)));

describe('bayes(studies, {tauPriorScale}) matches numerical integration in R', () => {
  test.each(sets.map((s) => [s.name, s] as const))('%s: μ median, mean and 95% CrI; τ median, mean, CrI; PI', (_n, s) => {
    const r = bayes(studies(s), { tauPriorScale: s.S });
    close(r.estimate, s.mu.median);
    close(r.mu.median, s.mu.median);
    close(r.mu.mean, s.mu.mean);
    close(r.tau.median, s.tau.median);
    close(r.tau.mean, s.tau.mean);
    for (const j of [0, 1]) {
      close(r.ci[j], s.mu.ci[j]);
      close(r.tau.ci[j], s.tau.ci[j]);
      close(r.pi[j], s.pi[j]);
      close(r.back.ci[j], s.back.ci[j]);
      close(r.back.pi[j], s.back.pi[j]);
    }
    close(r.back.estimate, s.back.estimate);
  });

  // The 201-point drawing grid spans [0, ~8·S]: at S = 100 it is too coarse to interpolate at R's check points.
  const drawable = sets.filter((s) => s.S <= 1);
  test.each(drawable.map((s) => [s.name, s] as const))('%s: τ density grid starts at 0 and matches R', (_n, s) => {
    const r = bayes(studies(s), { tauPriorScale: s.S });
    const { tau, density } = r.tauDensity;
    expect(tau[0]).toBe(0);
    close(density[0], s.density_check.density[0]);
    // linear interpolation on the returned grid at the R check points
    for (const [i, t] of s.density_check.tau.entries()) {
      const j = tau.findIndex((x) => x > t);
      const f = density[j - 1] + ((density[j] - density[j - 1]) * (t - tau[j - 1])) / (tau[j] - tau[j - 1]);
      expect(Math.abs(f - s.density_check.density[i])).toBeLessThan(2e-3 * Math.max(1, s.density_check.density[i]));
    }
    // the grid reaches where the density is negligible
    expect(density[density.length - 1]).toBeLessThan(1e-12 * Math.max(...density));
  });
});

describe('bayes(studies) properties', () => {
  test('a larger prior scale S widens the τ posterior (pritz1997: fixture S = 1 vs S = 0.5)', () => {
    const a = sets.find((s) => s.name === 'pritz1997')!;
    const b = sets.find((s) => s.name === 'pritz1997_S1')!;
    expect(b.tau.ci[1]).toBeGreaterThan(a.tau.ci[1]);
    const r = bayes(studies(a), { tauPriorScale: 1 });
    close(r.tau.ci[1], b.tau.ci[1]);
  });
  test('k = 2 warns that the τ posterior is prior-driven', () => {
    const s = sets.find((x) => x.name === 'k2')!;
    expect(bayes(studies(s)).warnings.map((w) => w.code)).toEqual(['bayes_small_k']);
  });
  test('invalid input throws', () => {
    expect(() => bayes([])).toThrow(/no studies/);
    expect(() => bayes([{ yi: 0, vi: 0 }])).toThrow(/study 1: invalid yi\/vi/);
    expect(() => bayes([{ yi: 0, vi: 1 }], { tauPriorScale: 0 })).toThrow(/invalid tau prior scale/);
  });
  test('a prior scale outside [1e-6, 100] is refused with a PoolInputError naming the range', () => {
    for (const S of [1e308, 1000, 100.0001, 9.9e-7, 1e-300, Number.NaN, Infinity, -1]) {
      expect(() => bayes([{ yi: 0, vi: 1 }, { yi: 1, vi: 1 }], { tauPriorScale: S }), `S = ${S}`)
        .toThrow(PoolInputError);
    }
    expect(() => bayes([{ yi: 0, vi: 1 }], { tauPriorScale: 1e308 }))
      .toThrow('invalid tau prior scale: 1e+308 (must be between 1e-6 and 100');
    for (const S of [1e-6, 100]) {
      const r = bayes([{ yi: 0, vi: 1 }, { yi: 1, vi: 1 }], { tauPriorScale: S });
      expect([r.estimate, ...r.ci, ...r.pi, r.tau.median].every(Number.isFinite), `S = ${S}`).toBe(true);
      expect(r.warnings.map((w) => w.code)).not.toContain('non_finite');
    }
  });
});
