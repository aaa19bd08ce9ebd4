import { describe, expect, test } from 'vitest';
import { readStudies } from '../../src/data/readStudies.ts';
import { STUDY_COLUMNS } from '../../src/data/vocabulary.ts';
import { studyCsv } from './studyCsv.ts';

describe('readStudies(text)', () => {
  test('keeps every valid row and numbers it as a spreadsheet row', () => {
    const { records, problems } = readStudies(studyCsv([{}, { n: '20', value: '50' }]));
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.row, r.row_id, r.n, r.value])).toEqual([[2, 'r1', 339, 74], [3, 'r2', 20, 50]]);
  });

  test('keeps invalid rows out of records and reports each with its row', () => {
    const { records, problems } = readStudies(studyCsv([{}, { n: '-3' }, {}, { value: 'NaN' }]));
    expect(records.map((r) => r.row)).toEqual([2, 4]);
    expect(problems).toEqual([
      { row: 3, column: 'n', message: 'invalid n: "-3" (must be a positive integer)' },
      { row: 5, column: 'value', message: 'invalid value: "NaN" (must be a number)' },
    ]);
  });

  test('reports a duplicate row_id at the later row and keeps the first', () => {
    const { records, problems } = readStudies(studyCsv([{ row_id: 'a' }, { row_id: 'b' }, { row_id: 'a' }]));
    expect(records.map((r) => r.row)).toEqual([2, 3]);
    expect(problems).toEqual([{ row: 4, column: 'row_id', message: 'invalid row_id: "a" (duplicate of row 2)' }]);
  });

  test('reports each missing column once, at row 1', () => {
    const header = STUDY_COLUMNS.filter((c) => c !== 'quote' && c !== 'n').join(',');
    const { records, problems } = readStudies(`${header}\n`);
    expect(records).toEqual([]);
    expect(problems).toEqual([
      { row: 1, column: 'n', message: 'missing column: "n"' },
      { row: 1, column: 'quote', message: 'missing column: "quote"' },
    ]);
  });

  test('matches header names case-insensitively', () => {
    const text = studyCsv([{}]).replace('row_id,cohort_id', 'ROW_ID,Cohort_Id');
    expect(readStudies(text).records).toHaveLength(1);
  });

  test('reads a byte-order mark, tabs, and ";" with decimal commas', () => {
    expect(readStudies('\uFEFF' + studyCsv([{}])).records[0].row_id).toBe('r1');
    expect(readStudies(studyCsv([{ value: '74.5' }], '\t')).records[0].value).toBe(74.5);
    expect(readStudies(studyCsv([{ value: '74,5' }], ';')).records[0].value).toBe(74.5);
  });

  test('reads a quote with commas, doubled quotes and a newline', () => {
    const quote = 'survival was "74%", at\n5 years';
    const { records, problems } = readStudies(studyCsv([{ quote }, {}]));
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.row, r.quote])).toEqual([[2, quote], [3, GOOD_QUOTE]]);
  });

  test('reports a ragged row', () => {
    const text = studyCsv([{}, {}]).replace(/\n([^\n]*)\n$/, '\n$1,extra\n');
    const { records, problems } = readStudies(text);
    expect(records.map((r) => r.row)).toEqual([2]);
    expect(problems).toEqual([{ row: 3, column: '', message: 'too many fields: 20 (expected 19, one per header column)' }]);
  });

  test('reads a header-only table as no records and no problems; an empty file as one problem', () => {
    expect(readStudies(STUDY_COLUMNS.join(',') + '\n')).toEqual({ records: [], problems: [] });
    expect(readStudies('')).toEqual({ records: [], problems: [{ row: 0, column: '', message: 'empty file: no header row' }] });
  });
});

const GOOD_QUOTE = '5-year survival of 74%';

test('readStudies(text) reports a column named twice in different case at the header row', () => {
  const text = studyCsv([{}]).replace(/^(.*)\n/, '$1,N\n').replace(/\n([^\n]+)\n$/, '\n$1,5\n');
  const { records, problems } = readStudies(text);
  expect(records).toHaveLength(1);
  expect(problems).toEqual([{ row: 1, column: 'N', message: 'duplicate column: "N" (same as "n")' }]);
});
