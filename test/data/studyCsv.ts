import type { StudyRecord } from '../../src/data/types.ts';
import { validateStudy } from '../../src/data/validateStudy.ts';
import { STUDY_COLUMNS, type StudyColumn } from '../../src/data/vocabulary.ts';

/** A valid study-table row (hand-written; the quote is a phrase of seed 001's introduction). */
export const GOOD_ROW: Readonly<Record<StudyColumn, string>> = {
  row_id: 'r1', cohort_id: 'mayo_2010', study: 'Mayo 2010', first_author: 'Mayo', year: '2010',
  modality: 'resection', arm: '', design: 'retrospective', n: '339', outcome: 'os_5y', value: '74', low: '',
  high: '', time_months: '60', seed: '001_9c5965bc9c202e25.txt', seed_ref: '7', section: 'Hepatic resection',
  quote: '5-year survival of 74%', note: '',
};

function quoteCell(s: string, delimiter: string): string {
  return /["\r\n]/.test(s) || s.includes(delimiter) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A study-table CSV: the header, then one line per row (each a change to GOOD_ROW with a fresh row_id). */
export function studyCsv(changes: readonly Partial<Record<StudyColumn, string>>[], delimiter = ','): string {
  const lines = [STUDY_COLUMNS.join(delimiter)];
  changes.forEach((change, i) => {
    const row = { ...GOOD_ROW, row_id: `r${i + 1}`, ...change };
    lines.push(STUDY_COLUMNS.map((c) => quoteCell(row[c], delimiter)).join(delimiter));
  });
  return lines.join('\n') + '\n';
}

/** A study record built from GOOD_ROW with changes (validated; throws when the change makes the row invalid). */
export function studyRecord(change: Partial<Record<StudyColumn, string>>, row = 2): StudyRecord {
  const { record, problems } = validateStudy({ ...GOOD_ROW, ...change }, row);
  if (!record) throw new Error(`test row is invalid: ${problems.map((p) => p.message).join('; ')}`);
  return record;
}
