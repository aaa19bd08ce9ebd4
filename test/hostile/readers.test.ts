/**
 * The hostile-input corpus (test/hostile/files) through every reader of uploaded or CLI text. Each case pins the
 * exact (row, column) of every problem and the exact number of rows kept; the expected values are read off the
 * hand-written files themselves (line numbers counted in the file, header = row 1).
 */
import { describe, expect, test } from 'vitest';
import { parseCsv } from '../../src/data/parseCsv.ts';
import { readAnalysisInput } from '../../src/data/readAnalysisInput.ts';
import { readStudies } from '../../src/data/readStudies.ts';
import { readCurve } from '../../src/data/readCurve.ts';
import { readRiskTable } from '../../src/data/readRiskTable.ts';
import { studyCsv } from '../data/studyCsv.ts';
import { corpusText, where } from './corpus.ts';

type Input = ReturnType<typeof readAnalysisInput>;
const rowsOf = (r: Input): readonly { row: number; study: string }[] => ('rows' in r ? r.rows : []);

describe('readAnalysisInput(text) on hostile study,events,n and study,yi,vi files', () => {
  test('an empty file is one whole-file problem (row 0) and no rows', () => {
    const r = readAnalysisInput(corpusText('empty.csv'));
    expect(r.kind).toBe('unknown');
    expect(where(r.problems)).toEqual([[0, '']]);
  });

  test('a header-only file is proportions with no rows and no problems (the CLI reports "no rows")', () => {
    const r = readAnalysisInput(corpusText('header_only.csv'));
    expect(r).toEqual({ kind: 'proportions', rows: [], problems: [] });
  });

  test('ragged rows: row 3 has too few fields, row 4 too many; rows 2 and 5 are kept', () => {
    const r = readAnalysisInput(corpusText('ragged.csv'));
    expect(where(r.problems)).toEqual([[3, ''], [4, '']]);
    expect(r.problems[0].message).toMatch(/too few fields: 2/);
    expect(r.problems[1].message).toMatch(/too many fields: 4/);
    expect(rowsOf(r).map((x) => x.row)).toEqual([2, 5]);
  });

  test('a byte-order mark and CRLF line ends are read as a plain file: 2 rows, no problems', () => {
    const r = readAnalysisInput(corpusText('bom_crlf.csv'));
    expect(r.kind).toBe('proportions');
    expect(r.problems).toEqual([]);
    expect(rowsOf(r).map((x) => x.study)).toEqual(['A', 'B']);
  });

  test('mixed line ends (CRLF, LF, CR in one file) are each a line end: 4 rows, no problems', () => {
    const r = readAnalysisInput(corpusText('mixed_line_endings.csv'));
    expect(r.problems).toEqual([]);
    expect(rowsOf(r).map((x) => [x.row, x.study])).toEqual([[2, 'A'], [3, 'B'], [4, 'C'], [5, 'D']]);
  });

  test('";" with decimal commas: 0,5 and -1,25 are read; vi "0,0" (row 4) and yi "abc" (row 5) are reported', () => {
    const r = readAnalysisInput(corpusText('semicolon_decimal_comma.csv'));
    expect(r.kind).toBe('generic');
    expect(where(r.problems)).toEqual([[4, 'vi'], [5, 'yi']]);
    expect(r.kind === 'generic' && r.rows.map((x) => [x.row, x.yi, x.vi])).toEqual([[2, 0.5, 0.01], [3, -1.25, 0.04]]);
  });

  test('events > n, negative / fractional / empty n and events: one problem each at its cell; 1 valid row kept', () => {
    const r = readAnalysisInput(corpusText('bad_counts.csv'));
    expect(where(r.problems)).toEqual([
      [2, 'events'], [3, 'n'], [4, 'n'], [5, 'events'], [7, 'events'], [8, 'n'], [9, 'events'],
    ]);
    expect(r.problems[0].message).toBe('invalid events: "11" (must be at most n (10))');
    expect(rowsOf(r).map((x) => x.row)).toEqual([6]);
  });

  test('"NaN", "Infinity", "-Infinity", "nan" and 1e999 are never read as numbers; 1 valid row kept', () => {
    const r = readAnalysisInput(corpusText('nan_infinity.csv'));
    expect(where(r.problems)).toEqual([[2, 'yi'], [3, 'vi'], [4, 'yi'], [5, 'vi'], [7, 'yi']]);
    expect(rowsOf(r).map((x) => x.row)).toEqual([6]);
  });

  test('wrong types (words, hex, thousands separator, TRUE) are reported; "1e1" is a plain decimal (10) and kept', () => {
    const r = readAnalysisInput(corpusText('wrong_types.csv'));
    expect(where(r.problems)).toEqual([[2, 'events'], [3, 'n'], [4, 'events'], [6, 'events'], [7, 'events']]);
    expect(r.kind === 'proportions' && r.rows.map((x) => [x.row, x.events])).toEqual([[5, 10]]);
  });

  test('duplicate study labels are kept as separate rows (labels need not be unique; arms may share one)', () => {
    const r = readAnalysisInput(corpusText('duplicate_study.csv'));
    expect(r.problems).toEqual([]);
    expect(rowsOf(r).map((x) => x.study)).toEqual(['A', 'A', 'B', 'B']);
  });

  test('an unterminated quote is reported at the row where it opens; nothing after it is read as data', () => {
    const r = readAnalysisInput(corpusText('unterminated_quote.csv'));
    expect(r.problems).toEqual([{ row: 2, column: '', message: 'unterminated quoted field' }]);
    expect(rowsOf(r)).toEqual([]);
  });

  test('bytes that are not UTF-8 (decoded to U+FFFD) are reported at their cells; row 4 is kept', () => {
    const text = corpusText('not_utf8.csv');
    expect(text).toContain('\uFFFD');
    const r = readAnalysisInput(text);
    expect(where(r.problems)).toEqual([[2, 'study'], [3, 'n']]);
    expect(r.problems[0].message).toMatch(/not utf-8/i);
    expect(rowsOf(r).map((x) => x.row)).toEqual([4]);
  });
});

