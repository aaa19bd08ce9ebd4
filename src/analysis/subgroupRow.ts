/**
 * Which study-table rows report a subgroup of their cohort (the high-grade 7 of a 70-patient series, a repeat
 * operation, a propensity-matched subset) rather than the whole cohort or an arm of a trial, so views can mark them.
 */
import type { StudyRecord } from '../data/types.ts';

/** Trial designs: their arms are arms, not subgroups. */
const TRIAL_DESIGNS = new Set(['rct', 'phase3']);
const SUBGROUP_NOTE = /\bsubgroups?\b|\bsubset\b|propensity-matched/i;

/**
 * True when `record` has an arm and is a subgroup of its cohort: its note says so ("subgroup", "subset",
 * "propensity-matched"), or the same cohort and modality has a whole-cohort row (empty arm) or a row with a larger
 * n. Arms of a randomised trial (design rct or phase3) are never subgroups.
 *
 * isSubgroupRow({ arm: 'high grade', note: 'high-grade subgroup (7 of 70)', … }, records) → true
 */
export function isSubgroupRow(record: StudyRecord, records: readonly StudyRecord[]): boolean {
  if (record.arm === '' || TRIAL_DESIGNS.has(record.design)) return false;
  if (SUBGROUP_NOTE.test(record.note)) return true;
  return records.some((r) => r.cohort_id === record.cohort_id && r.modality === record.modality && r !== record
    && (r.arm === '' || (r.n !== null && record.n !== null && r.n > record.n)));
}
