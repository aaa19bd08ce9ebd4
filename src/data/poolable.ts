import { oneSidedMarker } from './oneSidedMarker.ts';
import type { StudyRecord } from './types.ts';
import { POOLABLE_OUTCOMES, type OutcomeName } from './vocabulary.ts';

/** A poolable row as events / n: events = round(value / 100 × n). */
export interface PoolableRow {
  readonly record: StudyRecord;
  readonly events: number;
  readonly n: number;
}

/** A row of the outcome that cannot be pooled, and why, in words for the UI. */
export interface ExcludedRow {
  readonly record: StudyRecord;
  readonly reason: string;
}

export interface PoolableRows {
  readonly included: readonly PoolableRow[];
  readonly excluded: readonly ExcludedRow[];
}

/**
 * Why a row cannot be pooled as a proportion, or null when it can. Checked in this order: the outcome is not a
 * proportion; a review-level range; a one-sided value (">90%"); no point value (a range only, or nothing); no n.
 */
export function reasonNotPoolable(record: StudyRecord): string | null {
  if (!POOLABLE_OUTCOMES.includes(record.outcome)) return 'outcome is not a proportion';
  if (record.design === 'review_range') return 'review-level range';
  const marker = oneSidedMarker(record);
  if (marker !== null) return `one-sided value (${marker})`;
  if (record.value === null) {
    return record.low !== null || record.high !== null ? 'range only (no point value)' : 'no point value';
  }
  if (record.n === null) return 'no n';
  return null;
}

/**
 * The rows of one outcome split into those that pool as events / n and those that do not (each with its reason).
 * Rows of other outcomes are not returned. Order follows the input.
 *
 * poolableRows(records, 'os_5y').included[0] → { record, events: 251, n: 339 } for 74 % of 339
 */
export function poolableRows(records: readonly StudyRecord[], outcome: OutcomeName): PoolableRows {
  const included: PoolableRow[] = [];
  const excluded: ExcludedRow[] = [];
  for (const record of records) {
    if (record.outcome !== outcome) continue;
    const reason = reasonNotPoolable(record);
    if (reason !== null || record.n === null || record.value === null) {
      excluded.push({ record, reason: reason ?? 'no n' });
    } else {
      included.push({ record, events: Math.round((record.value / 100) * record.n), n: record.n });
    }
  }
  return { included, excluded };
}
