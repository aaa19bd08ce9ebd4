import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  chisqCdf, chisqQuantile, chisqUpper, normalCdf, normalQuantile, normalTwoSidedP, tCdf, tQuantile, tTwoSidedP,
} from '../../src/meta/distributions.ts';

// Expected values: R 4.2.2 pnorm/qnorm, pt/qt, pchisq/qchisq on a grid of df 1 … 10⁶ and x across the bulk and both
// tails down to probabilities of 1e-300 (scripts/reference/distributions.R → test/fixtures/distributions.json).
interface Fixture {
  readonly chisq: readonly { df: number; x: number; cdf: number; upper: number }[];
  readonly chisq_quantile: readonly { df: number; p: number; q: number }[];
  readonly t: readonly { df: number; x: number; cdf: number; two_sided: number }[];
  readonly t_quantile: readonly { df: number; p: number; q: number }[];
  readonly normal: readonly { x: number; cdf: number; two_sided: number }[];
  readonly normal_quantile: readonly { p: number; q: number }[];
}
const fx = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/distributions.json'), 'utf8')) as Fixture;

/** Relative tolerances by quantity: probabilities (tails down to 1e-300 lose ~log10(x·f/F) digits), quantiles. */
const TOL = { tail: 5e-12, quantile: 1e-13 } as const;

/** Relative error; exact agreement (incl. both 0) is 0. */
function rel(actual: number, expected: number): number {
  return actual === expected ? 0 : Math.abs(actual - expected) / Math.abs(expected);
}

/** The worst case of `check` over `rows`, as a readable string for the failure message. */
function worst<R>(rows: readonly R[], check: (r: R) => [number, number]): { err: number; at: string } {
  let err = 0;
  let at = '';
  for (const r of rows) {
    const [a, e] = check(r);
    const d = rel(a, e);
    if (!(d <= err)) {
      err = d;
      at = `${JSON.stringify(r)}: got ${a}`;
    }
  }
  return { err, at };
}

describe('chiSquare against R up to df = 10⁶', () => {
  test('the grid reaches df = 10⁶ and tails of 1e-300', () => {
    expect(fx.chisq.reduce((m, r) => Math.max(m, r.df), 0)).toBe(1e6);
    expect(fx.chisq.some((r) => r.df === 1e6 && r.upper < 1e-299)).toBe(true);
    expect(fx.chisq.some((r) => r.df === 1e6 && r.cdf < 1e-299)).toBe(true);
  });
  test('chisqUpper(x, df) is pchisq(x, df, lower.tail = FALSE) to 5e-12 relative, both tails, df 1 … 10⁶', () => {
    const w = worst(fx.chisq, (r) => [chisqUpper(r.x, r.df), r.upper]);
    expect(w.err, w.at).toBeLessThan(TOL.tail);
  });
  test('chisqCdf(x, df) is pchisq(x, df) to 5e-12 relative, df 1 … 10⁶', () => {
    const w = worst(fx.chisq, (r) => [chisqCdf(r.x, r.df), r.cdf]);
    expect(w.err, w.at).toBeLessThan(TOL.tail);
  });
  test('chisqQuantile(p, df) is qchisq(p, df) to 1e-13 relative, p 1e-300 … 1 − 1e-10, df 1 … 10⁶', () => {
    const w = worst(fx.chisq_quantile, (r) => [chisqQuantile(r.p, r.df), r.q]);
    expect(w.err, w.at).toBeLessThan(TOL.quantile);
  });
  test('the issue-15 case: Q_p at df = 1999 and the large-df branch, e.g. pchisq(2000, 1999, lower = FALSE)', () => {
    // R 4.2.2: print(pchisq(2000, 1999, lower.tail = FALSE), digits = 17) → 0.48948666158439313
    expect(rel(chisqUpper(2000, 1999), 0.48948666158439313)).toBeLessThan(1e-13);
    // R 4.2.2: pchisq(5000, 5000, lower.tail = FALSE) → 0.49734037889234511
    expect(rel(chisqUpper(5000, 5000), 0.49734037889234511)).toBeLessThan(1e-13);
  });
  test('chisqUpper keeps tiny upper tails: pchisq(120, 3, lower.tail = FALSE), not 1 − cdf', () => {
    expect(chisqUpper(120, 3) / 7.716790355634158e-26).toBeCloseTo(1, 10);
  });
  test('edges: x ≤ 0, x = ∞, p = 0 and 1', () => {
    expect([chisqCdf(0, 3), chisqUpper(0, 3)]).toEqual([0, 1]);
    expect([chisqCdf(Infinity, 3000), chisqUpper(Infinity, 3000)]).toEqual([1, 0]);
    expect([chisqQuantile(0, 4), chisqQuantile(1, 4)]).toEqual([0, Infinity]);
    expect(chisqQuantile(Number.NaN, 4)).toBeNaN();
  });
});

describe('studentT against R up to df = 10⁶', () => {
  test('tCdf(x, df) is pt(x, df) to 5e-12 relative, both tails, df 1 … 10⁶ (df = 1 to |x| = 3e299)', () => {
    const w = worst(fx.t, (r) => [tCdf(r.x, r.df), r.cdf]);
    expect(w.err, w.at).toBeLessThan(TOL.tail);
  });
  test('tTwoSidedP(x, df) is 2 * pt(-abs(x), df) to 5e-12 relative', () => {
    const w = worst(fx.t, (r) => [tTwoSidedP(r.x, r.df), r.two_sided]);
    expect(w.err, w.at).toBeLessThan(TOL.tail);
  });
  test('tQuantile(p, df) is qt(p, df) to 1e-13 relative, p 1e-100 … 1 − 1e-10', () => {
    const w = worst(fx.t_quantile, (r) => [tQuantile(r.p, r.df), r.q]);
    expect(w.err, w.at).toBeLessThan(TOL.quantile);
  });
  test('tQuantile(1e-300, df) round-trips through tCdf (R\'s own qt is off by 2e-8 there)', () => {
    for (const df of new Set(fx.t.map((r) => r.df))) {
      expect(rel(tCdf(tQuantile(1e-300, df), df), 1e-300), `df ${df}`).toBeLessThan(TOL.tail);
    }
  });
  test('df = 1 is the Cauchy distribution: qt(1e-300, 1) = -3.18309886183791e+299 (R)', () => {
    expect(rel(tQuantile(1e-300, 1), -3.18309886183791e+299)).toBeLessThan(1e-14);
    expect(tQuantile(0.5, 1)).toBe(0);
  });
});

describe('normal against R', () => {
  test('normalCdf(x) is pnorm(x) and normalTwoSidedP(x) is 2 * pnorm(-abs(x)), tails to 1e-300', () => {
    const c = worst(fx.normal, (r) => [normalCdf(r.x), r.cdf]);
    const p = worst(fx.normal, (r) => [normalTwoSidedP(r.x), r.two_sided]);
    expect(c.err, c.at).toBeLessThan(TOL.tail);
    expect(p.err, p.at).toBeLessThan(TOL.tail);
  });
  test('normalQuantile(p) is qnorm(p), p 1e-300 … 1 − 1e-10 (not −∞ below 1e-17)', () => {
    const w = worst(fx.normal_quantile, (r) => [normalQuantile(r.p), r.q]);
    expect(w.err, w.at).toBeLessThan(TOL.quantile);
    expect(fx.normal_quantile.some((r) => r.p === 1e-300)).toBe(true);
  });
  test('normalQuantile(0.975) is qnorm(0.975)', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
  });
});
