import { describe, expect, test } from 'vitest';
import Papa from 'papaparse';
import { csvCell, resultsToCsv } from '../../../src/charts/export/resultsToCsv.ts';

describe('resultsToCsv(rows, columns)', () => {
  test('writes a header and one CRLF-terminated line per row (RFC 4180)', () => {
    const csv = resultsToCsv([{ study: 'Mayo 2010', estimate: 0.74, k: 3 }], ['study', 'estimate', 'k']);
    expect(csv).toBe('study,estimate,k\r\nMayo 2010,0.74,3\r\n');
  });

  test('quotes fields with commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvCell('Smith, J.')).toBe('"Smith, J."');
    expect(csvCell('the "best" arm')).toBe('"the ""best"" arm"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });

  test('prefixes text cells that start with = + - @ tab or CR with an apostrophe (formula injection)', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('+1')).toBe('\'+1');
    expect(csvCell('-2+3')).toBe('\'-2+3');
    expect(csvCell('@SUM(A1)')).toBe('\'@SUM(A1)');
    expect(csvCell('\tx')).toBe('\'\tx');
  });

  test('keeps numbers numeric (a negative estimate is not a formula), empties missing and non-finite values', () => {
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell(1e-12)).toBe('1e-12');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('true');
    // joined by '; ', and quoted so a ;-separated spreadsheet keeps it one cell
    expect(csvCell([0.1, 0.2])).toBe('"0.1; 0.2"');
  });

  test('takes computed columns and round-trips through a CSV parser (papaparse)', () => {
    const rows = [
      { study: 'A, "x"', ci: [0.1, 0.3] as const, note: '=1+1' },
      { study: 'B\nC', ci: [-0.2, 0.4] as const, note: '' },
    ];
    const csv = resultsToCsv(rows, [
      'study',
      { header: 'ci.lb', value: (r) => r.ci[0] },
      { header: 'ci.ub', value: (r) => r.ci[1] },
      'note',
    ]);
    const parsed = Papa.parse<string[]>(csv.trimEnd(), { newline: '\r\n' }).data;
    expect(parsed).toEqual([
      ['study', 'ci.lb', 'ci.ub', 'note'],
      ['A, "x"', '0.1', '0.3', '\'=1+1'],
      ['B\nC', '-0.2', '0.4', ''],
    ]);
  });
});
