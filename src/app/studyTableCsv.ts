/**
 * The study table as CSV (the Data view's export): the given rows — the filtered table — with every column of the
 * study-table format in file order (row_id, provenance and quote included), through the one CSV writer. The file is
 * itself a valid study table: reading it back with readStudies gives the same records. With studies added to the
 * bundled table (the living review), `added` gives their row_ids and a last column `added` says true or false per row
 * (readStudies ignores it, so the merged table reads back as a study table too).
 */
import { resultsToCsv, type CsvColumn } from '../charts/export/resultsToCsv.ts';
import type { StudyRecord } from '../data/types.ts';
import { STUDY_COLUMNS } from '../data/vocabulary.ts';

export function studyTableCsv(records: readonly StudyRecord[], added?: ReadonlySet<string>): string {
  const columns: CsvColumn<StudyRecord>[] = [...STUDY_COLUMNS];
  if (added) columns.push({ header: 'added', value: (r) => added.has(r.row_id) });
  return resultsToCsv(records, columns);
}
