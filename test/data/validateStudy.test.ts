import { describe, expect, test } from 'vitest';
import { validateStudy } from '../../src/data/validateStudy.ts';
import type { StudyColumn } from '../../src/data/vocabulary.ts';
import { GOOD_ROW } from './studyCsv.ts';

const check = (change: Partial<Record<StudyColumn, string>>, options = {}) =>
  validateStudy({ ...GOOD_ROW, ...change }, 5, options);

describe('validateStudy(cells, row)', () => {
  test('returns a typed record for a valid row', () => {
    const { record, problems } = check({});
    expect(problems).toEqual([]);
    expect(record).toEqual({
      row: 5, row_id: 'r1', cohort_id: 'mayo_2010', study: 'Mayo 2010', first_author: 'Mayo', year: 2010,
      modality: 'resection', arm: '', design: 'retrospective', n: 339, outcome: 'os_5y', value: 74, low: null,
      high: null, time_months: 60, seed: '001_9c5965bc9c202e25.txt', seed_ref: '7', section: 'Hepatic resection',
      quote: '5-year survival of 74%', note: '',
    });
  });

  test('reads an empty design as unknown and empty numbers as null', () => {
    const { record } = check({ design: '', n: '', year: '', time_months: '', value: '', low: '60', high: '80' });
    expect(record).toMatchObject({ design: 'unknown', n: null, year: null, time_months: null, value: null, low: 60, high: 80 });
  });

  test('reads a decimal comma when asked', () => {
    expect(check({ value: '74,5' }, { decimalComma: true }).record?.value).toBe(74.5);
  });

  test.each<[Partial<Record<StudyColumn, string>>, string, string]>([
    [{ n: '-3' }, 'n', 'invalid n: "-3" (must be a positive integer)'],
    [{ n: '0' }, 'n', 'invalid n: "0" (must be a positive integer)'],
    [{ n: '12.5' }, 'n', 'invalid n: "12.5" (must be a positive integer)'],
    [{ n: 'NaN' }, 'n', 'invalid n: "NaN" (must be a positive integer)'],
    [{ n: '12abc' }, 'n', 'invalid n: "12abc" (must be a positive integer)'],
    [{ year: '1850' }, 'year', 'invalid year: "1850" (must be an integer from 1900 to 2100)'],
    [{ year: '2010.5' }, 'year', 'invalid year: "2010.5" (must be an integer from 1900 to 2100)'],
    [{ value: 'Infinity' }, 'value', 'invalid value: "Infinity" (must be a number)'],
    [{ value: '0x4A' }, 'value', 'invalid value: "0x4A" (must be a number)'],
    [{ value: '74,5' }, 'value', 'invalid value: "74,5" (must be a number)'],
    [{ value: '120' }, 'value', 'invalid value: "120" (must be a percentage from 0 to 100)'],
    [{ value: '60', low: '-1', high: '80' }, 'low', 'invalid low: "-1" (must be a percentage from 0 to 100)'],
    [{ value: '60', low: '50', high: '101' }, 'high', 'invalid high: "101" (must be a percentage from 0 to 100)'],
    [{ outcome: 'os_median_months', time_months: '', value: '-2' }, 'value', 'invalid value: "-2" (must be a number of months, at least 0)'],
    [{ outcome: 'hazard_ratio', time_months: '', value: '0' }, 'value', 'invalid value: "0" (must be a ratio greater than 0)'],
    [{ value: '50', low: '60', high: '80' }, 'value', 'invalid value: "50" (must be at least low (60))'],
    [{ value: '90', low: '60', high: '80' }, 'value', 'invalid value: "90" (must be at most high (80))'],
    [{ value: '', low: '80', high: '60' }, 'low', 'invalid low: "80" (must be at most high (60))'],
    [{ value: '' }, 'value', 'invalid value: "" (must be given when low and high are empty)'],
    [{ modality: 'surgery' }, 'modality', 'invalid modality: "surgery" (must be a modality listed in docs/data-dictionary.md)'],
    [{ outcome: 'os5y' }, 'outcome', 'invalid outcome: "os5y" (must be an outcome listed in docs/data-dictionary.md)'],
    [{ design: 'cohort' }, 'design', 'invalid design: "cohort" (must be one of rct, phase2, phase3, prospective, retrospective, registry, review_range, unknown)'],
    [{ seed: '002.txt' }, 'seed', 'invalid seed: "002.txt" (must be one of 000_a998f2521d828f35.txt, 001_9c5965bc9c202e25.txt)'],
    [{ cohort_id: 'Mayo 2010' }, 'cohort_id', 'invalid cohort_id: "Mayo 2010" (must be lowercase letters, digits and _, e.g. "mayo_2010")'],
    [{ time_months: '36' }, 'time_months', 'invalid time_months: "36" (must be 60 for os_5y)'],
    [{ time_months: '-1' }, 'time_months', 'invalid time_months: "-1" (must be a number of months, at least 0)'],
    [{ quote: '  ' }, 'quote', 'invalid quote: "  " (must not be empty)'],
    [{ row_id: '' }, 'row_id', 'invalid row_id: "" (must not be empty)'],
  ])('rejects %j: column %s, %s', (change, column, message) => {
    const { record, problems } = check(change);
    expect(record).toBeNull();
    expect(problems).toEqual([{ row: 5, column, message }]);
  });

  test('reports one problem per bad cell', () => {
    const { problems } = check({ study: '', n: '-1', seed: 'x' });
    expect(problems).toEqual([
      { row: 5, column: 'study', message: 'invalid study: "" (must not be empty)' },
      { row: 5, column: 'seed', message: 'invalid seed: "x" (must be one of 000_a998f2521d828f35.txt, 001_9c5965bc9c202e25.txt)' },
      { row: 5, column: 'n', message: 'invalid n: "-1" (must be a positive integer)' },
    ]);
  });
});
