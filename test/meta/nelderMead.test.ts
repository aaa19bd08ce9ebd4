import { describe, expect, test } from 'vitest';
import { nelderMead } from '../../src/meta/nelderMead.ts';

describe('nelderMead(f, x0)', () => {
  test('finds the Rosenbrock minimum (1, 1) from (−1.2, 1) (Nelder & Mead 1965 test problem)', () => {
    const r = nelderMead(([x, y]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2, [-1.2, 1]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
  });
  test('treats non-finite values as +∞ (minimum of (x − 2)² on x > 0, NaN elsewhere)', () => {
    const r = nelderMead(([x]) => (x > 0 ? (x - 2) ** 2 : NaN), [0.1]);
    expect(r.x[0]).toBeCloseTo(2, 5);
  });
  test('reports converged: false when maxIter runs out', () => {
    expect(nelderMead(([x, y]) => x * x + y * y, [5, 5], { maxIter: 3 }).converged).toBe(false);
  });
});
