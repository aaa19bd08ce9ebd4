/**
 * Pooled median survival of single-arm series: `analyseMedians(input, spec)` selects the median rows of one
 * outcome (os_median_months, pfs_median_months or ttp_median_months) of the study table — or the rows of a
 * `study,median,n` file — under the same exclusion ids as every other analysis, and pools each group with the median
 * of the medians and the weighted median of the medians (pooledMedian, McGrath et al. 2019).
 *
 * Selection (study table), each row with its status and reason, as in selection.ts:
 * - means are never pooled as medians: os_mean_months rows, and rows whose note says "mean not median", are listed
 *   as not poolable with that reason;
 * - review-level ranges, ranges without a point value and one-sided values are not poolable;
 * - arms of randomised trials are compared within their trial (trials.ts), not pooled with single-arm series;
 * - a cohort counts once per modality, as for proportions (docs/data-dictionary.md): the whole cohort (empty arm)
 *   first, then the larger n, then seed 001, then the earlier row; the other rows of the cohort are listed with the
 *   row that is pooled;
 * - a pooled row that reports a subgroup of its cohort (subgroupRow.ts) is marked, and its group warns.
 */
import { formatProblem } from '../data/formatProblem.ts';
import { oneSidedMarker } from '../data/oneSidedMarker.ts';
import type { MedianTable } from '../data/readMedianTable.ts';
import type { AnalysisInput, StudyRecord } from '../data/types.ts';
import { PoolInputError } from '../meta/poolInputError.ts';
import { pooledMedians, type PooledMedian } from '../meta/pooledMedian.ts';
import type { Warning } from '../meta/types.ts';
import { resolveExclusions, type RowStatus } from './selection.ts';
import { isSubgroupRow } from './subgroupRow.ts';
import { trialCohortIds } from './trials.ts';

export const MEDIAN_OUTCOMES = ['os_median_months', 'pfs_median_months', 'ttp_median_months'] as const;
export type MedianOutcome = (typeof MEDIAN_OUTCOMES)[number];

/** What analyseMedians reads: the study table, or a `study,median,n` file (readMedianTable). */
export type MedianInput = AnalysisInput | MedianTable;

export interface MedianSpec {
  /** study table: the median outcome (default os_median_months) */
  readonly outcome?: string;
  /** study table: one modality; '' or undefined = all */
  readonly modality?: string;
  /** a column to group by (a study-table field, or an extra column of a study,median,n file) */
  readonly by?: string;
  /** cohort_id or row_id (study table), row numbers (other files) */
  readonly exclude?: readonly string[];
  /** confidence level of the intervals, default 0.95 */
  readonly level?: number;
}

export interface MedianRow {
  /** row_id (study table) or row number (files) */
  readonly key: string;
  /** what excludes it: cohort_id (study table) or row number */
  readonly unit: string;
  readonly row: number;
  readonly study: string;
  /** "Study (arm)"; unique among the included rows ("A (row 3)" when repeated) */
  readonly label: string;
  readonly group: string | null;
  readonly status: RowStatus;
  readonly reason: string | null;
  readonly median: number | null;
  readonly n: number | null;
  /** a subgroup of its cohort (e.g. the high-grade 7 of 70) */
  readonly subgroup: boolean;
  readonly record: StudyRecord | null;
}

export interface MedianGroup {
  /** the `by` value, or null without `by` */
  readonly group: string | null;
  /** the included rows of the group, in file order */
  readonly rows: readonly MedianRow[];
  /** [median of the medians, weighted median of the medians] */
  readonly fits: readonly [PooledMedian, PooledMedian];
  /** caveats of the group's rows (subgroups) */
  readonly warnings: readonly Warning[];
}

export interface MedianAnalysis {
  readonly outcome: MedianOutcome | null;
  readonly modality: string;
  readonly by: string | null;
  readonly level: number;
  /** every row considered, in file order, with its status */
  readonly rows: readonly MedianRow[];
  readonly unknownExclusions: readonly string[];
  /** one per group with an included row, in order of first row; empty when nothing is left to pool */
  readonly groups: readonly MedianGroup[];
}

