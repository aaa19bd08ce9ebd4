import { expect, test } from 'vitest';
import { MAX_TIME as READ_LIMIT } from '../../src/data/readCurve.ts';
import { MAX_TIME } from '../../src/survival/reconstructLimits.ts';

test('the curve reader refuses the times the reconstruction refuses (one documented limit, 10⁶)', () => {
  expect(READ_LIMIT).toBe(MAX_TIME);
  expect(MAX_TIME).toBe(1_000_000);
});
