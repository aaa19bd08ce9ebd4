import { describe, expect, test } from 'vitest';
import { parseNumber } from '../../src/data/parseNumber.ts';

describe('parseNumber(cell)', () => {
  test.each([
    ['74', 74], [' 74 ', 74], ['4.5', 4.5], ['-3', -3], ['+2', 2], ['.5', 0.5], ['0', 0], ['1e3', 1000],
  ])('parseNumber(%j) → %d', (cell, expected) => {
    expect(parseNumber(cell)).toBe(expected);
  });

  test.each([
    '', '   ', 'NaN', 'nan', 'Infinity', '-Infinity', 'inf', '0x1A', '0b11', '12abc', 'abc', '1,234', '4,5', '1.2.3',
    '1 000', '5%', '--1', '.', '1e', '١٢',
  ])('parseNumber(%j) → null', (cell) => {
    expect(parseNumber(cell)).toBeNull();
  });
});

describe('parseNumber(cell, { decimalComma: true })', () => {
  test.each([['4,5', 4.5], ['4.5', 4.5], ['-0,25', -0.25], ['12', 12]])('parseNumber(%j) → %d', (cell, expected) => {
    expect(parseNumber(cell, { decimalComma: true })).toBe(expected);
  });

  test.each(['1,234,5', '1.234,5', 'NaN', '4,5abc', ','])('parseNumber(%j) → null', (cell) => {
    expect(parseNumber(cell, { decimalComma: true })).toBeNull();
  });
});
