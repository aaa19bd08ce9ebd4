import type { AnalysisInput, Problem, StudyRecord } from '../data/types.ts';
import { poolableRows } from '../data/poolable.ts';
import { POOLABLE_OUTCOMES, type OutcomeName } from '../data/vocabulary.ts';

/** What the explorer analyses: the bundled study table or a file the user chose (read in the page, never sent). */
export interface Dataset {
  /** 'bundled' or the uploaded file's name */
  readonly source: 'bundled' | 'upload';
  readonly name: string;
  readonly input: AnalysisInput;
  /** set on the bundled table with studies the user added (the living review: livingReview.ts) */
  readonly added?: AddedStudies;
}

/** Studies added to the bundled table from a study-table CSV (mergeStudyTables): what every diff compares against. */
export interface AddedStudies {
  readonly fileName: string;
  /** the added file's text as read, kept so that a reload restores the merged table */
  readonly text: string;
  /** row_ids of the added rows */
  readonly rowIds: ReadonlySet<string>;
  /** the bundled table without them: the "before" of every diff */
  readonly before: Dataset;
  /** rows of the added file left out (numbered as in that file) */
  readonly problems: readonly Problem[];
  /** added rows joining a cohort of the bundled table */
  readonly notes: readonly Problem[];
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
