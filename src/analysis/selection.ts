/**
 * The rows one analysis considers, each with its status and reason, under stable keys: which rows pool, which the
 * user excluded (by cohort or by row number), and which cannot be pooled and why. Rows stay raw data here (counts,
 * yi/vi, a ratio and its CI); `effectOf` is the one place they become effect sizes.
 */
import { formatProblem } from '../data/formatProblem.ts';
import { poolableRows } from '../data/poolable.ts';
import type { AnalysisInput, StudyRecord } from '../data/types.ts';
import { PoolInputError } from '../meta/poolInputError.ts';
import type { ResolvedSpec } from './spec.ts';

/** What a row holds for pooling: events / n, an effect size with its variance, or a ratio with its printed CI. */
export type RowData =
  | { readonly kind: 'count'; readonly events: number; readonly n: number }
  | { readonly kind: 'generic'; readonly yi: number; readonly vi: number }
  | { readonly kind: 'ratio'; readonly estimate: number; readonly low: number; readonly high: number };

/** included: pooled; excluded: left out by the user; not_poolable: left out by the rules, with the reason. */
export type RowStatus = 'included' | 'excluded' | 'not_poolable';

export interface SelectedRow {
  /** stable, unique: the row_id (study table) or the row number in the file (uploads) */
  readonly key: string;
  /** what excludes it: its cohort_id (study table) or its row number (uploads) */
  readonly unit: string;
  /** the row as a spreadsheet numbers it (header = 1) */
  readonly row: number;
  /** the study as written in the data */
  readonly study: string;
  /** display label, unique among the plotted rows: "A (row 3)" when two rows are called "A" */
  readonly label: string;
  /** subgroup (the `by` column), or null without one */
  readonly group: string | null;
  readonly status: RowStatus;
  /** why it is not pooled (null when included) */
  readonly reason: string | null;
  /** the row that stands for its unit in plots and lists (included, or excluded by the user) */
  readonly plotted: boolean;
  /** null for rows that cannot be pooled */
  readonly data: RowData | null;
  readonly year: number | null;
  readonly n: number | null;
  readonly record: StudyRecord | null;
}

/** A thing the user can exclude: a cohort (study table) or a row (uploads). */
export interface ExclusionUnit {
  readonly id: string;
  readonly label: string;
  /** rows of this unit in the selection (outcome, modality), pooled or not */
  readonly rows: number;
  readonly excluded: boolean;
}

export interface Selection {
  readonly rows: readonly SelectedRow[];
  readonly units: readonly ExclusionUnit[];
  /** exclusion ids that match no cohort, row id or row number of the dataset */
  readonly unknownExclusions: readonly string[];
}

/** Why a ratio row (hazard ratio) cannot be pooled as a log ratio with its CI, or null when it can. */
export function reasonRatioNotPoolable(record: StudyRecord): string | null {
  if (record.design === 'review_range') return 'review-level range';
  if (record.value === null) return 'no point value';
  if (record.low === null || record.high === null) return 'no CI (low, high)';
  if (!(record.low < record.value && record.value < record.high)) return 'CI does not contain the estimate';
  return null;
}

function armLabel(r: StudyRecord): string {
  return r.arm ? `${r.study} (${r.arm})` : r.study;
}

function recordGroup(record: StudyRecord, by: string | null): string | null {
  if (by === null) return null;
  const v: unknown = (record as unknown as Readonly<Record<string, unknown>>)[by];
  return v === null || v === undefined || v === '' ? '(none)' : String(v);
}

interface Draft extends Omit<SelectedRow, 'label'> {
  readonly base: string;
}

function studyDrafts(records: readonly StudyRecord[], spec: ResolvedSpec, excludedUnits: ReadonlySet<string>): Draft[] {
  const outcome = spec.outcome!;
  const scoped = spec.modality ? records.filter((r) => r.modality === spec.modality) : records;
  const by = spec.by;
  if (by !== null && !Object.hasOwn(scoped[0] ?? records[0] ?? {}, by)) {
    throw new PoolInputError(`column ${by.slice(0, 60)}: not found (a study-table column)`);
  }
  const drafts: Draft[] = [];
  const common = (record: StudyRecord) => ({
    key: record.row_id, unit: record.cohort_id, row: record.row, study: record.study, base: armLabel(record),
    group: recordGroup(record, by), year: record.year, n: record.n, record,
  });
  const cohortExcluded = (record: StudyRecord) => excludedUnits.has(record.cohort_id);
  if (spec.exponentiate) {
    for (const record of scoped) {
      if (record.outcome !== outcome) continue;
      const reason = reasonRatioNotPoolable(record);
      const data: RowData | null = reason === null
        ? { kind: 'ratio', estimate: record.value!, low: record.low!, high: record.high! }
        : null;
      const excluded = reason === null && cohortExcluded(record);
      drafts.push({
        ...common(record), data, plotted: reason === null,
        status: reason !== null ? 'not_poolable' : excluded ? 'excluded' : 'included',
        reason: reason ?? (excluded ? `excluded by you (cohort ${record.cohort_id})` : null),
      });
    }
    return drafts;
  }
  const { included, excluded } = poolableRows(scoped, outcome);
  const chosen = new Map(included.map((p) => [p.record, p]));
  const notPooled = new Map(excluded.map((x) => [x.record, x.reason]));
  for (const record of scoped) {
    if (record.outcome !== outcome) continue;
    const pick = chosen.get(record);
    const userExcluded = cohortExcluded(record);
    if (pick !== undefined) {
      drafts.push({
        ...common(record), data: { kind: 'count', events: pick.events, n: pick.n }, plotted: true,
        status: userExcluded ? 'excluded' : 'included',
        reason: userExcluded ? `excluded by you (cohort ${record.cohort_id})` : null,
      });
    } else {
      const reason = notPooled.get(record) ?? 'not poolable';
      drafts.push({
        ...common(record), data: null, plotted: false, status: 'not_poolable',
        reason: userExcluded && reason.startsWith('counted once per cohort') ? `excluded by you (cohort ${record.cohort_id})` : reason,
      });
    }
  }
  return drafts;
}

