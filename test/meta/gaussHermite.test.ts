import { describe, expect, test } from 'vitest';
import { gaussHermite } from '../../src/meta/gaussHermite.ts';
import { gaussLegendre } from '../../src/meta/gaussLegendre.ts';

const sqrtPi = Math.sqrt(Math.PI);

describe('gaussHermite', () => {
  test('gaussHermite(3) has nodes ±√(3/2), 0 and weights √π/6, 2√π/3, √π/6 (Abramowitz & Stegun 1964, Table 25.10)', () => {
    const q = gaussHermite(3);
    expect(q.nodes[0]).toBeCloseTo(-Math.sqrt(1.5), 15);
    expect(q.nodes[1]).toBeCloseTo(0, 15);
    expect(q.nodes[2]).toBeCloseTo(Math.sqrt(1.5), 15);
    expect(q.weights[0]).toBeCloseTo(sqrtPi / 6, 15);
    expect(q.weights[1]).toBeCloseTo((2 * sqrtPi) / 3, 15);
    expect(q.weights[2]).toBeCloseTo(sqrtPi / 6, 15);
  });
  test('gaussHermite(2) has nodes ±1/√2 and weights √π/2', () => {
    const q = gaussHermite(2);
    expect(q.nodes[1]).toBeCloseTo(Math.SQRT1_2, 15);
    expect(q.weights[0]).toBeCloseTo(sqrtPi / 2, 15);
  });
  test('gaussHermite(10) largest node and its weight match Abramowitz & Stegun Table 25.10', () => {
    const q = gaussHermite(10);
    // A&S Table 25.10, n = 10: x = 3.43615 91188 37738, w = 7.64043 28552 33 × 10⁻⁶
    expect(q.nodes[9]).toBeCloseTo(3.436159118837738, 13);
    expect(q.weights[9] / 7.6404328552326e-6).toBeCloseTo(1, 9);
  });
  test.each([1, 5, 20, 64, 150, 300])('gaussHermite(%i) integrates e^{−x²}·{1, x², x⁴} exactly: √π, √π/2, 3√π/4', (n) => {
    const q = gaussHermite(n);
    const m = (p: number) => q.weights.reduce((s, w, i) => s + w * q.nodes[i] ** p, 0);
    expect(m(0) / sqrtPi).toBeCloseTo(1, 13);
    if (n >= 2) expect(m(2) / (sqrtPi / 2)).toBeCloseTo(1, 12);
    if (n >= 3) expect(m(4) / ((3 * sqrtPi) / 4)).toBeCloseTo(1, 12);
    for (let i = 1; i < n; i++) expect(q.nodes[i]).toBeGreaterThan(q.nodes[i - 1]);
  });
  test('gaussHermite(0) throws', () => {
    expect(() => gaussHermite(0)).toThrow(/invalid quadrature size/);
  });
});

describe('gaussLegendre', () => {
  test('gaussLegendre(3) has nodes ±√(3/5), 0 and weights 5/9, 8/9, 5/9 (A&S Table 25.4)', () => {
    const q = gaussLegendre(3);
    expect(q.nodes[2]).toBeCloseTo(Math.sqrt(0.6), 14);
    expect(q.weights[0]).toBeCloseTo(5 / 9, 13);
    expect(q.weights[1]).toBeCloseTo(8 / 9, 13);
  });
  test('gaussLegendre(20) integrates eˣ over [−1, 1] to e − 1/e', () => {
    const q = gaussLegendre(20);
    const s = q.weights.reduce((a, w, i) => a + w * Math.exp(q.nodes[i]), 0);
    expect(s).toBeCloseTo(Math.E - 1 / Math.E, 14);
  });
});
