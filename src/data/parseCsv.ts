import Papa from 'papaparse';
import { invalidCell } from './invalidCell.ts';
import type { Problem } from './types.ts';

export { parseNumber } from './parseNumber.ts';
export type { ParseNumberOptions } from './parseNumber.ts';

/** One data row of a CSV file: its spreadsheet row number and its cells by (trimmed) header name. */
export interface CsvRow {
  readonly row: number;
  readonly cells: Readonly<Record<string, string>>;
}

/** A CSV file as a header, its well-formed data rows, the delimiter used and every problem found. */
export interface CsvTable {
  readonly header: readonly string[];
  /** Spreadsheet row of the header: 1 unless blank lines come first (0 when there is no header). */
  readonly headerRow: number;
  readonly rows: readonly CsvRow[];
  readonly delimiter: string;
  readonly problems: readonly Problem[];
}

const DELIMITERS = [',', ';', '\t'] as const;

/** Named delimiters for messages: a tab is invisible. */
export function delimiterName(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `"${delimiter}"`;
}

/** The first non-blank line of the text, read up to its first newline outside quotes. */
function firstLine(text: string): string {
  const start = text.search(/[^\r\n]/);
  if (start < 0) return '';
  let inQuotes = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) return text.slice(start, i);
  }
  return text.slice(start);
}

/** The delimiter among `,` `;` tab that occurs most often (outside quotes) in the header line; `,` on a tie. */
export function detectDelimiter(text: string): string {
  const line = firstLine(text).replace(/"[^"]*"/g, '');
  let best: string = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = line.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** Excel's delimiter line, `sep=;` (or quoted, `"sep=;"`), as the first line of the file. */
const SEP_LINE = /^"?sep=([^"\n])"?[ \t]*(?:\n|$)/i;

const QUOTE_MESSAGES: Record<string, string> = {
  MissingQuotes: 'unterminated quoted field',
  InvalidQuotes: 'malformed quotes (a quote inside a quoted field must be doubled)',
};

/** U+FFFD: what TextDecoder (and readFileSync 'utf8') puts where the bytes were not UTF-8. */
const REPLACEMENT = '\uFFFD';
const NOT_UTF8 = 'bytes that are not UTF-8, shown as U+FFFD: save the file as UTF-8';

function isBlank(fields: readonly string[]): boolean {
  return fields.every((f) => f.trim() === '');
}

/**
 * How far a parse has got: records read after the first (the header; at the end, not counting the empty record after
 * a final newline), and the fraction of the text read.
 */
export interface CsvProgress {
  readonly rowsRead: number;
  readonly fraction: number;
}

/** Reading in chunks, with progress (the upload worker): the table is the same as a parse in one go. */
export interface CsvProgressOptions {
  /** called at most every PROGRESS_MS or every PROGRESS_ROWS records, whichever comes first, and once at the end */
  readonly onProgress: (p: CsvProgress) => void;
  /** characters per chunk: 64 Ki, or 1/256 of the text when that is more (tests pass small ones) */
  readonly chunkSize?: number;
}

const CHUNK_CHARS = 64 * 1024;
const PROGRESS_MS = 50;
const PROGRESS_ROWS = 5000;
const PAPA_CONFIG = { header: false, skipEmptyLines: false, quoteChar: '"' } as const;

interface Records {
  readonly data: string[][];
  readonly errors: Papa.ParseError[];
}

/**
 * papaparse's records in chunks: each chunk's rows and errors are appended, its error rows moved by the records
 * before it. papaparse parses the incomplete last record of a chunk again with the next chunk, and reports a quote
 * error in it both times, so such errors (row ≥ the chunk's record count) are left for the next chunk.
 */
function chunkedRecords(source: string, delimiter: string, progress: CsvProgressOptions): Records {
  const data: string[][] = [];
  const errors: Papa.ParseError[] = [];
  const chunkSize = progress.chunkSize ?? Math.max(CHUNK_CHARS, Math.ceil(source.length / 256));
  let lastTime = Date.now();
  let lastRows = 0;
  const report = (fraction: number) => {
    // the empty record after a final newline is no row of the file
    const last = data.at(-1);
    const trailing = fraction === 1 && last !== undefined && last.length === 1 && last[0] === '' ? 1 : 0;
    progress.onProgress({ rowsRead: Math.max(0, data.length - 1 - trailing), fraction });
  };
  Papa.parse<string[]>(source, {
    ...PAPA_CONFIG, delimiter, newline: '\n', chunkSize,
    chunk: (results: Papa.ParseResult<string[]>) => {
      const offset = data.length;
      for (const e of results.errors) {
        if (typeof e.row !== 'number') errors.push(e);
        else if (e.row < results.data.length) errors.push({ ...e, row: e.row + offset });
      }
      for (const fields of results.data) data.push(fields);
      const now = Date.now();
      if (now - lastTime >= PROGRESS_MS || data.length - lastRows >= PROGRESS_ROWS) {
        lastTime = now;
        lastRows = data.length;
        report(source.length === 0 ? 1 : results.meta.cursor / source.length);
      }
    },
    complete: () => report(1),
  });
  // papaparse reads a string synchronously, chunk by chunk: every chunk has been read when it returns
  return { data, errors };
}

