import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { studyTableCsv } from '../../src/app/studyTableCsv.ts';
import { parseCsv } from '../../src/data/parseCsv.ts';
import { readStudies } from '../../src/data/readStudies.ts';
import { STUDY_COLUMNS } from '../../src/data/vocabulary.ts';

const text = readFileSync('public/studies.csv', 'utf8');
const { records } = readStudies(text);

describe('studyTableCsv(records)', () => {
  test('writes every row with every column of the study table, row_id and quote included, in file order', () => {
    const out = parseCsv(studyTableCsv(records));
    expect(out.header).toEqual([...STUDY_COLUMNS]);
    expect(out.rows).toHaveLength(records.length);
    expect(out.rows.map((r) => r.cells.row_id)).toEqual(records.map((r) => r.row_id));
    expect(out.rows.map((r) => r.cells.quote)).toEqual(records.map((r) => r.quote));
  });

  test('is a study table itself: read back, it gives the same records (a filtered subset too)', () => {
    const strip = (rs: typeof records) => rs.map(({ row: _row, ...rest }) => rest);
    expect(strip(readStudies(studyTableCsv(records)).records)).toEqual(strip(records));
    const some = records.filter((r) => r.modality === 'rfa');
    expect(strip(readStudies(studyTableCsv(some)).records)).toEqual(strip(some));
  });

  test('guards a formula-like cell and quotes separators', () => {
    const r = { ...records[0], quote: '=HYPERLINK("x")', note: 'a; b' };
    const line = studyTableCsv([r]).split('\r\n')[1];
    expect(line).toContain('"\'=HYPERLINK(""x"")"');
    expect(line).toContain('"a; b"');
  });
});

describe('studyTableCsv(records, added)', () => {
  test('with studies added to the bundled table: a last column `added`, true for the added rows; still a study table', () => {
    const some = records.slice(0, 3);
    const out = parseCsv(studyTableCsv(some, new Set([some[1].row_id])));
    expect(out.header).toEqual([...STUDY_COLUMNS, 'added']);
    expect(out.rows.map((r) => r.cells.added)).toEqual(['false', 'true', 'false']);
    const strip = (rs: typeof records) => rs.map(({ row: _row, ...rest }) => rest);
    expect(strip(readStudies(studyTableCsv(some, new Set([some[1].row_id]))).records)).toEqual(strip(some));
  });
});
