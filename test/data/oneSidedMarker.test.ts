import { expect, test } from 'vitest';
import { oneSidedMarker } from '../../src/data/oneSidedMarker.ts';

const row = (note: string, quote: string, value: number | null = 90) => ({ note, quote, value });

test('oneSidedMarker(record) reads the marker after "one-sided:" in the note', () => {
  expect(oneSidedMarker(row('one-sided: >; by 5 years', 'x'))).toBe('>');
  expect(oneSidedMarker(row('imaging; one-sided: up to; restated', 'x'))).toBe('up to');
});

test('oneSidedMarker(record) reads a note that starts with a marker', () => {
  expect(oneSidedMarker(row('> 90 in the abstract', 'x'))).toBe('>');
  expect(oneSidedMarker(row('at least; in words', 'x'))).toBe('at least');
  expect(oneSidedMarker(row('up to: "approaches 80%" in some studies', 'x'))).toBe('up to');
});

test('oneSidedMarker(record) reads the quote when every printing of the value is qualified', () => {
  expect(oneSidedMarker(row('', 'reports of >90% of patients recurring'))).toBe('>');
  expect(oneSidedMarker(row('', 'by up to 50% of', 50))).toBe('up to');
  expect(oneSidedMarker(row('', 'Mayo 2010 339 20 <1 74 94', 1))).toBe('<');
});

test('oneSidedMarker(record) is null for a point value, whatever else the note or quote qualifies', () => {
  expect(oneSidedMarker(row('combined hepatectomy plus RFA for >15 hepatic metastases', '3-year survival of 84%', 84))).toBeNull();
  expect(oneSidedMarker(row('p < 0.05', 'a survival of 90%'))).toBeNull();
  expect(oneSidedMarker(row('', 'from >90% before to 90% after'))).toBeNull();
  expect(oneSidedMarker(row('', 'range 60 to 80', null))).toBeNull();
});
