import { describe, expect, test } from 'vitest';
import { formatProblem } from '../../src/data/formatProblem.ts';
import { DISAGREEMENT_COLUMNS, disagreementsByRow, readDisagreements } from '../../src/data/readDisagreements.ts';
import { studyRecord } from './studyCsv.ts';

const S0 = '000_a998f2521d828f35.txt';
const S1 = '001_9c5965bc9c202e25.txt';
type Cells = Partial<Record<(typeof DISAGREEMENT_COLUMNS)[number], string>>;
const GOOD: Cells = {
  disagreement_id: 'x01', scope: 'cross_review', nature: 'value', cohort_id: 'raymond_2011', topic: 'Sunitinib: median PFS',
  rows_a: 'a1', says_a: 'median PFS 11.1 months', rows_b: 'b1', says_b: 'median PFS 11.4 months',
};
const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const csv = (rows: readonly Cells[]): string =>
  [DISAGREEMENT_COLUMNS.join(','), ...rows.map((r) => DISAGREEMENT_COLUMNS.map((c) => cell(r[c] ?? '')).join(','))].join('\n') + '\n';
// two rows of one cohort, one per seed (hand-made; the quotes need not be real here)
const records = [
  studyRecord({ row_id: 'a1', cohort_id: 'raymond_2011', seed: S0, quote: 'median PFS of 11.1 months' }),
  studyRecord({ row_id: 'b1', cohort_id: 'raymond_2011', seed: S1, quote: 'the median PFS was 11.4 months' }),
  studyRecord({ row_id: 'b2', cohort_id: 'mayo_2010', seed: S1 }),
];
const problems = (rows: readonly Cells[]) => readDisagreements(csv(rows), records).problems.map(formatProblem);

describe('readDisagreements(text, records?)', () => {
  test('reads a disagreement with its two sides (row ids split on spaces or commas)', () => {
    const { records: out, problems: p } = readDisagreements(csv([{ ...GOOD, rows_b: 'b1, b2', cohort_id: '' }]), records);
    expect(p).toEqual([]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ row: 2, id: 'x01', scope: 'cross_review', nature: 'value', a: { rowIds: ['a1'], quote: '' }, b: { rowIds: ['b1', 'b2'] } });
  });

  test('a side without rows needs a quote with its seed and section; seed and section come only with a quote', () => {
    expect(problems([{ ...GOOD, rows_b: '' }])).toEqual(['row 2, column rows_b: invalid rows_b: "" (name study-table rows or give quote_b)']);
    expect(problems([{ ...GOOD, rows_b: '', quote_b: 'a critical appraisal', seed_b: 'x.txt' }])).toEqual([
      `row 2, column seed_b: invalid seed_b: "x.txt" (not one of ${S0}, ${S1})`,
      'row 2, column section_b: invalid section_b: "" (must not be empty when quote_b is given)',
    ]);
    expect(problems([{ ...GOOD, section_a: 'Table 2' }])).toEqual(['row 2, column section_a: invalid section_a: "Table 2" (only with quote_a)']);
    expect(problems([{ ...GOOD, rows_b: '', quote_b: 'q', seed_b: S1, section_b: 'References' }])).toEqual([]);
  });

  test('checks the vocabularies, the id and that each side says something', () => {
    expect(problems([{ ...GOOD, disagreement_id: 'X 1', scope: 'both', nature: 'big', says_a: '' }])).toEqual([
      'row 2, column disagreement_id: invalid disagreement_id: "X 1" (lowercase letters, digits, - and _, at most 41)',
      'row 2, column scope: invalid scope: "both" (not one of cross_review, within_review)',
      'row 2, column nature: invalid nature: "big" (not one of value, year, mean_vs_median, what_measured, time_point, text_vs_legend, text_vs_table, attribution, status)',
      'row 2, column says_a: invalid says_a: "" (must not be empty)',
    ]);
    expect(problems([GOOD, GOOD])).toEqual(['row 3, column disagreement_id: invalid disagreement_id: "x01" (duplicate of row 2)']);
  });

  test('against the study table: row ids exist, the cohort is one of the rows\', sides come from the seeds the scope says', () => {
    expect(problems([{ ...GOOD, rows_a: 'a1 zz' }])).toEqual(['row 2, column rows_a: invalid rows_a: "zz" (not a row_id of the study table)']);
    expect(problems([{ ...GOOD, cohort_id: 'nobody' }])).toEqual(['row 2, column cohort_id: invalid cohort_id: "nobody" (not a cohort_id of the study table)']);
    expect(problems([{ ...GOOD, cohort_id: 'mayo_2010' }])).toEqual(['row 2, column cohort_id: invalid cohort_id: "mayo_2010" (none of the rows named is of this cohort)']);
    expect(problems([{ ...GOOD, rows_a: 'b2' }])).toEqual(['row 2, column scope: invalid scope: "cross_review" (both sides come from the same seed)']);
    expect(problems([{ ...GOOD, scope: 'within_review' }])).toEqual(['row 2, column scope: invalid scope: "within_review" (the sides come from different seeds)']);
    expect(problems([{ ...GOOD, rows_a: 'a1 b1' }])).toEqual([`row 2, column rows_a: invalid rows_a: "a1 b1" (one side comes from one seed (found ${S0}, ${S1}))`]);
    // without the table, only the file itself is checked
    expect(readDisagreements(csv([{ ...GOOD, rows_a: 'zz' }])).problems).toEqual([]);
  });

  test('reports missing columns at the header and reads nothing', () => {
    const text = csv([GOOD]).replace('says_b,', '');
    expect(readDisagreements(text).records).toEqual([]);
    expect(readDisagreements(text).problems.map(formatProblem)).toContain('row 1, column says_b: missing column: "says_b"');
  });
});

describe('disagreementsByRow(disagreements)', () => {
  test('lists each disagreement under every row it names, once', () => {
    const { records: ds } = readDisagreements(csv([GOOD, { ...GOOD, disagreement_id: 'x02', rows_b: 'b1 b1' }]), records);
    const map = disagreementsByRow(ds);
    expect(map.get('a1')?.map((d) => d.id)).toEqual(['x01', 'x02']);
    expect(map.get('b1')?.map((d) => d.id)).toEqual(['x01', 'x02']);
    expect(map.has('b2')).toBe(false);
  });
});
