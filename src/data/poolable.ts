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

/** Which of two candidate rows of one cohort represents it: the whole cohort (no arm), then the larger n, then seed 001
 * (it has the reference list and tables), then file order. */
function preferred(a: PoolableRow, b: PoolableRow): PoolableRow {
  const wholeA = a.record.arm === '';
  const wholeB = b.record.arm === '';
  if (wholeA !== wholeB) return wholeA ? a : b;
  if (a.n !== b.n) return a.n > b.n ? a : b;
  const seedA = a.record.seed.startsWith('001');
  const seedB = b.record.seed.startsWith('001');
  if (seedA !== seedB) return seedA ? a : b;
  return a.record.row <= b.record.row ? a : b;
}

/**
 * The rows of one outcome split into those that pool as events / n and those that do not (each with its reason).
 * Rows of other outcomes are not returned. Order follows the input.
 *
 * A cohort counts once per modality: the study table keeps one row per seed and printed number, so one cohort can
 * appear several times (text, table and figure legend; both seeds; subgroups such as "repeat operation"). Of the
 * poolable rows sharing a cohort_id and modality, one is pooled (see `preferred`); the others are excluded with
 * the row they duplicate, and whether their values differ.
 *
 * poolableRows(records, 'os_5y').included[0] → { record, events: 251, n: 339 } for 74 % of 339
 */
export function poolableRows(records: readonly StudyRecord[], outcome: OutcomeName): PoolableRows {
  const candidates: PoolableRow[] = [];
  const excluded: ExcludedRow[] = [];
  for (const record of records) {
    if (record.outcome !== outcome) continue;
    const reason = reasonNotPoolable(record);
    if (reason !== null || record.n === null || record.value === null) {
      excluded.push({ record, reason: reason ?? 'no n' });
    } else {
      candidates.push({ record, events: Math.round((record.value / 100) * record.n), n: record.n });
    }
  }
  const chosen = new Map<string, PoolableRow>();
  const key = (r: StudyRecord) => `${r.cohort_id}\u0000${r.modality}`;
  for (const c of candidates) {
    const k = key(c.record);
    const held = chosen.get(k);
    chosen.set(k, held === undefined ? c : preferred(held, c));
  }
  const included: PoolableRow[] = [];
  for (const c of candidates) {
    const keep = chosen.get(key(c.record))!;
    if (keep === c) {
      included.push(c);
      continue;
    }
    const k = keep.record;
    const differs = k.value !== c.record.value || k.n !== c.record.n
      ? `; values differ: ${c.record.value} % of ${c.n} here, ${k.value} % of ${k.n} there`
      : '';
    const what = c.record.arm !== '' && c.record.arm !== k.arm ? `arm or subgroup of cohort ${k.cohort_id}` : 'same cohort';
    excluded.push({ record: c.record, reason: `counted once per cohort (${what}): ${k.row_id} (${k.study}) is pooled${differs}` });
  }
  return { included, excluded };
}
