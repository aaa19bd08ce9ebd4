import { describe, expect, test } from 'vitest';
import { kendallTau } from '../../src/meta/kendallTau.ts';
import { expectClose } from './diagnosticsFixture.ts';

describe('kendallTau(x, y)', () => {
  test('exact p without ties matches R cor.test(1:5, c(3,1,2,5,4), method = "kendall")', () => {
    // R 4.x: tau = 0.4, p = 0.48333333333333339
    const r = kendallTau([1, 2, 3, 4, 5], [3, 1, 2, 5, 4]);
    expect(r.exact).toBe(true);
    expectClose(r.tau, 0.4, 'tau');
    expectClose(r.p, 0.48333333333333339, 'p');
  });

  test('exact p in the extreme tail matches R cor.test(1:10, 10:1, method = "kendall")', () => {
    // R 4.x: tau = -1, p = 5.5114638447971777e-07 (= 2 / 10!)
    const r = kendallTau([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expectClose(r.tau, -1, 'tau');
    expectClose(r.p, 5.5114638447971777e-07, 'p');
  });

  test('with ties uses τ_b and the tie-corrected normal approximation, as R cor.test(exact = TRUE)', () => {
    // R 4.x: cor.test(c(1,2,2,3,4,5,5,6), c(2,1,3,3,5,4,6,6), method = "kendall", exact = TRUE):
    // tau = 0.769230769230769384, p = 0.010747577580460065
    const r = kendallTau([1, 2, 2, 3, 4, 5, 5, 6], [2, 1, 3, 3, 5, 4, 6, 6]);
    expect(r.exact).toBe(false);
    expectClose(r.tau, 0.769230769230769384, 'tau');
    expectClose(r.p, 0.010747577580460065, 'p');
  });

  test('τ_b from Knight\'s merge sort equals the pairwise definition Σ sign(xᵢ−xⱼ)·sign(yᵢ−yⱼ) / √((n₀−n₁)(n₀−n₂)), n = 400 with ties', () => {
    // the O(n²) count of Kendall (1938) written out here, on values drawn from small grids (many ties in both)
    let seed = 7;
    const u = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const x = Array.from({ length: 400 }, () => Math.floor(u() * 40));
    const y = x.map((v) => Math.floor(v / 4 + u() * 12));
    let s = 0;
    let tx = 0;
    let ty = 0;
    for (let i = 0; i < x.length; i++) {
      for (let j = i + 1; j < x.length; j++) {
        s += Math.sign(x[i] - x[j]) * Math.sign(y[i] - y[j]);
        if (x[i] === x[j]) tx++;
        if (y[i] === y[j]) ty++;
      }
    }
    const n0 = (400 * 399) / 2;
    const r = kendallTau(x, y);
    expect(r.exact).toBe(false);
    expect(r.tau).toBeCloseTo(s / Math.sqrt((n0 - tx) * (n0 - ty)), 14);
  });

  test('n > 50 without ties uses the normal approximation (R cor.test default switches at n < 50; exact = FALSE beyond)', () => {
    const x = Array.from({ length: 51 }, (_, i) => i);
    const y = x.map((i) => (i * 7) % 51);
    expect(kendallTau(x, y).exact).toBe(false);
    expect(kendallTau(x.slice(0, 50), y.slice(0, 50)).exact).toBe(true);
  });

  test('all ties in one ranking: τ and p are NaN, as R\'s cor.test gives NA', () => {
    const r = kendallTau([1, 1, 1, 1], [1, 2, 3, 4]);
    expect(Number.isNaN(r.tau) && Number.isNaN(r.p)).toBe(true);
  });
});
