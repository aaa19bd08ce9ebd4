import type { StudyRecord } from './types.ts';

/** The rows of one patient cohort, as cited by one or both seeds. */
export interface Cohort {
  readonly cohort_id: string;
  readonly records: readonly StudyRecord[];
  /** The seed files the cohort is cited in, sorted. */
  readonly seeds: readonly string[];
  /** Notes of the cohort's rows that mention a disagreement (the text contains "disagree"), once each. */
  readonly disagreements: readonly string[];
}

/**
 * Rows grouped by cohort_id, in order of first appearance, each with the seeds it appears in and the notes that
 * mention a disagreement. cohortsOf([]) → [].
 */
export function cohortsOf(records: readonly StudyRecord[]): readonly Cohort[] {
  const groups = new Map<string, StudyRecord[]>();
  for (const r of records) {
    const group = groups.get(r.cohort_id);
    if (group) group.push(r);
    else groups.set(r.cohort_id, [r]);
  }
  return [...groups].map(([cohort_id, rows]) => ({
    cohort_id,
    records: rows,
    seeds: [...new Set(rows.map((r) => r.seed))].sort(),
    disagreements: [...new Set(rows.map((r) => r.note).filter((note) => /disagree/i.test(note)))],
  }));
}
