import { expect, test } from 'vitest';
import { formatProblem } from '../../src/data/formatProblem.ts';

test('formatProblem(p) names the row and the column', () => {
  expect(formatProblem({ row: 5, column: 'n', message: 'invalid n: "-3" (must be a positive integer)' }))
    .toBe('row 5, column n: invalid n: "-3" (must be a positive integer)');
});

test('formatProblem(p) omits an empty column and names row 0 "file"', () => {
  expect(formatProblem({ row: 7, column: '', message: 'too many fields: 4 (expected 3, one per header column)' }))
    .toBe('row 7: too many fields: 4 (expected 3, one per header column)');
  expect(formatProblem({ row: 0, column: '', message: 'empty file: no header row' })).toBe('file: empty file: no header row');
});
