import type { AnalysisInput, StudyRecord } from '../data/types.ts';
import { poolableRows } from '../data/poolable.ts';
import { POOLABLE_OUTCOMES, type OutcomeName } from '../data/vocabulary.ts';

/** What the explorer analyses: the bundled study table or a file the user chose (read in the page, never sent). */
export interface Dataset {
  /** 'bundled' or the uploaded file's name */
  readonly source: 'bundled' | 'upload';
  readonly name: string;
  readonly input: AnalysisInput;
}

export function recordsOf(d: Dataset): readonly StudyRecord[] {
  return d.input.kind === 'studies' ? d.input.records : [];
}

/** Outcomes with at least one poolable row (study table), in vocabulary order. */
export function poolableOutcomes(records: readonly StudyRecord[]): OutcomeName[] {
  return POOLABLE_OUTCOMES.filter((o) => poolableRows(records, o).included.length > 0);
}

/** Valid rows of the dataset (records or effect rows). */
export function validRowCount(d: Dataset): number {
  switch (d.input.kind) {
    case 'studies': return d.input.records.length;
    case 'proportions':
    case 'generic': return d.input.rows.length;
    case 'unknown': return 0;
  }
}
