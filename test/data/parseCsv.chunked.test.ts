/**
 * parseCsv(text, { onProgress, chunkSize }) — the upload worker's chunked read — gives the same table (rows, cells,
 * problems and their row numbers) as parseCsv(text) in one go, whatever the chunk boundaries cut: the oracle is the
 * one-go parse (papaparse on the whole text), compared at every chunk size from 1 character up.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeText } from '../../src/data/decodeText.ts';
import { parseCsv, type CsvProgress } from '../../src/data/parseCsv.ts';
import { readAnalysisInput } from '../../src/data/readAnalysisInput.ts';

const ignore = (): void => undefined;
const chunked = (text: string, chunkSize: number) => parseCsv(text, { onProgress: ignore, chunkSize });

/** UTF-16LE bytes with a byte-order mark, as Excel's "Unicode text" saves them. */
function utf16le(text: string): Uint8Array {
  return new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
}

const TRICKY: Record<string, string> = {
  'quoted fields with newlines, delimiters and doubled quotes':
    'study,quote,n\n"Smith, J","said ""74%""\nover\ntwo lines",10\n"B\n",x,20\n"C","",30\n',
  '";" with decimal commas': 'study;yi;vi\nA;0,5;0,01\n"B;x";-1,25;0,2\nC;1.000,5;0,3\n',
  'Excel sep= line': 'sep=;\nstudy;yi;vi\nA;0,5;0,01\n',
  'UTF-16LE with a BOM, tab-separated (decodeText)': decodeText(utf16le('study\tevents\tn\r\n"A\tB"\t3\t10\r\nC\t5\t20\r\n')),
  'ragged rows': 'study,events,n\nA,1,2,3\nB,1\nC,1,2\n,,\nD\n',
  'unterminated quote in the middle': 'study,events,n\nA,1,2\n"B,1,2\nC,3,4\nD,5,6\n',
  'malformed quotes': 'study,events,n\n"A"x,1,2\nB,"1"  ,2\n"C" ,3,4\n"D""",5,6\n',
  'blank lines, CRLF, CR and no final newline': '\r\n\nstudy,n\r\n\r\nA,1\r   \n,\rB,2',
  'bytes that are not UTF-8 (U+FFFD)': 'study,n\nA\uFFFD,1\nB,2\n',
  'duplicate and empty header names': 'study,N,n,\nA,1,2,3\n',
  'empty text': '',
  'only a header': 'study,events,n',
};

describe('parseCsv(text, progress) reads in chunks', () => {
  for (const [name, text] of Object.entries(TRICKY)) {
    test(`${name}: the same table at every chunk size`, () => {
      const whole = parseCsv(text);
      for (let size = 1; size <= text.length + 1; size++) expect(chunked(text, size), `chunk size ${size}`).toEqual(whole);
    });
  }

  test('the tricky inputs do have problems on the rows a reader expects (the comparison is not of empty tables)', () => {
    // expected by reading the inputs above: row 3 of the unterminated quote swallows the rest of the file
    expect(parseCsv(TRICKY['unterminated quote in the middle']).problems).toEqual([
      { row: 3, column: '', message: 'unterminated quoted field' },
    ]);
    expect(parseCsv(TRICKY['ragged rows']).problems.map((p) => p.row)).toEqual([2, 3, 6]);
    // papaparse reads `"A"x,1,2⏎B,"1"` as one malformed field (observed once; only the non-emptiness matters here)
    expect(parseCsv(TRICKY['malformed quotes']).problems.map((p) => p.row)).toEqual([2]);
    expect(parseCsv(TRICKY['malformed quotes']).rows.map((r) => r.row)).toEqual([3, 4]);
    expect(parseCsv(TRICKY['quoted fields with newlines, delimiters and doubled quotes']).rows.map((r) => r.row)).toEqual([2, 3, 4]);
  });

  test('readAnalysisInput(text, progress) equals readAnalysisInput(text) (decimal commas, invalid rows)', () => {
    for (const text of [TRICKY['";" with decimal commas'], 'study,events,n\nA,3,10\n"B\n2",x,20\nC,30,20\nD,1\n']) {
      const whole = readAnalysisInput(text);
      for (const chunkSize of [1, 2, 3, 5, 8, 13]) {
        expect(readAnalysisInput(text, { onProgress: ignore, chunkSize })).toEqual(whole);
      }
    }
  });

  test('random CSV-like text: the same table at random chunk sizes', () => {
    const char = fc.constantFrom('a', '1', ',', ';', '\t', '"', '"', '\n', '\n', '\r', ' ', '\uFFFD');
    fc.assert(fc.property(fc.array(char, { maxLength: 80 }).map((cs) => cs.join('')), fc.integer({ min: 1, max: 40 }),
      (text, size) => {
        expect(chunked(text, size)).toEqual(parseCsv(text));
      }), { numRuns: 2000 });
  });
});

describe('parseCsv(text, progress) reports progress', () => {
  // 20 000 data rows of known content: the header plus one record per line
  const rows = Array.from({ length: 20_000 }, (_, i) => `S${i + 1},${i % 7},${10 + (i % 90)}`);
  const text = `study,events,n\n${rows.join('\n')}\n`;

  test('rows read and the fraction of the text rise to 20 000 and 1, at least every 5 000 records', () => {
    const seen: CsvProgress[] = [];
    const table = parseCsv(text, { onProgress: (p) => seen.push(p), chunkSize: 4096 });
    expect(table.rows).toHaveLength(20_000);
    // 20 000 lines after the header (the empty record after the final newline is not counted)
    expect(seen.at(-1)).toEqual({ rowsRead: 20_000, fraction: 1 });
    expect(seen.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i].rowsRead).toBeGreaterThanOrEqual(seen[i - 1].rowsRead);
      expect(seen[i].fraction).toBeGreaterThanOrEqual(seen[i - 1].fraction);
      expect(seen[i].rowsRead - seen[i - 1].rowsRead).toBeLessThan(5000 + 4096);
    }
    expect(seen[0].rowsRead).toBeGreaterThan(0);
    expect(seen[0].fraction).toBeGreaterThan(0);
    expect(seen[0].fraction).toBeLessThan(1);
  });

  test('with the default chunk (64 Ki characters) a text of about 3.5 chunks is reported part-way through', () => {
    const seen: CsvProgress[] = [];
    parseCsv(text, { onProgress: (p) => seen.push(p) });
    expect(text.length).toBeGreaterThan(3 * 65536);
    expect(seen.filter((p) => p.fraction < 1).length).toBeGreaterThanOrEqual(1);
  });
});