describe('readStudies(text) on hostile study tables', () => {
  test('duplicate row_id, bad n, NaN value, percent > 100, Infinity year, unknown modality: exact cells; 2 rows kept', () => {
    const r = readStudies(corpusText('studies_bad.csv'));
    expect(where(r.problems)).toEqual([
      [3, 'row_id'], [4, 'n'], [5, 'n'], [6, 'value'], [7, 'value'], [8, 'year'], [9, 'modality'],
    ]);
    expect(r.problems[0].message).toBe('invalid row_id: "r1" (duplicate of row 2)');
    expect(r.records.map((x) => x.row)).toEqual([2, 10]);
  });

  test('";" with decimal commas: value "74,5" is 74.5; n "1,5" is not an integer (row 4, column n); 3 rows kept', () => {
    const r = readStudies(corpusText('studies_semicolon.csv'));
    expect(where(r.problems)).toEqual([[4, 'n']]);
    expect(r.records.map((x) => [x.row, x.value])).toEqual([[2, 74.5], [3, 74.5], [5, 74]]);
  });

  test('the empty file and a header-only file (study,events,n) give a problem, never an exception', () => {
    expect(where(readStudies(corpusText('empty.csv')).problems)).toEqual([[0, '']]);
    const r = readStudies(corpusText('header_only.csv'));
    expect(r.records).toEqual([]);
    expect(r.problems.every((p) => p.row === 1 && p.column !== '')).toBe(true);
  });
});

test('readStudies: a 1 MB number ("000…04" as high) quoted in another cell\'s rule is clipped', () => {
  const r = readStudies(studyCsv([{ value: '74', high: `${'0'.repeat(1 << 20)}4` }]));
  expect(where(r.problems)).toEqual([[2, 'value']]);
  expect(r.problems[0].message.length).toBeLessThan(300);
});

describe('parseCsv(text) on a 1 MB cell', () => {
  const big = 'A'.repeat(1 << 20);
  test('a 1 MB study label is kept whole; the bad row after it is still reported at its own row', () => {
    const t = parseCsv(`study,events,n\n${big},1,10\nB,2\n`);
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0].cells.study).toHaveLength(1 << 20);
    expect(where(t.problems)).toEqual([[3, '']]);
  });

  test('readAnalysisInput: a 1 MB number is reported at its cell with a message of bounded length', () => {
    const r = readAnalysisInput(`study,events,n\nA,1,${'9'.repeat(1 << 20)}\nB,2,20\n`);
    expect(where(r.problems)).toEqual([[2, 'n']]);
    expect(r.problems[0].message.length).toBeLessThan(300);
    expect(rowsOf(r).map((x) => x.row)).toEqual([3]);
  });
});

