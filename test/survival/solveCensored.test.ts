import { describe, expect, test } from 'vitest';
import { solveCensored } from '../../src/survival/solveCensored.ts';

describe('solveCensored(start, ncMax, maxIter, miss)', () => {
  test('steps nc by the miss until it is 0 (miss(nc) = 7 − nc: 0 → 7 in one step)', () => {
    expect(solveCensored(0, 20, 100, (nc) => 7 - nc)).toEqual({ nc: 7, miss: 0, iterations: 2 });
  });

  test('on a cycle keeps the nc with the smallest |miss|, a positive one on a tie (closable by extra censoring)', () => {
    // miss(3) = +1 → nc 4; miss(4) = −1 → back to 3: a cycle. Both |1|: keep 3 (+1).
    const miss = (nc: number) => (nc <= 3 ? 1 : -1);
    expect(solveCensored(3, 20, 100, miss)).toEqual({ nc: 3, miss: 1, iterations: 2 });
  });

  test('never leaves [0, ncMax]: a miss that asks for negative censoring stops at 0', () => {
    expect(solveCensored(2, 20, 100, () => -5)).toEqual({ nc: 0, miss: -5, iterations: 2 });
  });

  test('stops after maxIter', () => {
    let calls = 0;
    const r = solveCensored(0, 1e9, 10, (nc) => {
      calls++;
      return nc + 1;
    });
    expect(r.iterations).toBe(10);
    expect(calls).toBeLessThanOrEqual(11);
  });
});
