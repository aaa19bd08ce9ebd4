import type { Design, Modality, OutcomeName, Seed } from './vocabulary.ts';

/** One validated row of the study table: one (cohort, arm, outcome) with its provenance. */
export interface StudyRecord {
  /** Row number as a spreadsheet shows the file: the header is row 1, the first data row is row 2. */
  readonly row: number;
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

/**
 * A problem found in input: the row as a spreadsheet numbers it (header = row 1, first data row = row 2; 0 = the
 * whole file), the column name (empty when the whole row is at fault), and what is wrong, lowercase and terse.
 */
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

/** A row of a `study,events,n` CSV: integers 0 ≤ events ≤ n, n ≥ 1; other columns kept in `extra` (lowercase names). */
export interface ProportionRow {
  readonly row: number;
  readonly study: string;
  readonly events: number;
  readonly n: number;
  readonly extra: Readonly<Record<string, string>>;
}

/** A row of a `study,yi,vi` CSV: any effect size yi and its sampling variance vi > 0; other columns in `extra`. */
export interface GenericRow {
  readonly row: number;
  readonly study: string;
  readonly yi: number;
  readonly vi: number;
  readonly extra: Readonly<Record<string, string>>;
}

/** What readAnalysisInput found, by header: proportions, generic effect sizes, the study table, or unknown. */
export type AnalysisInput =
  | { readonly kind: 'proportions'; readonly rows: readonly ProportionRow[]; readonly problems: readonly Problem[] }
  | { readonly kind: 'generic'; readonly rows: readonly GenericRow[]; readonly problems: readonly Problem[] }
  | { readonly kind: 'studies'; readonly records: readonly StudyRecord[]; readonly problems: readonly Problem[] }
  | { readonly kind: 'unknown'; readonly problems: readonly Problem[] };
