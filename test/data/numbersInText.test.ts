import { expect, test } from 'vitest';
import { numbersInText, occurrencesOf } from '../../src/data/numbersInText.ts';

test('numbersInText(text) finds numbers not glued to letters, digits or decimal points', () => {
  const text = '5-year survival of 74% (n = 339), 125.1 months, <1, T3 and 12mo, ⁷2010';
  expect(numbersInText(text).map((n) => n.text)).toEqual(['5', '74', '339', '125.1', '1', '2010']);
});

test('occurrencesOf(text, value) compares as numbers and reports positions', () => {
  expect(occurrencesOf('84.0 and 84', 84).map((n) => n.index)).toEqual([0, 9]);
  expect(occurrencesOf('1974 and 74.5', 74)).toEqual([]);
  expect(occurrencesOf('a median 3.9-year survival', 46.8 / 12).map((n) => n.text)).toEqual(['3.9']);
});