function resolveOutcome(input: MedianInput, spec: MedianSpec): MedianOutcome | null {
  if (input.kind !== 'studies') {
    if (spec.modality) throw new PoolInputError('--modality applies to the study table only (this file has no modality column)');
    if (spec.outcome !== undefined && spec.outcome !== '') {
      throw new PoolInputError('--outcome applies to the study table only (a study,median,n file holds one outcome)');
    }
    return null;
  }
  const o = spec.outcome === undefined || spec.outcome === '' ? 'os_median_months' : spec.outcome;
  if (!(MEDIAN_OUTCOMES as readonly string[]).includes(o)) {
    throw new PoolInputError(`invalid --outcome: ${o.slice(0, 60)} (one of ${MEDIAN_OUTCOMES.join(', ')})`);
  }
  return o as MedianOutcome;
}

const MEAN_REASON = 'a mean, not a median: means are never pooled as medians';
const TRIAL_REASON = 'arm of a randomised trial: compared within its trial (trials view), not pooled with single-arm series';

/** Why a median row of the study table cannot be pooled (before the once-per-cohort rule), or null. */
function reasonNotPoolable(r: StudyRecord, trials: ReadonlySet<string>): string | null {
  if (r.outcome === 'os_mean_months' || /(^|;)\s*mean not median/i.test(r.note)) return MEAN_REASON;
  if (r.design === 'review_range') return 'review-level range';
  if (trials.has(r.cohort_id)) return TRIAL_REASON;
  const marker = oneSidedMarker(r);
  if (marker !== null) return `one-sided value (${marker})`;
  if (r.value === null) return r.low !== null || r.high !== null ? 'range only (no point value)' : 'no point value';
  if (!(r.value > 0)) return 'median not greater than 0';
  return null;
}

/** Of two poolable rows of one cohort and modality, the one that stands for it (as poolable.ts for proportions). */
function preferred(a: StudyRecord, b: StudyRecord): StudyRecord {
  if ((a.arm === '') !== (b.arm === '')) return a.arm === '' ? a : b;
  if ((a.n ?? -1) !== (b.n ?? -1)) return (a.n ?? -1) > (b.n ?? -1) ? a : b;
  const sa = a.seed.startsWith('001');
  if (sa !== b.seed.startsWith('001')) return sa ? a : b;
  return a.row <= b.row ? a : b;
}

function fieldOf(record: StudyRecord, by: string): string {
  const v: unknown = (record as unknown as Readonly<Record<string, unknown>>)[by];
  return v === null || v === undefined || v === '' ? '(none)' : String(v);
}

type Draft = Omit<MedianRow, 'label'> & { readonly base: string };

function studyDrafts(records: readonly StudyRecord[], outcome: MedianOutcome, modality: string, by: string | null,
  excluded: ReadonlySet<string>): Draft[] {
  if (by !== null && !Object.hasOwn(records[0] ?? {}, by)) throw new PoolInputError(`column ${by.slice(0, 60)}: not found (a study-table column)`);
  const trials = trialCohortIds(records);
  const scoped = records.filter((r) => (!modality || r.modality === modality)
    && (r.outcome === outcome || (outcome === 'os_median_months' && r.outcome === 'os_mean_months')));
  const reasons = new Map(scoped.map((r) => [r, reasonNotPoolable(r, trials)]));
  const chosen = new Map<string, StudyRecord>();
  const keyOf = (r: StudyRecord) => `${r.cohort_id}\u0000${r.modality}`;
  for (const r of scoped) {
    if (reasons.get(r) !== null) continue;
    const held = chosen.get(keyOf(r));
    chosen.set(keyOf(r), held === undefined ? r : preferred(held, r));
  }
  return scoped.map((r) => {
    let reason = reasons.get(r) ?? null;
    const keep = chosen.get(keyOf(r));
    if (reason === null && keep !== r && keep !== undefined) {
      const what = r.arm !== '' && r.arm !== keep.arm ? `arm or subgroup of cohort ${keep.cohort_id}` : 'same cohort';
      const differs = keep.value !== r.value || keep.n !== r.n ? `; values differ: ${r.value} months here, ${keep.value} there` : '';
      reason = `counted once per cohort (${what}): ${keep.row_id} (${keep.study}) is pooled${differs}`;
    }
    const userExcluded = reason === null && excluded.has(r.cohort_id);
    const status: RowStatus = reason !== null ? 'not_poolable' : userExcluded ? 'excluded' : 'included';
    return {
      key: r.row_id, unit: r.cohort_id, row: r.row, study: r.study, base: r.arm ? `${r.study} (${r.arm})` : r.study,
      group: by === null ? null : fieldOf(r, by), status,
      reason: reason ?? (userExcluded ? `excluded by you (cohort ${r.cohort_id})` : null),
      median: r.value, n: r.n, subgroup: isSubgroupRow(r, records), record: r,
    };
  });
}

