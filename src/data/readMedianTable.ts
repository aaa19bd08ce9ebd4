import { invalidCell } from './invalidCell.ts';
import { parseCsv } from './parseCsv.ts';
import { parseNumber } from './parseNumber.ts';
import type { Problem } from './types.ts';

/** A row of a `study,median,n` CSV: a median (e.g. months of survival) > 0 and its n (integer ≥ 1) or null when empty. */
export interface MedianTableRow {
  readonly row: number;
  readonly study: string;
  readonly median: number;
  readonly n: number | null;
  /** other columns by lowercase name, for grouping */
  readonly extra: Readonly<Record<string, string>>;
}

export interface MedianTable {
  readonly kind: 'medians';
  readonly rows: readonly MedianTableRow[];
  readonly problems: readonly Problem[];
}

/** True when the CSV's header names study, median and n (case-insensitive): a table of medians. */
export function isMedianTable(text: string): boolean {
  const names = new Set(parseCsv(text).header.map((h) => h.toLowerCase()));
  return names.has('study') && names.has('median') && names.has('n');
}

/**
 * A `study,median,n` CSV → rows and problems (row, column, message), in the template of readAnalysisInput: a median
 * must be a number greater than 0, n a positive integer or empty (not printed). Invalid rows are reported and left out.
 *
 * readMedianTable('study,median,n\nA,35,48\nB,22,\n') → rows [{ study: 'A', median: 35, n: 48 }, { study: 'B', median: 22, n: null }]
 */
export function readMedianTable(text: string): MedianTable {
  const table = parseCsv(text);
  const byLower = new Map<string, string>();
  for (const h of table.header) if (h !== '' && !byLower.has(h.toLowerCase())) byLower.set(h.toLowerCase(), h);
  const problems: Problem[] = [...table.problems];
  for (const need of ['study', 'median', 'n']) {
    if (!byLower.has(need)) problems.push({ row: table.headerRow, column: '', message: `missing column ${need} (expected study,median,n)` });
  }
  if (problems.length > table.problems.length) return { kind: 'medians', rows: [], problems };
  const decimalComma = table.delimiter === ';';
  const rows: MedianTableRow[] = [];
  for (const { row, cells } of table.rows) {
    const get = (name: string): string => cells[byLower.get(name)!] ?? '';
    const extra: Record<string, string> = {};
    for (const [lower, original] of byLower) if (!['study', 'median', 'n'].includes(lower)) extra[lower] = cells[original] ?? '';
    const bad: Problem[] = [];
    const study = get('study').trim();
    if (study === '') bad.push(invalidCell(row, 'study', get('study'), 'must not be empty'));
    const median = parseNumber(get('median'), { decimalComma });
    if (median === null || !(median > 0)) bad.push(invalidCell(row, 'median', get('median'), 'must be a number greater than 0'));
    const nCell = get('n').trim();
    const n = nCell === '' ? null : parseNumber(nCell, { decimalComma });
    if (nCell !== '' && (n === null || !Number.isInteger(n) || n < 1)) {
      bad.push(invalidCell(row, 'n', get('n'), 'must be a positive integer, or empty when not printed'));
    }
    if (bad.length > 0) problems.push(...bad);
    else rows.push({ row, study, median: median!, n, extra });
  }
  return { kind: 'medians', rows, problems: problems.sort((a, b) => a.row - b.row) };
}
