import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { PoolInputError } from '../../src/meta/poolInputError.ts';
import { pooledMedian, pooledMedians, type MedianStudy, type PooledMedianMethod } from '../../src/meta/pooledMedian.ts';
import { halfBinomialCdf, minSignTestK, signTestRank } from '../../src/meta/signTestRank.ts';
import { relError } from './tolerances.ts';

/** Base-R implementation of McGrath et al. 2019's definitions, from scripts/reference/pooled-median.R. */
interface Expected {
  readonly estimate: number | null;
  readonly ci: [number, number] | null;
  readonly coverage: number | null;
  readonly k: number;
}
interface Case {
  readonly name: string;
  readonly level: number;
  readonly studies: readonly { median: number; n: number | null }[];
  readonly median_of_medians: Expected;
  readonly weighted_median_of_medians: Expected;
}
const fixture = JSON.parse(readFileSync('test/fixtures/pooled-median.json', 'utf8')) as { cases: Case[] };
const TOL = 1e-9;

function worst(actual: number | null, expected: number | null): number {
  if (actual === null || expected === null) return actual === expected ? 0 : Infinity;
  return relError(actual, expected);
}

describe('pooledMedian(studies, { method, level }) matches the R reference (pooled-median.json) to 1e-9', () => {
  test('the fixture covers k = 0, 1, 2, 5, 6, ties, rows without n and larger k', () => {
    const ks = fixture.cases.map((c) => c.studies.length);
    expect(ks).toEqual(expect.arrayContaining([0, 1, 2, 5, 6, 15, 40]));
    expect(fixture.cases.some((c) => c.studies.some((s) => s.n === null))).toBe(true);
  });

  for (const c of fixture.cases) {
    for (const method of ['median_of_medians', 'weighted_median_of_medians'] as const satisfies readonly PooledMedianMethod[]) {
      test(`${c.name}: ${method}`, () => {
        const studies: MedianStudy[] = c.studies.map((s, i) => ({ study: `s${i + 1}`, median: s.median, n: s.n ?? null }));
        const out = pooledMedian(studies, { method, level: c.level });
        const e = c[method];
        expect(out.method).toBe(method);
        expect(out.k).toBe(e.k);
        expect(out.ci === null).toBe(e.ci === null);
        const errors = [
          worst(out.estimate, e.estimate),
          worst(out.coverage, e.coverage),
          worst(out.ci?.[0] ?? null, e.ci?.[0] ?? null),
          worst(out.ci?.[1] ?? null, e.ci?.[1] ?? null),
        ];
        expect(Math.max(...errors)).toBeLessThanOrEqual(TOL);
      });
    }
  }
});

describe('pooledMedian edge cases', () => {
  const six: MedianStudy[] = [53, 125, 70, 35, 46.8, 83].map((median, i) => ({ study: `s${i}`, median, n: 10 * (i + 1) }));

  test('k = 1 and 2 give an estimate and no 95 % interval, with a warning that names the k needed', () => {
    const one = pooledMedian([{ median: 35, n: 48 }]);
    expect(one.estimate).toBe(35);
    expect(one.ci).toBeNull();
    expect(one.warnings.map((w) => w.code)).toEqual(['k_too_small_for_ci']);
    expect(one.warnings[0]!.message).toContain('at least 6 studies');
    // 2 studies: the mean of the two (R median(c(22, 70)) = 46)
    expect(pooledMedian([{ median: 22, n: 20 }, { median: 70, n: 148 }]).estimate).toBe(46);
  });

  test('k = 5: the widest interval covers 93.75 %, so no 95 % interval (hand: 1 − 2/32)', () => {
    const out = pooledMedian(six.slice(0, 5));
    expect(out.ci).toBeNull();
    expect(out.warnings[0]!.message).toContain('93.75 %');
  });

  test('rows without n: kept in the median of medians, left out of the weighted one with a reason', () => {
    const studies: MedianStudy[] = [...six, { study: 'no n', median: 10, n: null }];
    const [mm, wm] = pooledMedians(studies);
    expect(mm.k).toBe(7);
    expect(mm.n).toBe(210);
    expect(mm.warnings.map((w) => w.code)).toContain('n_partial');
    expect(wm.k).toBe(6);
    expect(wm.excluded).toEqual([{ index: 6, study: 'no n', reason: 'no n: cannot be weighted' }]);
    expect(wm.warnings.map((w) => w.code)).toContain('no_n_excluded');
  });

  test('equal weights give the median of medians exactly', () => {
    const equal = six.map((s) => ({ ...s, n: 25 }));
    const [mm, wm] = pooledMedians(equal);
    expect(wm.estimate).toBe(mm.estimate);
    expect(wm.ci).toEqual(mm.ci);
  });

  test('the result does not depend on the order of the studies', () => {
    const a = pooledMedian(six, { method: 'weighted_median_of_medians' });
    const b = pooledMedian([...six].reverse(), { method: 'weighted_median_of_medians' });
    expect(b.estimate).toBe(a.estimate);
    expect(b.ci).toEqual(a.ci);
  });

  test('no studies: estimate null with a warning', () => {
    const out = pooledMedian([]);
    expect(out.estimate).toBeNull();
    expect(out.n).toBeNull();
    expect(out.warnings.map((w) => w.code)).toEqual(['no_studies']);
  });

  test('bad input throws PoolInputError naming the study', () => {
    expect(() => pooledMedian([{ study: 'X', median: Number.NaN, n: 3 }])).toThrow(PoolInputError);
    expect(() => pooledMedian([{ study: 'X', median: 3, n: 0 }])).toThrow(/X: invalid n: 0/);
    expect(() => pooledMedian(six, { level: 1 })).toThrow(/invalid level/);
  });
});

describe('signTestRank(k, level)', () => {
  test('k = 6: [y(1), y(6)] with coverage 1 − 2/64 (hand); k = 5: none', () => {
    expect(signTestRank(6)).toEqual({ r: 1, coverage: 1 - 2 / 64 });
    expect(signTestRank(5)).toBeNull();
    expect(minSignTestK(0.95)).toBe(6);
    expect(minSignTestK(0.9)).toBe(5);
  });

  test('halfBinomialCdf matches R pbinom(j, k, 0.5)', () => {
    // R: pbinom(13, 40, 0.5) = 0.019238654142100155; pbinom(2, 10, 0.5) = 0.0546875
    expect(relError(halfBinomialCdf(13, 40), 0.019238654142100155)).toBeLessThan(1e-12);
    expect(halfBinomialCdf(2, 10)).toBeCloseTo(0.0546875, 15);
    expect(halfBinomialCdf(2000, 4000)).toBeGreaterThan(0.5);
  });
});
