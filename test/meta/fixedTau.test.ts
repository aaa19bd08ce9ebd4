import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { proportionEffect } from '../../src/meta/effectSizes.ts';
import { fitAtTau } from '../../src/meta/fixedTau.ts';
import type { Test } from '../../src/meta/types.ts';
import { TOL, close } from './tolerances.ts';

/** metafor rma(yi, vi, tau2 = …) + predict(), written by scripts/reference/fixed-tau.R */
interface Row {
  tau2: number; test: Test; estimate: number; se: number; ci: number[]; pi: number[];
  back: { estimate: number; ci: number[]; pi: number[] };
}
interface Set { name: string; xi: number[]; ni: number[]; rows: Row[] }
const fixture = JSON.parse(readFileSync('test/fixtures/fixed-tau.json', 'utf8')) as { sets: Set[] };

describe('fitAtTau(effects, tau2, options)', () => {
  for (const set of fixture.sets) {
    const effects = set.xi.map((x, i) => proportionEffect(`s${i + 1}`, x, set.ni[i], 'PLO'));
    for (const r of set.rows) {
      it(`matches metafor rma(tau2 = ${r.tau2}, test = ${r.test}) on ${set.name}`, () => {
        const f = fitAtTau(effects, r.tau2, { measure: 'PLO', test: r.test });
        expect(close(f.estimate, r.estimate, TOL.estimate)).toBe(true);
        expect(close(f.se, r.se, TOL.se)).toBe(true);
        f.ci.forEach((c, i) => expect(close(c, r.ci[i], TOL.ci)).toBe(true));
        f.pi!.forEach((c, i) => expect(close(c, r.pi[i], TOL.pi)).toBe(true));
        expect(close(f.back.estimate, r.back.estimate, TOL.back)).toBe(true);
        f.back.ci.forEach((c, i) => expect(close(c, r.back.ci[i], TOL.back)).toBe(true));
        f.back.pi!.forEach((c, i) => expect(close(c, r.back.pi[i], TOL.back)).toBe(true));
      });
    }
  }

  it('fitAtTau(effects, -1) throws a RangeError naming tau2', () => {
    expect(() => fitAtTau([proportionEffect('a', 1, 10, 'PLO')], -1, { measure: 'PLO', test: 'z' })).toThrow(/tau2/);
  });

  it('fitAtTau([], 0) throws: no studies', () => {
    expect(() => fitAtTau([], 0, { measure: 'PLO', test: 'z' })).toThrow(/no studies/);
  });
});
