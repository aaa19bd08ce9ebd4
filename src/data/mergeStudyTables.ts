import { invalidCell } from './invalidCell.ts';
import { readStudies } from './readStudies.ts';
import type { Problem, StudyRecord } from './types.ts';

/** The bundled table with the studies a user added (the living review). */
export interface MergedStudyTables {
  /** the bundled records, then the added file's valid rows, numbered as if appended to the bundled file */
  readonly records: readonly StudyRecord[];
  /** row_ids of the added rows in `records` */
  readonly added: ReadonlySet<string>;
  /**
   * Why rows of the added file were left out, numbered as in the added file (header = row 1): every problem
   * readStudies reports, and a row_id that is already a row of the bundled table.
   */
  readonly problems: readonly Problem[];
  /** Information, not errors: an added row that joins a cohort of the bundled table (numbered as in the added file). */
  readonly notes: readonly Problem[];
}

const rows = (k: number): string => `${k} bundled ${k === 1 ? 'row' : 'rows'}`;

/**
 * The bundled study table's records and the text of a study-table CSV the user adds → one table: the bundled rows
 * first, then the added file's valid rows. The added file is read and validated exactly as an upload (readStudies:
 * the same columns, vocabularies, numbers and duplicate row_ids within it), except that `seed` may also be `other` —
 * a study outside the two reviews, its source (DOI, PMID or citation) in `seed_ref`. An added row whose row_id is already a
 * bundled row is left out (`invalid row_id: "s001-0012" (already in the bundled table, row 13)`): added rows never
 * replace bundled ones. An added row may join a bundled cohort (same cohort_id): it is kept and noted
 * (`joins cohort mayo_2010 (4 bundled rows)`), and the cohort still counts once per modality when pooled.
 *
 * Added rows are renumbered as if their lines were appended to the bundled file (added row 2 → the row after the
 * last bundled row), so the merged table analyses exactly as that concatenated file; problems and notes keep the
 * added file's own row numbers, which the user can find in it.
 *
 * mergeStudyTables(bundled, text).added → Set { 'added-0001' }
 */
export function mergeStudyTables(bundled: readonly StudyRecord[], addedText: string): MergedStudyTables {
  const read = readStudies(addedText, { otherSource: true });
  const bundledRow = new Map<string, number>();
  const cohortRows = new Map<string, number>();
  let last = 1;
  for (const r of bundled) {
    bundledRow.set(r.row_id, r.row);
    cohortRows.set(r.cohort_id, (cohortRows.get(r.cohort_id) ?? 0) + 1);
    last = Math.max(last, r.row);
  }
  const problems: Problem[] = [...read.problems];
  const notes: Problem[] = [];
  const kept: StudyRecord[] = [];
  const added = new Set<string>();
  for (const r of read.records) {
    const clash = bundledRow.get(r.row_id);
    if (clash !== undefined) {
      problems.push(invalidCell(r.row, 'row_id', r.row_id, `already in the bundled table, row ${clash}`));
      continue;
    }
    const joins = cohortRows.get(r.cohort_id);
    if (joins !== undefined) notes.push({ row: r.row, column: 'cohort_id', message: `joins cohort ${r.cohort_id} (${rows(joins)})` });
    kept.push({ ...r, row: last + r.row - 1 });
    added.add(r.row_id);
  }
  problems.sort((a, b) => a.row - b.row);
  return { records: [...bundled, ...kept], added, problems, notes };
}
