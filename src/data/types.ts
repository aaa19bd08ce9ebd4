import type { Design, Modality, OutcomeName, Seed } from './vocabulary.ts';

/** One validated row of the study table: one (cohort, arm, outcome) with its provenance. */
export interface StudyRecord {
  readonly row: number; // 1-based data row number in the source file (header is row 0)
  readonly row_id: string;
  readonly cohort_id: string;
  readonly study: string;
  readonly first_author: string;
  readonly year: number | null;
  readonly modality: Modality;
  readonly arm: string;
  readonly design: Design;
  readonly n: number | null;
  readonly outcome: OutcomeName;
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly time_months: number | null;
  readonly seed: Seed | string;
  readonly seed_ref: string;
  readonly section: string;
  readonly quote: string;
  readonly note: string;
}

/** A problem found in input: 1-based data row (0 = header / whole file), the column, and what is wrong. */
export interface Problem {
  readonly row: number;
  readonly column: string;
  readonly message: string;
}

/** The result of reading a table: the valid records and every problem found. Nothing is dropped silently. */
export interface Parsed<T> {
  readonly records: readonly T[];
  readonly problems: readonly Problem[];
}
