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
});