describe('readCurve(text) on hostile digitised curves', () => {
  test('an empty file is one whole-file problem', () => {
    expect(readCurve(corpusText('empty.csv')).problems).toEqual([{ row: 0, column: '', message: 'no data' }]);
  });

  test('a header-only curve has no points (reconstruct then reports "need at least 2 digitised points")', () => {
    const r = readCurve(corpusText('curve_header_only.csv'));
    expect(r.format).toBe('header');
    expect(r.datasets.map((d) => d.points.length)).toEqual([0]);
  });

  test('ragged lines: 3 values on line 2, 1 value on line 3; lines 1 and 4 kept', () => {
    const r = readCurve(corpusText('curve_ragged.csv'));
    expect(where(r.problems)).toEqual([[2, ''], [3, '']]);
    expect(r.datasets[0].points.map((p) => p.row)).toEqual([1, 4]);
  });

  test('"NaN" time (line 2, x) and "Infinity" survival (line 3, y) are reported; 2 points kept', () => {
    const r = readCurve(corpusText('curve_nan.csv'));
    expect(where(r.problems)).toEqual([[2, 'x'], [3, 'y']]);
    expect(r.datasets[0].points.map((p) => p.row)).toEqual([1, 4]);
  });

  test('";" with decimal commas: "1,5; 0,9" is (1.5, 0.9); "abc" on line 3 is reported; 3 points kept', () => {
    const r = readCurve(corpusText('curve_semicolon.csv'));
    expect(r.decimalComma).toBe(true);
    expect(where(r.problems)).toEqual([[3, 'y']]);
    expect(r.datasets[0].points.map((p) => [p.time, p.survival])).toEqual([[0, 1], [1.5, 0.9], [4, 0.7]]);
  });

  test('a byte-order mark and CRLF: 3 points, no problems', () => {
    const r = readCurve(corpusText('curve_bom_crlf.csv'));
    expect(r.problems).toEqual([]);
    expect(r.datasets[0].points).toHaveLength(3);
  });

  test('a non-UTF-8 byte in a time (U+FFFD after decoding) is reported at line 2, column x', () => {
    const r = readCurve(corpusText('curve_not_utf8.csv'));
    expect(where(r.problems)).toEqual([[2, 'x']]);
    expect(r.datasets[0].points).toHaveLength(2);
  });

  test('percent and fraction mixed: the fraction 0.9 on line 2 among percentages is reported at line 2, column y', () => {
    const r = readCurve(corpusText('curve_mixed_scale.csv'));
    expect(where(r.problems)).toEqual([[2, 'y']]);
    expect(r.datasets[0].points.map((p) => p.row)).toEqual([1, 3, 4]);
  });

  test('percent and fraction mixed the other way: one percentage (85, line 3) among fractions is the one reported', () => {
    const r = readCurve('0,1\n1,0.9\n2,85\n3,0.8\n4,0.7\n');
    expect(where(r.problems)).toEqual([[3, 'y']]);
    expect(r.datasets[0].points.map((p) => p.row)).toEqual([1, 2, 4, 5]);
  });

  test('a percent curve whose tail falls below 1 % is not mixed', () => {
    const r = readCurve('0,100\n10,40\n20,5\n30,0.8\n40,0.5\n');
    expect(r.problems).toEqual([]);
  });

  test('a 1 MB cell is reported with a message of bounded length', () => {
    const r = readCurve(`0,1\n${'7'.repeat(1 << 20)}x,0.5\n2,0.4\n`);
    expect(where(r.problems)).toEqual([[2, 'x']]);
    expect(r.problems[0].message.length).toBeLessThan(300);
  });
});

describe('readRiskTable(text) on hostile numbers at risk', () => {
  test('a rise (line 3), negative (line 5), fractional (line 6) and non-numeric (line 7) n_risk; lines 2 and 4 kept', () => {
    const r = readRiskTable(corpusText('risk_bad.csv'));
    expect(where(r.problems)).toEqual([[3, 'n_risk'], [5, 'n_risk'], [6, 'n_risk'], [7, 'n_risk']]);
    expect(r.rows.map((x) => x.row)).toEqual([2, 4]);
  });

  test('a header-only table and an empty file are one whole-file problem each', () => {
    expect(readRiskTable(corpusText('risk_header_only.csv')).problems).toEqual([{ row: 0, column: '', message: 'no data' }]);
    expect(readRiskTable(corpusText('empty.csv')).problems).toEqual([{ row: 0, column: '', message: 'no data' }]);
  });

  test('a 1 MB cell is reported with a message of bounded length', () => {
    const r = readRiskTable(`time,n_risk\n0,10\n5,${'x'.repeat(1 << 20)}\n`);
    expect(where(r.problems)).toEqual([[3, 'n_risk']]);
    expect(r.problems[0].message.length).toBeLessThan(300);
  });
});
