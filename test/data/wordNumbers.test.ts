import { expect, test } from 'vitest';
import { occurrencesOf } from '../../src/data/numbersInText.ts';
import { wordNumbersInText } from '../../src/data/wordNumbers.ts';

// Expected values are the documented mapping (docs/data-dictionary.md, "Numbers in words"); the phrases are the seeds'.
const values = (text: string): number[] => wordNumbersInText(text).map((n) => n.value);

test('wordNumbersInText(text) reads cardinals, including hyphenated and spaced compounds', () => {
  expect(wordNumbersInText('Ninety-seven percent of the sample')).toEqual([{ index: 0, text: 'Ninety-seven', value: 97 }]);
  expect(values('Six patients experienced grade 3/4 toxicities')).toEqual([6]);
  expect(values('twenty one, forty, nineteen, zero')).toEqual([21, 40, 19, 0]);
  expect(values('someone, phone, tone')).toEqual([]);
});

test('wordNumbersInText(text) reads fractions as percent, not "a half-life"', () => {
  expect(values('Less than a quarter of the sample had progressive disease')).toEqual([25]);
  expect(values('almost one third had an R2 resection')).toEqual([1, 33.3]);
  expect(values('approximately two thirds of patients')).toEqual([2, 66.7]);
  expect(values('up to one fifth of patients')).toEqual([1, 20]);
  expect(values('three quarters; the other half of patients')).toEqual([3, 75, 50]);
  expect(values('due to a half-life of only two minutes')).toEqual([2]);
});

test('wordNumbersInText(text) reads zero only in the documented phrases', () => {
  expect(values('The 30-day perioperative morbidity was 5% and there were no deaths')).toEqual([0]);
  expect(values('None of the patients with high-grade malignancy survived 5 years')).toEqual([0]);
  expect(values('no perioperative deaths; no patient died')).toEqual([0, 0]);
  expect(values('with no radiation-induced liver disease reported')).toEqual([0]);
  expect(values('no evidence of extrahepatic disease; no difference in overall survival; no necrosis')).toEqual([]);
});

test('wordNumbersInText(text) reads 100 only in "all (of the) (N) patients"', () => {
  expect(values('all patients underwent lobar radioembolization; all of the 5 patients')).toEqual([100, 100]);
  expect(values('when all gross disease can be removed; all have been used')).toEqual([]);
});

test('occurrencesOf(text, value, { words: true }) adds the words to the digits; without it, digits only', () => {
  const quote = 'None of the patients with high-grade malignancy survived 5 years';
  expect(occurrencesOf(quote, 0)).toEqual([]);
  expect(occurrencesOf(quote, 0, { words: true }).map((n) => n.text)).toEqual(['None of']);
  expect(occurrencesOf(quote, 5, { words: true }).map((n) => n.text)).toEqual(['5']);
  expect(occurrencesOf('one third', 33.3, { words: true })).toHaveLength(1);
});
