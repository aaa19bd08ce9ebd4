import { clipCell } from './clipCell.ts';
import type { Problem } from './types.ts';

/**
 * The one template for a bad cell: `invalid <column>: "<value>" (<rule>)` (a long value clipped), e.g.
 * invalidCell(5, 'n', '-3', 'must be a positive integer') → row 5, column n, `invalid n: "-3" (must be a positive integer)`.
 */
export function invalidCell(row: number, column: string, value: string, rule: string): Problem {
  return { row, column, message: `invalid ${column}: ${JSON.stringify(clipCell(value))} (${rule})` };
}
