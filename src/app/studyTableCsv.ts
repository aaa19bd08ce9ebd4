/**
 * The study table as CSV (the Data view's export): the given rows — the filtered table — with every column of the
 * study-table format in file order (row_id, provenance and quote included), through the one CSV writer. The file is
 * itself a valid study table: reading it back with readStudies gives the same records.
 */
import { resultsToCsv } from '../charts/export/resultsToCsv.ts';
import type { StudyRecord } from '../data/types.ts';
import { STUDY_COLUMNS } from '../data/vocabulary.ts';

export function studyTableCsv(records: readonly StudyRecord[]): string {
  return resultsToCsv(records, STUDY_COLUMNS);
}