/**
 * CSV text → header, rows and problems, with papaparse. Strips a byte-order mark, reads CRLF, LF and CR line ends
 * (mixed too; a line end inside a quoted field becomes LF), takes the delimiter from Excel's `sep=X` first line
 * (which is then not a row: Excel hides it) or else detects it among `,` `;` tab, reads quoted fields (embedded
 * delimiters, doubled quotes, newlines), trims header names and skips blank lines. Column names are
 * case-insensitive: a second `n` or `N` is a problem at the header row naming both. Bytes → text is decodeText's. Rows with the wrong number of fields or broken quotes are reported and left out of `rows`, as are
 * rows with a cell holding U+FFFD (bytes that were not UTF-8), one problem per such cell.
 * Row numbers are spreadsheet rows: one per CSV record, the header is row 1. Never throws. With `progress`, the
 * text is read in chunks and progress reported (rows read, fraction of the text); the table is the same.
 *
 * parseCsv('a,b\n1,2\n').rows → [{ row: 2, cells: { a: '1', b: '2' } }]
 */
export function parseCsv(text: string, progress?: CsvProgressOptions): CsvTable {
  // One line end throughout: papaparse takes the first one it sees, so a file with mixed CRLF / LF / CR (edited
  // on two systems) would otherwise fuse lines into one ragged record.
  const normalised = typeof text === 'string' ? text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n') : '';
  const sep = SEP_LINE.exec(normalised);
  // Excel's `sep=;` first line names the delimiter; Excel hides it, so the header is still row 1.
  const source = sep === null ? normalised : normalised.slice(sep[0].length);
  const delimiter = sep === null ? detectDelimiter(source) : sep[1];
  const problems: Problem[] = [];
  let data: string[][] = [];
  let errors: Papa.ParseError[] = [];
  try {
    const result = progress === undefined
      ? Papa.parse<string[]>(source, { ...PAPA_CONFIG, delimiter })
      : chunkedRecords(source, delimiter, progress);
    data = result.data;
    errors = result.errors;
  } catch (err) {
    problems.push({ row: 0, column: '', message: `unreadable csv: ${String(err)}` });
  }

  const badRows = new Map<number, string>();
  for (const e of errors) {
    if (typeof e.row !== 'number') continue;
    const message = QUOTE_MESSAGES[e.code] ?? e.message.toLowerCase();
    if (!badRows.has(e.row)) badRows.set(e.row, message);
  }

  const headerIndex = data.findIndex((fields) => !isBlank(fields));
  if (headerIndex < 0) {
    if (problems.length === 0) problems.push({ row: 0, column: '', message: 'empty file: no header row' });
    return { header: [], headerRow: 0, rows: [], delimiter, problems };
  }

  const headerRow = headerIndex + 1;
  const header = data[headerIndex].map((h) => h.trim());
  // Column names are case-insensitive everywhere (the readers look them up in lowercase): `n` and `N` are one name.
  const seen = new Map<string, string>();
  header.forEach((name, i) => {
    const first = seen.get(name.toLowerCase());
    if (name === '') {
      problems.push({ row: headerRow, column: '', message: `empty column name (field ${i + 1} of the header)` });
    } else if (first === name) {
      problems.push({ row: headerRow, column: name, message: `duplicate column: "${name}"` });
    } else if (first !== undefined) {
      problems.push({ row: headerRow, column: name, message: `duplicate column: "${name}" (same as "${first}")` });
    } else {
      seen.set(name.toLowerCase(), name);
    }
  });
  if (badRows.has(headerIndex)) problems.push({ row: headerRow, column: '', message: badRows.get(headerIndex)! });
  for (const name of header) {
    if (name.includes(REPLACEMENT)) problems.push(invalidCell(headerRow, name, name, NOT_UTF8));
  }

  const rows: CsvRow[] = [];
  for (let i = headerIndex + 1; i < data.length; i++) {
    const fields = data[i];
    const row = i + 1;
    const quoteProblem = badRows.get(i);
    if (quoteProblem) {
      problems.push({ row, column: '', message: quoteProblem });
      continue;
    }
    if (isBlank(fields)) continue;
    if (fields.length !== header.length) {
      const kind = fields.length > header.length ? 'too many' : 'too few';
      problems.push({
        row, column: '', message: `${kind} fields: ${fields.length} (expected ${header.length}, one per header column)`,
      });
      continue;
    }
    const undecodable = header.flatMap((name, j) => (
      fields[j].includes(REPLACEMENT) ? [invalidCell(row, name, fields[j], NOT_UTF8)] : []
    ));
    if (undecodable.length > 0) {
      for (const p of undecodable) problems.push(p);
      continue;
    }
    const cells: Record<string, string> = Object.create(null) as Record<string, string>;
    header.forEach((name, j) => {
      if (name !== '' && !(name in cells)) cells[name] = fields[j];
    });
    rows.push({ row, cells });
  }
  return { header, headerRow, rows, delimiter, problems };
}
