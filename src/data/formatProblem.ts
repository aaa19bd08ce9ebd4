import type { Problem } from './types.ts';

/**
 * A problem as one line: `row 5, column n: invalid n: "-3" (must be a positive integer)`; a whole-row problem
 * omits the column (`row 7: too many fields: ...`) and a whole-file problem (row 0) reads `file: ...`.
 */
export function formatProblem(p: Problem): string {
  const where = p.row > 0 ? `row ${p.row}` : 'file';
  return p.column ? `${where}, column ${p.column}: ${p.message}` : `${where}: ${p.message}`;
}
