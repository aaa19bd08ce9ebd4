import { describe, expect, test } from 'vitest';
import { begg } from '../../src/meta/begg.ts';
import fixture from '../fixtures/begg-large.json' with { type: 'json' };

// Expected values: scripts/reference/begg-large.R → test/fixtures/begg-large.json (metafor 3.8-1, R 4.x):
// cor.test(yi*, vi, method = "kendall", exact = FALSE) on metafor's standardized effects, which equals
// metafor::ranktest(yi, vi, exact = FALSE); `ranktest` is ranktest's default (exact = TRUE) where R can compute it.
interface Result {
  tau: number;
  p: number;
}
interface Set {
  name: string;
  k: number;
  ties: { yi_star: number; vi: number };
  yi: number[];
  vi: number[];
  cor_test: Result & { z: number };
  ranktest_normal: Result;
  ranktest: Result | null;
}
const sets = fixture.sets as Set[];
const effects = (s: Set) => s.yi.map((yi, i) => ({ study: `s${i + 1}`, yi, vi: s.vi[i] }));
const rel = (x: number, ref: number) => Math.abs(x - ref) / Math.abs(ref);
/** R writes 15 significant digits; τ is a ratio of integers, p goes through one normal tail */
const TOL = { tau: 1e-12, p: 1e-10 };

describe('begg(effects) at large k matches metafor ranktest / cor.test(method = "kendall")', () => {
  test.each(sets.filter((s) => s.k > 50).map((s) => [s.name, s] as const))(
    '%s: τ_b and the tie-corrected normal p of cor.test(exact = FALSE)',
    (_name, s) => {
      const r = begg(effects(s));
      expect(r.exact).toBe(false);
      expect(rel(r.tau, s.cor_test.tau)).toBeLessThan(TOL.tau);
      expect(rel(r.p, s.cor_test.p)).toBeLessThan(TOL.p);
      // metafor's own ranktest(exact = FALSE) gives the same numbers
      expect(rel(r.p, s.ranktest_normal.p)).toBeLessThan(TOL.p);
    },
  );

  test('with ties, ranktest\'s default (exact = TRUE) is the same normal approximation (k = 60 and 200)', () => {
    for (const s of sets.filter((x) => x.ties.vi > 0 && x.ranktest !== null)) {
      expect(rel(begg(effects(s)).p, s.ranktest!.p)).toBeLessThan(TOL.p);
    }
  });

  test('k = 50 without ties: the exact p of ranktest\'s default (exact = TRUE)', () => {
    const s = sets.find((x) => x.name === 'k50_no_ties')!;
    const r = begg(effects(s));
    expect(r.exact).toBe(true);
    expect(rel(r.tau, s.ranktest!.tau)).toBeLessThan(TOL.tau);
    expect(rel(r.p, s.ranktest!.p)).toBeLessThan(TOL.p);
  });

  test('k = 60 without ties: the normal approximation, not ranktest\'s exact p (0.9241 vs 0.9187)', () => {
    const s = sets.find((x) => x.name === 'k60_no_ties')!;
    const r = begg(effects(s));
    expect(r.exact).toBe(false);
    expect(rel(r.p, s.cor_test.p)).toBeLessThan(TOL.p);
    expect(Math.abs(r.p - s.ranktest!.p)).toBeGreaterThan(1e-3);
  });

  test('identical studies: τ and p are NaN (R: NA) with warning begg_all_tied', () => {
    const r = begg(Array.from({ length: 60 }, (_, i) => ({ study: `s${i}`, yi: 0.3, vi: 0.1 })));
    expect(Number.isNaN(r.tau)).toBe(true);
    expect(Number.isNaN(r.p)).toBe(true);
    expect(r.warnings.map((w) => w.code)).toContain('begg_all_tied');
  });
});
