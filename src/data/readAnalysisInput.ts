import { invalidCell } from './invalidCell.ts';
import { parseCsv, type CsvProgressOptions, type CsvTable } from './parseCsv.ts';
import { parseNumber } from './parseNumber.ts';
import { readStudyTable } from './readStudies.ts';
import type { AnalysisInput, GenericRow, Problem, ProportionRow } from './types.ts';

/** Columns that make a CSV a study table (the rest of its columns are then required by readStudies). */
const STUDY_TABLE_SIGNATURE = ['row_id', 'modality', 'outcome'];

interface Columns {
  readonly byLower: ReadonlyMap<string, string>;
  readonly has: (...names: string[]) => boolean;
}

function columnsOf(table: CsvTable): Columns {
  const byLower = new Map<string, string>();
  for (const h of table.header) if (h !== '' && !byLower.has(h.toLowerCase())) byLower.set(h.toLowerCase(), h);
  return { byLower, has: (...names) => names.every((n) => byLower.has(n)) };
}

/** Cells by lowercase column name: the named columns, and every other column as `extra`. */
function split(cells: Readonly<Record<string, string>>, columns: Columns, named: readonly string[]) {
  const get = (name: string): string => cells[columns.byLower.get(name)!] ?? '';
  // no prototype: a column named __proto__ or constructor is a column like any other
  const extra = Object.create(null) as Record<string, string>;
  for (const [lower, original] of columns.byLower) if (!named.includes(lower)) extra[lower] = cells[original] ?? '';
  return { get, extra };
}

/** Problems in file order (stable: a row's CSV problems before its cell problems), so the first one is the first row. */
function byRow(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.row - b.row);
}

function readProportions(table: CsvTable, columns: Columns): AnalysisInput {
  const problems: Problem[] = [...table.problems];
  const rows: ProportionRow[] = [];
  const decimalComma = table.delimiter === ';';
  for (const { row, cells } of table.rows) {
    const { get, extra } = split(cells, columns, ['study', 'events', 'n']);
    const bad: Problem[] = [];
    const study = get('study').trim();
    if (study === '') bad.push(invalidCell(row, 'study', get('study'), 'must not be empty'));
    const events = parseNumber(get('events'), { decimalComma });
    const n = parseNumber(get('n'), { decimalComma });
    const eventsOk = events !== null && Number.isInteger(events) && events >= 0;
    const nOk = n !== null && Number.isInteger(n) && n >= 1;
    if (!eventsOk) bad.push(invalidCell(row, 'events', get('events'), 'must be an integer, at least 0'));
    if (!nOk) bad.push(invalidCell(row, 'n', get('n'), 'must be a positive integer'));
    if (eventsOk && nOk && events > n) bad.push(invalidCell(row, 'events', get('events'), `must be at most n (${n})`));
    if (bad.length > 0) problems.push(...bad);
    else rows.push({ row, study, events: events!, n: n!, extra });
  }
  return { kind: 'proportions', rows, problems: byRow(problems) };
}

/**
 * The range of effect sizes and variances the pooling arithmetic can carry without overflow: |yi| ≤ 1e50 and
 * 1e-100 ≤ vi ≤ 1e100. Its sums reach Σw(y − μ̂)² ≤ k·4yᵢ²/vᵢ (≤ 4e207), Σw²(y − μ̂)² ≤ k·4yᵢ²/vᵢ² (≤ 4e307) and
 * Σw³ ≤ k/vᵢ³ (≤ 1e307) for w = 1/v and up to k = 1e7 studies — all below the largest double, 1.8e308 — and
 * Σw³ ≥ 1e-300 stays a normal number. Effect sizes on an analysis scale (logit, log ratio, standardised
 * difference, raw means in any unit) lie far inside this range; a yi of 1e200 or a vi of 5e-324 is a data error.
 */
const MAX_ABS_YI = 1e50;
const MIN_VI = 1e-100;
const MAX_VI = 1e100;
const YI_RANGE = 'must be between -1e50 and 1e50: beyond that the pooling arithmetic overflows';
const VI_RANGE = 'must be between 1e-100 and 1e100: beyond that the pooling arithmetic overflows';

function readGeneric(table: CsvTable, columns: Columns): AnalysisInput {
  const problems: Problem[] = [...table.problems];
  const rows: GenericRow[] = [];
  const decimalComma = table.delimiter === ';';
  for (const { row, cells } of table.rows) {
    const { get, extra } = split(cells, columns, ['study', 'yi', 'vi']);
    const bad: Problem[] = [];
    const study = get('study').trim();
    if (study === '') bad.push(invalidCell(row, 'study', get('study'), 'must not be empty'));
    const yi = parseNumber(get('yi'), { decimalComma });
    const vi = parseNumber(get('vi'), { decimalComma });
    if (yi === null) bad.push(invalidCell(row, 'yi', get('yi'), 'must be a finite number'));
    else if (Math.abs(yi) > MAX_ABS_YI) bad.push(invalidCell(row, 'yi', get('yi'), YI_RANGE));
    if (vi === null || vi <= 0) bad.push(invalidCell(row, 'vi', get('vi'), 'must be a finite number greater than 0'));
    else if (vi < MIN_VI || vi > MAX_VI) bad.push(invalidCell(row, 'vi', get('vi'), VI_RANGE));
    if (bad.length > 0) problems.push(...bad);
    else rows.push({ row, study, yi: yi!, vi: vi!, extra });
  }
  return { kind: 'generic', rows, problems: byRow(problems) };
}

/**
 * The input reader of the CLI and the app: CSV text → one of four shapes, chosen by the header (case-insensitive):
 * `study,events,n` → proportions; `study,yi,vi` → generic effect sizes; the study table (row_id, modality,
 * outcome, ...) → validated study records; anything else → unknown, with one problem naming the expected headers.
 * Invalid rows are reported (row, column, message) and left out; other columns are kept in `extra` for grouping.
 * `progress` reads the CSV in chunks with progress (parseCsv), for the upload worker; the result is the same.
 *
 * readAnalysisInput('study,events,n\nA,3,10\n') → { kind: 'proportions', rows: [{ row: 2, study: 'A', events: 3, n: 10, extra: {} }], problems: [] }
 */
export function readAnalysisInput(text: string, progress?: CsvProgressOptions): AnalysisInput {
  const table = parseCsv(text, progress);
  const columns = columnsOf(table);
  if (table.header.length > 0) {
    if (columns.has('study', 'events', 'n')) return readProportions(table, columns);
    if (columns.has('study', 'yi', 'vi')) return readGeneric(table, columns);
    if (columns.has(...STUDY_TABLE_SIGNATURE)) {
      const { records, problems } = readStudyTable(table);
      return { kind: 'studies', records, problems };
    }
  }
  if (table.header.length === 0) return { kind: 'unknown', problems: table.problems };
  const found = table.header.filter((h) => h !== '').join(', ');
  return {
    kind: 'unknown',
    problems: [{
      row: table.headerRow,
      column: '',
      message: `unrecognised header: ${found || '(no names)'}; expected study,events,n (proportions), study,yi,vi (effect sizes) or the study-table columns (row_id, cohort_id, study, ..., see docs/data-dictionary.md)`,
    }],
  };
}
