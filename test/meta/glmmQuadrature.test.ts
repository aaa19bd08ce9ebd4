import { describe, expect, test } from 'vitest';
import { glmmLikelihood } from '../../src/meta/glmmLikelihood.ts';
import { MAX_NODES, nextSize, quadratureSizes, TOL_PARAM } from '../../src/meta/glmmQuadrature.ts';
import large from '../fixtures/glmm-large.json' with { type: 'json' };
import small from '../fixtures/glmm.json' with { type: 'json' };

// Fixtures: scripts/reference/glmm-large.R and glmm.R (exact-integration oracles of the same likelihood).
const studies = (xi: number[], ni: number[]) => xi.map((events, i) => ({ events, n: ni[i] }));

describe('nextSize(q)', () => {
  test('steps by about √2 and stops at the largest rule', () => {
    expect([7, 15, 21, 31, 511, 723].map(nextSize)).toEqual([9, 21, 31, 45, 723, 1023]);
    expect(nextSize(MAX_NODES)).toBe(MAX_NODES);
    expect(nextSize(301)).toBe(361);
  });
});

describe('quadratureSizes(lik, start).settle(μ, τ)', () => {
  test('k = 500, τ ≈ 0.83: 21 nodes per study are enough — the sizes stay and the estimate passes', () => {
    const s = large.sets[1];
    const q = quadratureSizes(glmmLikelihood(studies(s.xi, s.ni)), 21);
    expect(q.settle(s.exact.estimate, Math.sqrt(s.exact.tau2))).toEqual({ ok: true, changed: false });
    expect(q.largest()).toBe(21);
  });

  test('k = 500 from 15 nodes: raises the studies that need it, not all of them', () => {
    const s = large.sets[1];
    const lik = glmmLikelihood(studies(s.xi, s.ni));
    const q = quadratureSizes(lik, 15);
    expect(q.settle(s.exact.estimate, Math.sqrt(s.exact.tau2))).toEqual({ ok: true, changed: true });
    const raised = Array.from(q.sizes).filter((x) => x > 15).length;
    expect(raised).toBeGreaterThan(0);
    expect(raised).toBeLessThan(lik.groups);
  });

  test('large τ (τ̂² ≈ 42, a 0-event and an all-event study): sizes grow until the optimum moves by < 1e-10', () => {
    const s = small.sets.find((x) => x.name === 'large_tau')!;
    const lik = glmmLikelihood(studies(s.xi, s.ni));
    const q = quadratureSizes(lik, 21);
    const [mu, tau] = [s.exact.estimate, Math.sqrt(s.exact.tau2)];
    expect(q.settle(mu, tau)).toEqual({ ok: true, changed: true });
    expect(q.largest()).toBeGreaterThan(63);
    // check the claim independently of the estimate: the Newton step to the optimum of a much finer rule
    const coarse = q.at(mu, tau);
    const fine = lik.evaluate(mu, tau, new Float64Array(lik.groups).fill(MAX_NODES));
    const [a, b, c] = fine.h;
    const det = a * c - b * b;
    const dg = [fine.g[0] - coarse.g[0], fine.g[1] - coarse.g[1]];
    expect(Math.abs((c * dg[0] - b * dg[1]) / det)).toBeLessThan(TOL_PARAM * Math.max(1, Math.abs(mu)));
    expect(Math.abs((-b * dg[0] + a * dg[1]) / det)).toBeLessThan(TOL_PARAM * Math.max(1, Math.abs(tau)));
  });
});