function extraGroup(extra: Readonly<Record<string, string>>, by: string | null, row: number): string | null {
  if (by === null) return null;
  const key = by.toLowerCase();
  if (!Object.hasOwn(extra, key)) {
    throw new PoolInputError(`column ${by.slice(0, 60)}: not found (columns: ${Object.keys(extra).join(', ') || 'none besides the data'})`);
  }
  const g = extra[key].trim();
  if (g === '') throw new PoolInputError(`row ${row}, column ${by.slice(0, 60)}: empty group label`);
  return g;
}

/**
 * Exclusion ids → the units they exclude: a cohort_id, or a row_id standing for its cohort (study table); a row
 * number (other files). Ids that match nothing are returned in `unknown`.
 */
export function resolveExclusions(
  input: AnalysisInput, ids: readonly string[],
): { units: Set<string>; unknown: string[] } {
  const units = new Set<string>();
  const unknown: string[] = [];
  if (input.kind === 'studies') {
    const cohortOfRow = new Map(input.records.map((r) => [r.row_id, r.cohort_id]));
    const cohorts = new Set(input.records.map((r) => r.cohort_id));
    for (const id of new Set(ids)) {
      if (cohorts.has(id)) units.add(id);
      else if (cohortOfRow.has(id)) units.add(cohortOfRow.get(id)!);
      else unknown.push(id);
    }
  } else {
    const rowNumbers = new Set(input.kind === 'unknown' ? [] : input.rows.map((r) => String(r.row)));
    for (const id of new Set(ids)) {
      if (rowNumbers.has(id)) units.add(id);
      else unknown.push(id);
    }
  }
  return { units, unknown };
}

/** Rows of the dataset that the spec selects, with their status; PoolInputError on input the analysis cannot use. */
export function selectRows(input: AnalysisInput, spec: ResolvedSpec): Selection {
  if (input.problems.length > 0) throw new PoolInputError(formatProblem(input.problems[0]));
  const { units: excludedUnits, unknown } = resolveExclusions(input, spec.exclude);
  let drafts: Draft[];
  switch (input.kind) {
    case 'unknown':
      throw new PoolInputError('no rows');
    case 'studies': {
      drafts = studyDrafts(input.records, spec, excludedUnits);
      break;
    }
    case 'proportions':
    case 'generic': {
      if (input.rows.length === 0) throw new PoolInputError('no rows');
      drafts = input.rows.map((r) => {
        const key = String(r.row);
        const excluded = excludedUnits.has(key);
        const data: RowData = 'events' in r
          ? { kind: 'count', events: r.events, n: r.n }
          : { kind: 'generic', yi: r.yi, vi: r.vi };
        return {
          key, unit: key, row: r.row, study: r.study, base: r.study, group: extraGroup(r.extra, spec.by, r.row),
          status: excluded ? 'excluded' : 'included', reason: excluded ? `excluded by you (row ${r.row})` : null,
          plotted: true, data, year: null, n: 'n' in r ? r.n : null, record: null,
        };
      });
      break;
    }
  }
  // labels: unique among plotted rows ("A (row 3)", "A (row 4)")
  const count = new Map<string, number>();
  for (const d of drafts) if (d.plotted) count.set(d.base, (count.get(d.base) ?? 0) + 1);
  const rows: SelectedRow[] = drafts.map(({ base, ...d }) => ({
    ...d, label: (count.get(base) ?? 0) > 1 ? `${base} (row ${d.row})` : base,
  }));
  const units = new Map<string, { label: string; rows: number }>();
  for (const r of rows) {
    const u = units.get(r.unit);
    if (u) {
      u.rows += 1;
      if (r.plotted && u.label === '') u.label = r.label;
    } else units.set(r.unit, { label: r.plotted ? r.label : '', rows: 1 });
  }
  return {
    rows,
    units: [...units].map(([id, u]) => ({
      id, label: u.label || rows.find((r) => r.unit === id)!.study, rows: u.rows, excluded: excludedUnits.has(id),
    })),
    unknownExclusions: unknown,
  };
}