function tableDrafts(input: MedianTable, by: string | null, excluded: ReadonlySet<string>): Draft[] {
  if (input.rows.length === 0) throw new PoolInputError('no rows');
  return input.rows.map((r) => {
    const key = String(r.row);
    let group: string | null = null;
    if (by !== null) {
      const col = by.toLowerCase();
      if (!Object.hasOwn(r.extra, col)) {
        throw new PoolInputError(`column ${by.slice(0, 60)}: not found (columns: ${Object.keys(r.extra).join(', ') || 'none besides the data'})`);
      }
      group = r.extra[col].trim();
      if (group === '') throw new PoolInputError(`row ${r.row}, column ${by.slice(0, 60)}: empty group label`);
    }
    const out = excluded.has(key);
    return {
      key, unit: key, row: r.row, study: r.study, base: r.study, group, status: out ? 'excluded' : 'included',
      reason: out ? `excluded by you (row ${r.row})` : null, median: r.median, n: r.n, subgroup: false, record: null,
    };
  });
}

function exclusionsOf(input: MedianInput, ids: readonly string[]): { units: Set<string>; unknown: string[] } {
  if (input.kind !== 'medians') return resolveExclusions(input, ids);
  const rows = new Set(input.rows.map((r) => String(r.row)));
  const units = new Set<string>();
  const unknown: string[] = [];
  for (const id of new Set(ids)) {
    if (rows.has(id)) units.add(id);
    else unknown.push(id);
  }
  return { units, unknown };
}

const SUBGROUP_WARNING = (rows: readonly MedianRow[]): Warning => ({
  code: 'subgroup_rows',
  message: `${rows.length === 1 ? 'one pooled row reports' : `${rows.length} pooled rows report`} a subgroup of its cohort, not the whole cohort: ${rows.map((r) => r.label).join('; ')}`,
});

/**
 * The pooled medians of `input` under `spec`. Throws PoolInputError when the spec cannot apply (bad outcome, column,
 * level, invalid rows); nothing left to pool gives `groups: []`.
 */
export function analyseMedians(input: MedianInput, spec: MedianSpec = {}): MedianAnalysis {
  if (input.problems.length > 0) throw new PoolInputError(formatProblem(input.problems[0]));
  const outcome = resolveOutcome(input, spec);
  const level = spec.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new PoolInputError(`invalid --level: ${level} (between 0 and 1, e.g. 0.95)`);
  const by = spec.by === undefined || spec.by === '' ? null : spec.by;
  const modality = spec.modality ?? '';
  const { units, unknown } = exclusionsOf(input, spec.exclude ?? []);
  let drafts: Draft[];
  if (input.kind === 'studies') drafts = studyDrafts(input.records, outcome!, modality, by, units);
  else if (input.kind === 'medians') drafts = tableDrafts(input, by, units);
  else throw new PoolInputError('expected study,median,n or the study table');
  const count = new Map<string, number>();
  for (const d of drafts) if (d.status === 'included') count.set(d.base, (count.get(d.base) ?? 0) + 1);
  const rows: MedianRow[] = drafts.map(({ base, ...d }) => ({ ...d, label: (count.get(base) ?? 0) > 1 ? `${base} (row ${d.row})` : base }));
  const byGroup = new Map<string | null, MedianRow[]>();
  for (const r of rows) if (r.status === 'included') byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);
  const groups: MedianGroup[] = [...byGroup].map(([group, rs]) => {
    const subgroups = rs.filter((r) => r.subgroup);
    return {
      group, rows: rs,
      fits: pooledMedians(rs.map((r) => ({ study: r.label, median: r.median!, n: r.n })), level),
      warnings: subgroups.length > 0 ? [SUBGROUP_WARNING(subgroups)] : [],
    };
  });
  return { outcome, modality, by, level, rows, unknownExclusions: unknown, groups };
}
