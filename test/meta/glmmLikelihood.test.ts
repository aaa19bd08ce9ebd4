import { describe, expect, test } from 'vitest';
import { glmmLikelihood } from '../../src/meta/glmmLikelihood.ts';
import large from '../fixtures/glmm-large.json' with { type: 'json' };
import small from '../fixtures/glmm.json' with { type: 'json' };

// Expected values: the exact oracles of scripts/reference/glmm-large.R (Newton on integrate()d integrals, k = 50
// and 500) and scripts/reference/glmm.R (integrate + optim): log-likelihood (with the binomial coefficients) at
// their optimum, where the score is 0.
const logChoose = (n: number, y: number) => {
  let s = 0;
  for (let j = 1; j <= y; j++) s += Math.log((n - y + j) / j);
  return s;
};
const studies = (xi: number[], ni: number[]) => xi.map((events, i) => ({ events, n: ni[i] }));

describe('glmmLikelihood(studies).evaluate(μ, τ, sizes)', () => {
  test.each(large.sets.map((s) => [s.k, s] as const))('k = %i: log L at the exact optimum to 1e-11, score 0 to 1e-8', (_k, s) => {
    const lik = glmmLikelihood(studies(s.xi, s.ni));
    const d = lik.evaluate(s.exact.estimate, Math.sqrt(s.exact.tau2), new Float64Array(lik.groups).fill(63));
    const coefficients = s.xi.reduce((a, y, i) => a + logChoose(s.ni[i], y), 0);
    expect(Math.abs(d.ll + coefficients - s.exact.logLik)).toBeLessThan(1e-11 * Math.abs(s.exact.logLik));
    expect(Math.abs(d.g[0])).toBeLessThan(1e-8);
    expect(Math.abs(d.g[1])).toBeLessThan(1e-8);
    // the observed information gives the oracle's SE
    const [a, b, c] = d.h;
    expect(Math.abs(Math.sqrt(-c / (a * c - b * b)) / s.exact.se - 1)).toBeLessThan(1e-9);
  });

  test.each(small.sets.filter((s) => s.exact.tau2 > 1e-6).map((s) => [s.name, s] as const))(
    '%s: log L at the integrate + optim optimum to 1e-8 (255 nodes)',
    (_name, s) => {
      const lik = glmmLikelihood(studies(s.xi, s.ni));
      const d = lik.evaluate(s.exact.estimate, Math.sqrt(s.exact.tau2), new Float64Array(lik.groups).fill(255));
      const coefficients = s.xi.reduce((a, y, i) => a + logChoose(s.ni[i], y), 0);
      expect(Math.abs(d.ll + coefficients - s.exact.logLik)).toBeLessThan(1e-8);
    },
  );

  test('studies with the same counts are one group, counted as often as they occur', () => {
    const once = glmmLikelihood([{ events: 3, n: 20 }, { events: 9, n: 31 }]);
    const twice = glmmLikelihood([{ events: 3, n: 20 }, { events: 9, n: 31 }, { events: 3, n: 20 }]);
    const alone = glmmLikelihood([{ events: 3, n: 20 }]);
    expect(twice.groups).toBe(2);
    const at = (l: typeof once) => l.evaluate(-0.7, 0.6, new Float64Array(l.groups).fill(31));
    expect(at(twice).ll).toBeCloseTo(at(once).ll + at(alone).ll, 12);
    expect(at(twice).g[1]).toBeCloseTo(at(once).g[1] + at(alone).g[1], 12);
  });

  test('at τ = 0 the likelihood is the binomial one for any rule: Σ y·μ − n·log(1 + e^μ)', () => {
    const lik = glmmLikelihood([{ events: 3, n: 20 }, { events: 9, n: 31 }]);
    const mu = -1.1;
    const expected = 12 * mu - 51 * Math.log1p(Math.exp(mu));
    for (const q of [3, 7, 21]) expect(lik.evaluate(mu, 0, [q, q]).ll).toBeCloseTo(expected, 12);
  });
});
