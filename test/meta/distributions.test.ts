import { describe, expect, test } from 'vitest';
import { chisqCdf, chisqQuantile, chisqUpper, normalQuantile, normalTwoSidedP, tQuantile, tTwoSidedP } from '../../src/meta/distributions.ts';

// Expected values from R 4.x (confirmed with Rscript on this machine).
describe('distributions', () => {
  test('normalQuantile(0.975) is qnorm(0.975)', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
  });
  test('normalTwoSidedP keeps tiny upper tails: 2*pnorm(-10.5)', () => {
    expect(normalTwoSidedP(10.5) / 8.638012635618462e-26).toBeCloseTo(1, 10);
  });
  test('tQuantile(0.975, 4) is qt(0.975, 4)', () => {
    expect(tQuantile(0.975, 4)).toBeCloseTo(2.776445105197793, 12);
  });
  test('tTwoSidedP(2.5, 7) is 2*pt(-2.5, 7)', () => {
    expect(tTwoSidedP(2.5, 7)).toBeCloseTo(0.04099221858575287, 12);
  });
  test('chisqUpper(120, 3) is pchisq(120, 3, lower.tail = FALSE), not 1 - cdf', () => {
    expect(chisqUpper(120, 3) / 7.716790355634158e-26).toBeCloseTo(1, 10);
    expect(chisqCdf(5, 3)).toBeCloseTo(0.8282028557032668, 12);
  });
  test('chisqQuantile(0.975, 9) is qchisq(0.975, 9)', () => {
    expect(chisqQuantile(0.975, 9)).toBeCloseTo(19.02276779864163, 10);
  });
});
