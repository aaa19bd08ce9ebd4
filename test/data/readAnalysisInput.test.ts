import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readAnalysisInput } from '../../src/data/readAnalysisInput.ts';
import { studyCsv } from './studyCsv.ts';

describe('readAnalysisInput(text)', () => {
  test('reads study,events,n as proportions and keeps other columns in extra (lowercase names)', () => {
    const input = readAnalysisInput('Study,Events,N,Year,Modality\nA,3,10,2010,tace\nB,0,5,2011,tae\n');
    expect(input).toEqual({
      kind: 'proportions',
      rows: [
        { row: 2, study: 'A', events: 3, n: 10, extra: { year: '2010', modality: 'tace' } },
        { row: 3, study: 'B', events: 0, n: 5, extra: { year: '2011', modality: 'tae' } },
      ],
      problems: [],
    });
  });

  test.each([
    ['A,12,10', 'events', 'invalid events: "12" (must be at most n (10))'],
    ['A,-1,10', 'events', 'invalid events: "-1" (must be an integer, at least 0)'],
    ['A,2.5,10', 'events', 'invalid events: "2.5" (must be an integer, at least 0)'],
    ['A,3,0', 'n', 'invalid n: "0" (must be a positive integer)'],
    ['A,3,10.5', 'n', 'invalid n: "10.5" (must be a positive integer)'],
    ['A,3,-4', 'n', 'invalid n: "-4" (must be a positive integer)'],
    ['A,NaN,10', 'events', 'invalid events: "NaN" (must be an integer, at least 0)'],
    ['A,3,Infinity', 'n', 'invalid n: "Infinity" (must be a positive integer)'],
    [',3,10', 'study', 'invalid study: "" (must not be empty)'],
  ])('proportions: rejects %j at row 3, column %s: %s', (line, column, message) => {
    const input = readAnalysisInput(`study,events,n\nOK,1,2\n${line}\n`);
    expect(input.kind).toBe('proportions');
    if (input.kind !== 'proportions') return;
    expect(input.rows.map((r) => r.study)).toEqual(['OK']);
    expect(input.problems).toEqual([{ row: 3, column, message }]);
  });

  test('reads study;yi;vi with decimal commas as generic effect sizes', () => {
    expect(readAnalysisInput('study;yi;vi\nA;-0,5;0,04\n')).toEqual({
      kind: 'generic', rows: [{ row: 2, study: 'A', yi: -0.5, vi: 0.04, extra: {} }], problems: [],
    });
  });

  test.each([
    ['A,0.1,0', 'vi', 'invalid vi: "0" (must be a finite number greater than 0)'],
    ['A,0.1,-1', 'vi', 'invalid vi: "-1" (must be a finite number greater than 0)'],
    ['A,Infinity,1', 'yi', 'invalid yi: "Infinity" (must be a finite number)'],
    ['A,0.1,NaN', 'vi', 'invalid vi: "NaN" (must be a finite number greater than 0)'],
    ['A,,1', 'yi', 'invalid yi: "" (must be a finite number)'],
    ['A,1e200,1', 'yi', 'invalid yi: "1e200" (must be between -1e50 and 1e50: beyond that the pooling arithmetic overflows)'],
    ['A,-1.1e50,1', 'yi', 'invalid yi: "-1.1e50" (must be between -1e50 and 1e50: beyond that the pooling arithmetic overflows)'],
    ['A,0.1,5e-324', 'vi', 'invalid vi: "5e-324" (must be between 1e-100 and 1e100: beyond that the pooling arithmetic overflows)'],
    ['A,0.1,9e-101', 'vi', 'invalid vi: "9e-101" (must be between 1e-100 and 1e100: beyond that the pooling arithmetic overflows)'],
    ['A,0.1,2e100', 'vi', 'invalid vi: "2e100" (must be between 1e-100 and 1e100: beyond that the pooling arithmetic overflows)'],
  ])('generic: rejects %j at row 2, column %s: %s', (line, column, message) => {
    const input = readAnalysisInput(`study,yi,vi\n${line}\n`);
    expect(input).toEqual({ kind: 'generic', rows: [], problems: [{ row: 2, column, message }] });
  });

  test('generic: accepts the ends of the documented range, |yi| = 1e50 and vi = 1e-100 or 1e100', () => {
    const input = readAnalysisInput('study,yi,vi\nA,1e50,1e-100\nB,-1e50,1e100\n');
    expect(input.problems).toEqual([]);
    expect(input.kind === 'generic' && input.rows.map((r) => [r.yi, r.vi])).toEqual([[1e50, 1e-100], [-1e50, 1e100]]);
  });

  test('reads a study table as validated records', () => {
    const input = readAnalysisInput(studyCsv([{}, { n: '-3' }]));
    expect(input.kind).toBe('studies');
    if (input.kind !== 'studies') return;
    expect(input.records.map((r) => r.row_id)).toEqual(['r1']);
    expect(input.problems).toEqual([{ row: 3, column: 'n', message: 'invalid n: "-3" (must be a positive integer)' }]);
  });

  test('reports an unknown header once, naming the expected headers', () => {
    expect(readAnalysisInput('name,x\nA,1\n')).toEqual({
      kind: 'unknown',
      problems: [{
        row: 1, column: '',
        message: 'unrecognised header: name, x; expected study,events,n (proportions), study,yi,vi (effect sizes) or the study-table columns (row_id, cohort_id, study, ..., see docs/data-dictionary.md)',
      }],
    });
  });

  test('reports an empty file as unknown', () => {
    expect(readAnalysisInput('')).toEqual({
      kind: 'unknown', problems: [{ row: 0, column: '', message: 'empty file: no header row' }],
    });
  });

  test('reports ragged rows of a proportions file', () => {
    const input = readAnalysisInput('study,events,n\nA,1,2,3\n');
    expect(input).toEqual({
      kind: 'proportions', rows: [],
      problems: [{ row: 2, column: '', message: 'too many fields: 4 (expected 3, one per header column)' }],
    });
  });
});

test('readAnalysisInput(text) never throws, and every problem names a row ≥ 0 (property)', () => {
  const headers = fc.constantFrom('study,events,n\n', 'study;yi;vi\n', 'STUDY\tEVENTS\tN\n', 'x,y\n', '');
  const body = fc.stringMatching(/^[a-z0-9,;\t"\r\n .eE+-]*$/);
  fc.assert(fc.property(headers, body, (header, rest) => {
    const input = readAnalysisInput(header + rest);
    for (const p of input.problems) expect(p.row).toBeGreaterThanOrEqual(0);
  }), { numRuns: 1000 });
});
