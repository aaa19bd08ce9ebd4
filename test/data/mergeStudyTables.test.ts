import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { mergeStudyTables } from '../../src/data/mergeStudyTables.ts';
import { readStudies } from '../../src/data/readStudies.ts';
import { STUDY_COLUMNS } from '../../src/data/vocabulary.ts';
import { studyCsv, studyRecord } from './studyCsv.ts';

// A bundled table of two rows (spreadsheet rows 2 and 3): cohort mayo_2010 twice.
const BUNDLED = [
  studyRecord({ row_id: 'b1', cohort_id: 'mayo_2010' }, 2),
  studyRecord({ row_id: 'b2', cohort_id: 'mayo_2010', outcome: 'orr', time_months: '' }, 3),
];

describe('mergeStudyTables(bundled, addedText)', () => {
  test('appends the added rows after the bundled ones, numbered as if appended to the bundled file, and marks them', () => {
    const merged = mergeStudyTables(BUNDLED, studyCsv([{ row_id: 'a1', cohort_id: 'new_2024' }, { row_id: 'a2', cohort_id: 'other_2025' }]));
    expect(merged.records.map((r) => [r.row_id, r.row])).toEqual([['b1', 2], ['b2', 3], ['a1', 4], ['a2', 5]]);
    expect([...merged.added]).toEqual(['a1', 'a2']);
    expect(merged.problems).toEqual([]);
    expect(merged.notes).toEqual([]);
  });

  test('leaves out an added row whose row_id is a bundled row, naming the bundled row', () => {
    const merged = mergeStudyTables(BUNDLED, studyCsv([{ row_id: 'b2', cohort_id: 'new_2024' }, { row_id: 'a2', cohort_id: 'new_2024' }]));
    expect(merged.records.map((r) => r.row_id)).toEqual(['b1', 'b2', 'a2']);
    expect(merged.records[1].outcome).toBe('orr'); // the bundled row is kept, not replaced
    expect([...merged.added]).toEqual(['a2']);
    expect(merged.problems).toEqual([
      { row: 2, column: 'row_id', message: 'invalid row_id: "b2" (already in the bundled table, row 3)' },
    ]);
  });

  test('keeps an added row that joins a bundled cohort and notes it with the cohort\'s bundled row count', () => {
    const merged = mergeStudyTables(BUNDLED, studyCsv([{ row_id: 'a1', cohort_id: 'mayo_2010' }, { row_id: 'a2', cohort_id: 'new_2024' }]));
    expect([...merged.added]).toEqual(['a1', 'a2']);
    expect(merged.problems).toEqual([]);
    expect(merged.notes).toEqual([{ row: 2, column: 'cohort_id', message: 'joins cohort mayo_2010 (2 bundled rows)' }]);
    const one = mergeStudyTables(BUNDLED.slice(0, 1), studyCsv([{ row_id: 'a1', cohort_id: 'mayo_2010' }]));
    expect(one.notes.map((n) => n.message)).toEqual(['joins cohort mayo_2010 (1 bundled row)']);
  });

  test('validates the added file exactly as readStudies: the same problems, the invalid rows left out', () => {
    const text = studyCsv([{ row_id: 'a1', cohort_id: 'new_2024' }, { n: '-3' }, { row_id: 'a1' }, { value: 'NaN', cohort_id: 'Bad Id' }]);
    const merged = mergeStudyTables(BUNDLED, text);
    expect(merged.problems).toEqual(readStudies(text).problems);
    expect(merged.problems).toEqual([
      { row: 3, column: 'n', message: 'invalid n: "-3" (must be a positive integer)' },
      { row: 4, column: 'row_id', message: 'invalid row_id: "a1" (duplicate of row 2)' },
      { row: 5, column: 'cohort_id', message: 'invalid cohort_id: "Bad Id" (must be lowercase letters, digits and _, e.g. "mayo_2010")' },
      { row: 5, column: 'value', message: 'invalid value: "NaN" (must be a number)' },
    ]);
    expect([...merged.added]).toEqual(['a1']);
  });

  test('an added row may come from outside the two reviews: seed "other" with its source in seed_ref (required then)', () => {
    const text = studyCsv([
      { row_id: 'a1', cohort_id: 'new_2024', seed: 'other', seed_ref: 'doi:10.1000/example.2024' },
      { row_id: 'a2', cohort_id: 'new_2024', seed: 'other', seed_ref: '' },
      { row_id: 'a3', cohort_id: 'new_2024', seed: 'review.txt' },
    ]);
    const merged = mergeStudyTables(BUNDLED, text);
    expect([...merged.added]).toEqual(['a1']);
    expect(merged.records.at(-1)?.seed_ref).toBe('doi:10.1000/example.2024');
    expect(merged.problems).toEqual([
      { row: 3, column: 'seed_ref', message: 'invalid seed_ref: "" (must name the source (DOI, PMID or citation) when seed is "other")' },
      { row: 4, column: 'seed', message: 'invalid seed: "review.txt" (must be one of 000_a998f2521d828f35.txt, 001_9c5965bc9c202e25.txt, or "other" with the source in seed_ref)' },
    ]);
    // the bundled table (and any upload) still refuses "other": only added rows may cite a source outside the reviews
    expect(readStudies(text).problems.filter((p) => p.column === 'seed')).toHaveLength(3);
  });

  test('a file without the study-table columns adds nothing and says which columns are missing', () => {
    const merged = mergeStudyTables(BUNDLED, 'study,events,n\nA,3,10\n');
    expect(merged.records).toEqual(BUNDLED);
    expect(merged.added.size).toBe(0);
    expect(merged.problems.slice(0, 2)).toEqual([
      { row: 1, column: 'row_id', message: 'missing column: "row_id"' },
      { row: 1, column: 'cohort_id', message: 'missing column: "cohort_id"' },
    ]);
    expect(merged.problems).toHaveLength(STUDY_COLUMNS.length - 2); // study and n are there
  });

  test('reads Excel\'s semicolon files with decimal commas, as an upload', () => {
    const merged = mergeStudyTables(BUNDLED, studyCsv([{ row_id: 'a1', cohort_id: 'new_2024', value: '74,5' }], ';'));
    expect(merged.problems).toEqual([]);
    expect(merged.records[2].value).toBe(74.5);
  });

  test('the bundled table merged with the test file equals readStudies of the two files concatenated by hand', () => {
    const bundledText = readFileSync('public/studies.csv', 'utf8');
    const addedText = readFileSync('test/fixtures/living-review/added.csv', 'utf8');
    // the concatenated file: the bundled file, then the added file's lines without its header
    const concatenated = bundledText + addedText.slice(addedText.indexOf('\n') + 1);
    const expected = readStudies(concatenated);
    expect(expected.problems).toEqual([]);
    const merged = mergeStudyTables(readStudies(bundledText).records, addedText);
    expect(merged.records).toEqual(expected.records);
    expect([...merged.added]).toEqual(['added-0001', 'added-0002']);
    expect(merged.notes).toEqual([{ row: 3, column: 'cohort_id', message: 'joins cohort osborne_2006 (2 bundled rows)' }]);
  });
});
