import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { detectDelimiter, parseCsv } from '../../src/data/parseCsv.ts';

describe('parseCsv(text)', () => {
  test('reads a header and rows numbered as a spreadsheet (header = row 1)', () => {
    const t = parseCsv('study,events,n\nA,3,10\nB,5,20\n');
    expect(t.header).toEqual(['study', 'events', 'n']);
    expect(t.delimiter).toBe(',');
    expect(t.rows).toEqual([
      { row: 2, cells: { study: 'A', events: '3', n: '10' } },
      { row: 3, cells: { study: 'B', events: '5', n: '20' } },
    ]);
    expect(t.problems).toEqual([]);
  });

  test('strips a byte-order mark from the first header name', () => {
    const t = parseCsv('\uFEFFstudy,n\nA,10\n');
    expect(t.header).toEqual(['study', 'n']);
    expect(t.rows[0].cells.study).toBe('A');
  });

  test('trims header names but not cells', () => {
    const t = parseCsv(' study , n \n A ,10\n');
    expect(t.header).toEqual(['study', 'n']);
    expect(t.rows[0].cells).toEqual({ study: ' A ', n: '10' });
  });

  test('detects ";" and keeps decimal commas in cells', () => {
    const t = parseCsv('study;yi;vi\nA;0,5;0,01\n');
    expect(t.delimiter).toBe(';');
    expect(t.rows[0].cells).toEqual({ study: 'A', yi: '0,5', vi: '0,01' });
  });

  test('detects tab', () => {
    const t = parseCsv('study\tn\nA, B\t10\n');
    expect(t.delimiter).toBe('\t');
    expect(t.rows[0].cells).toEqual({ study: 'A, B', n: '10' });
  });

  test('reads quoted fields with delimiters, doubled quotes and newlines, and numbers rows by record', () => {
    const t = parseCsv('study,quote\r\n"Smith, J","said ""74%""\nover two lines"\r\nB,x\r\n');
    expect(t.rows).toEqual([
      { row: 2, cells: { study: 'Smith, J', quote: 'said "74%"\nover two lines' } },
      { row: 3, cells: { study: 'B', quote: 'x' } },
    ]);
    expect(t.problems).toEqual([]);
  });

  test('skips blank lines but still counts them as spreadsheet rows', () => {
    const t = parseCsv('study,n\n\nA,1\n   \n,\nB,2\n\n');
    expect(t.rows.map((r) => [r.row, r.cells.study])).toEqual([[3, 'A'], [6, 'B']]);
    expect(t.problems).toEqual([]);
  });

  test('reports ragged rows with their row numbers and leaves them out', () => {
    const t = parseCsv('study,events,n\nA,1,2,3\nB,1\nC,1,2\n');
    expect(t.rows.map((r) => r.row)).toEqual([4]);
    expect(t.problems).toEqual([
      { row: 2, column: '', message: 'too many fields: 4 (expected 3, one per header column)' },
      { row: 3, column: '', message: 'too few fields: 2 (expected 3, one per header column)' },
    ]);
  });

  test('reports an unterminated quote at its row', () => {
    const t = parseCsv('study,n\nA,1\n"B,2\nC,3\n');
    expect(t.rows.map((r) => r.row)).toEqual([2]);
    expect(t.problems).toEqual([{ row: 3, column: '', message: 'unterminated quoted field' }]);
  });

  test('reports an empty file', () => {
    expect(parseCsv('')).toEqual({
      header: [], headerRow: 0, rows: [], delimiter: ',', problems: [{ row: 0, column: '', message: 'empty file: no header row' }],
    });
    expect(parseCsv('\n\n  \n').problems).toEqual([{ row: 0, column: '', message: 'empty file: no header row' }]);
  });

  test('reads a header-only file as no rows and no problems', () => {
    const t = parseCsv('study,events,n\n');
    expect(t.header).toEqual(['study', 'events', 'n']);
    expect(t.rows).toEqual([]);
    expect(t.problems).toEqual([]);
  });

  test('reports duplicate and empty column names at the header row', () => {
    const t = parseCsv('study,n,n,\nA,1,2,\n');
    expect(t.problems).toEqual([
      { row: 1, column: 'n', message: 'duplicate column: "n"' },
      { row: 1, column: '', message: 'empty column name (field 4 of the header)' },
    ]);
  });

  test('never throws on arbitrary text (property)', () => {
    const csvish = fc.stringMatching(/^[a-z0-9,;\t"\r\n \uFEFF.-]*$/);
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), csvish), (s) => {
      const t = parseCsv(s);
      expect(Array.isArray(t.rows)).toBe(true);
      for (const r of t.rows) expect(r.row).toBeGreaterThanOrEqual(2);
    }), { numRuns: 2000 });
  });
});

describe('detectDelimiter(text)', () => {
  test.each([
    ['a,b;c,d\n', ','], ['a;b;c\n1,5;2\n', ';'], ['a\tb\n', '\t'], ['single\n', ','], ['"a;b;c",d\n', ','],
  ])('detectDelimiter(%j) → %j', (text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });
});
