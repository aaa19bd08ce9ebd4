/**
 * The one CSV writer of every export. Rows of results as CSV text (RFC 4180: CRLF line ends; a field with a comma,
 * semicolon (the separator of spreadsheets in decimal-comma locales), double quote, CR or LF is enclosed in double
 * quotes and its quotes doubled). Text cells that begin with =, +, -, @, tab or CR are prefixed with an
 * apostrophe so a spreadsheet does not run them as formulas (OWASP "CSV injection"). Numbers are written as numbers
 * (shortest round-trip form; a negative estimate stays a number); missing and non-finite values are empty cells.
 */

export type CsvColumn<T> = string | { readonly header: string; readonly value: (row: T) => unknown };

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell's text: numbers as numbers, booleans as true/false, arrays joined by "; ", text guarded and quoted. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return String(value);
  const text = Array.isArray(value) ? value.map((v) => csvCell(v)).join('; ') : String(value);
  const guarded = !Array.isArray(value) && FORMULA_START.test(text) ? `'${text}` : text;
  return /[",;\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** CSV text with a header row; a string column reads `row[name]`, an object column its `value(row)`. */
export function resultsToCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const header = columns.map((c) => csvCell(typeof c === 'string' ? c : c.header)).join(',');
  const lines = rows.map((row) => columns.map((c) => csvCell(
    typeof c === 'string' ? (row as Record<string, unknown>)[c] : c.value(row),
  )).join(','));
  return [header, ...lines].join('\r\n') + '\r\n';
}
