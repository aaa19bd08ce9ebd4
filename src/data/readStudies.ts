import { invalidCell } from './invalidCell.ts';
import { parseCsv, type CsvTable } from './parseCsv.ts';
import type { Parsed, Problem, StudyRecord } from './types.ts';
import { validateStudy, type ValidateOptions } from './validateStudy.ts';
import { STUDY_COLUMNS } from './vocabulary.ts';

/**
 * Study-table CSV text → the valid records and every problem: CSV problems (ragged rows, broken quotes), one
 * problem at row 1 per missing column, one per bad cell (validateStudy), and duplicate row_ids. An invalid row is
 * left out of `records`; every valid row is kept. Header names match case-insensitively; extra columns are ignored.
 */
export function readStudies(text: string, options: Pick<ValidateOptions, 'otherSource'> = {}): Parsed<StudyRecord> {
  return readStudyTable(parseCsv(text), options);
}

/** readStudies on a table already parsed (readAnalysisInput parses once to look at the header). */
export function readStudyTable(table: CsvTable, options: Pick<ValidateOptions, 'otherSource'> = {}): Parsed<StudyRecord> {
  const problems: Problem[] = [...table.problems];
  if (table.header.length === 0) return { records: [], problems };

  const { headerRow } = table;
  const byLower = new Map<string, string>();
  for (const h of table.header) {
    if (h === '') continue;
    // a second N next to n is reported by parseCsv; the first spelling is the column read
    if (!byLower.has(h.toLowerCase())) byLower.set(h.toLowerCase(), h);
  }
  const missing = STUDY_COLUMNS.filter((c) => !byLower.has(c));
  for (const c of missing) problems.push({ row: headerRow, column: c, message: `missing column: "${c}"` });
  if (missing.length > 0) return { records: [], problems };

  const decimalComma = table.delimiter === ';';
  const records: StudyRecord[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const named: Record<string, string> = {};
    for (const c of STUDY_COLUMNS) named[c] = cells[byLower.get(c)!];
    const result = validateStudy(named, row, { decimalComma, otherSource: options.otherSource });
    problems.push(...result.problems);
    const id = named.row_id.trim();
    if (id !== '') {
      const first = firstRowOf.get(id);
      if (first !== undefined) {
        problems.push(invalidCell(row, 'row_id', named.row_id, `duplicate of row ${first}`));
        continue;
      }
      firstRowOf.set(id, row);
    }
    if (result.record) records.push(result.record);
  }
  problems.sort((a, b) => a.row - b.row);
  return { records, problems };
}
