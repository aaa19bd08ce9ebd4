import { formatProblem } from '../data/formatProblem.ts';
import { poolableRows } from '../data/poolable.ts';
import type { AnalysisInput, StudyRecord } from '../data/types.ts';
import { OUTCOMES, outcomeUnit, type OutcomeName } from '../data/vocabulary.ts';
import { genericEffect, proportionEffect, ratioCiEffect } from './effectSizes.ts';
import { fit } from './fit.ts';
import { PoolInputError } from './poolInputError.ts';
import { fitSubgroups } from './subgroups.ts';
import { guardRails } from './guardRails.ts';
import type { EffectSize, FitResult, Measure, Method, Test, Warning } from './types.ts';

export interface PoolOptions {
  /** default: PLO for proportions and the study table, GEN for generic (yi, vi) input */
  readonly measure?: Measure;
  readonly method: Method;
  readonly test: Test;
  /** a column to form subgroups by (a study-table field, or an extra column of a CSV) */
  readonly by?: string;
  /** study table only: the outcome whose rows are pooled (required there) */
  readonly outcome?: string;
}

export interface ExcludedStudy {
  readonly row_id: string;
  readonly study: string;
  readonly reason: string;
}

export type PooledFit = FitResult & { readonly group?: string };

/** What `pool` returns, and the CLI prints: one fit, or with `by` the overall fit, subgroups and Q_between. */
export type PoolOutput =
  | (PooledFit & { readonly outcome?: string; readonly excluded?: readonly ExcludedStudy[] })
  | {
    readonly overall: PooledFit;
    readonly subgroups: readonly PooledFit[];
    readonly Q_between: number;
    readonly Q_between_df: number;
    readonly Q_between_p: number;
    readonly outcome?: string;
    readonly excluded?: readonly ExcludedStudy[];
  };

const KM_AS_BINOMIAL: Warning = {
  code: 'km_as_binomial',
  message: 'a Kaplan–Meier survival percentage was pooled as a binomial proportion (events = round(S × n)); '
    + 'with censoring its CI is too narrow',
};

/** Input rows → the effect sizes one analysis fits, with their subgroup labels and the rows left out. */
export interface Prepared {
  readonly effects: EffectSize[];
  /** the study-table records behind `effects` (study-table input only), in the same order */
  readonly records?: readonly StudyRecord[];
  readonly groups: string[] | null;
  readonly measure: Measure;
  readonly exponentiate?: boolean;
  readonly extraWarnings: Warning[];
  readonly outcome?: string;
  readonly excluded?: ExcludedStudy[];
}

function checkProportionMeasure(measure: Measure): Exclude<Measure, 'GEN'> {
  if (measure === 'GEN') throw new PoolInputError('invalid --measure: GEN needs study,yi,vi input (events/n need PR, PLO, PAS or PFT)');
  return measure;
}

function missingColumn(by: string, header: string): never {
  throw new PoolInputError(`column ${by}: not found (${header})`);
}

const CI_AS_95: Warning = {
  code: 'ratio_ci_as_95',
  message: 'each ratio\'s low–high was taken as a 95% CI: log ratio with SE = (log high − log low)/(2 × 1.96)',
};

/** Why a ratio row (hazard ratio) cannot be pooled as a log ratio with its CI, or null when it can. */
function reasonRatioNotPoolable(record: StudyRecord): string | null {
  if (record.design === 'review_range') return 'review-level range';
  if (record.value === null) return 'no point value';
  if (record.low === null || record.high === null) return 'no CI (low, high)';
  if (!(record.low < record.value && record.value < record.high)) return 'CI does not contain the estimate';
  return null;
}

/** Study-table rows of a ratio outcome (hazard_ratio) → log ratios with SEs from their CIs, shown by exp. */
function prepareRatios(records: readonly StudyRecord[], outcome: OutcomeName, options: PoolOptions): Prepared {
  if (options.measure !== undefined && options.measure !== 'GEN') {
    throw new PoolInputError(`invalid --measure: ${options.measure} (${outcome} is pooled as GEN on the log scale)`);
  }
  const rows = records.filter((r) => r.outcome === outcome);
  const included = rows.filter((r) => reasonRatioNotPoolable(r) === null);
  const excluded = rows.flatMap((record) => {
    const reason = reasonRatioNotPoolable(record);
    return reason === null ? [] : [{ row_id: record.row_id, study: record.study, reason }];
  });
  if (included.length === 0) {
    throw new PoolInputError(`no poolable rows for outcome ${outcome} (${excluded.length} rows of it excluded)`);
  }
  const by = options.by;
  if (by !== undefined && !(by in included[0])) missingColumn(by, 'a study-table column');
  return {
    records: included,
    effects: included.map((r) => ratioCiEffect(r.arm ? `${r.study} (${r.arm})` : r.study, r.value!, r.low!, r.high!)),
    groups: by === undefined ? null : included.map((r) => groupLabel(r, by)),
    measure: 'GEN',
    exponentiate: true,
    extraWarnings: [CI_AS_95],
    outcome,
    excluded,
  };
}

function groupLabel(record: StudyRecord, by: string): string {
  const v = (record as unknown as Record<string, unknown>)[by];
  return v === null || v === undefined || v === '' ? '(none)' : String(v);
}

function prepareStudies(records: readonly StudyRecord[], options: PoolOptions): Prepared {
  const outcome = options.outcome;
  if (outcome === undefined) throw new PoolInputError('missing option --outcome (the study table needs one outcome to pool)');
  if (!(OUTCOMES as readonly string[]).includes(outcome)) {
    throw new PoolInputError(`invalid --outcome: ${outcome} (one of ${OUTCOMES.join(', ')})`);
  }
  if (outcomeUnit(outcome as OutcomeName) === 'ratio') return prepareRatios(records, outcome as OutcomeName, options);
  const measure = checkProportionMeasure(options.measure ?? 'PLO');
  const { included, excluded } = poolableRows(records, outcome as OutcomeName);
  if (included.length === 0) {
    throw new PoolInputError(`no poolable rows for outcome ${outcome} (${excluded.length} rows of it excluded)`);
  }
  const by = options.by;
  if (by !== undefined && !(by in included[0].record)) missingColumn(by, 'a study-table column');
  const effects = included.map(({ record, events, n }) =>
    proportionEffect(record.arm ? `${record.study} (${record.arm})` : record.study, events, n, measure));
  const groups = by === undefined ? null : included.map(({ record }) => groupLabel(record, by));
  const extraWarnings = /^(os|dfs)_/.test(outcome) ? [KM_AS_BINOMIAL] : [];
  return {
    effects,
    records: included.map(({ record }) => record),
    groups,
    measure,
    extraWarnings,
    outcome,
    excluded: excluded.map(({ record, reason }) => ({ row_id: record.row_id, study: record.study, reason })),
  };
}

function groupsFromExtra(
  rows: readonly { readonly row: number; readonly extra: Readonly<Record<string, string>> }[],
  by: string | undefined,
): string[] | null {
  if (by === undefined) return null;
  const key = by.toLowerCase();
  if (rows.length > 0 && !(key in rows[0].extra)) missingColumn(by, `columns: ${Object.keys(rows[0].extra).join(', ') || 'none besides the data'}`);
  return rows.map((r) => {
    const g = r.extra[key].trim();
    if (g === '') throw new PoolInputError(`row ${r.row}, column ${by}: empty group label`);
    return g;
  });
}

/**
 * The one place input becomes effect sizes (pool, and the CLI's bias / leave1out / cumulative): proportions →
 * PR/PLO/PAS/PFT, generic → GEN, the study table → the poolable rows of `options.outcome`.
 * Throws PoolInputError on bad input.
 */
export function prepare(input: AnalysisInput, options: PoolOptions): Prepared {
  if (input.problems.length > 0) throw new PoolInputError(formatProblem(input.problems[0]));
  switch (input.kind) {
    case 'unknown':
      throw new PoolInputError('no rows');
    case 'studies':
      return prepareStudies(input.records, options);
    case 'proportions': {
      if (input.rows.length === 0) throw new PoolInputError('no rows');
      const measure = checkProportionMeasure(options.measure ?? 'PLO');
      return {
        effects: input.rows.map((r) => proportionEffect(r.study, r.events, r.n, measure)),
        groups: groupsFromExtra(input.rows, options.by),
        measure,
        extraWarnings: [],
      };
    }
    case 'generic': {
      if (input.rows.length === 0) throw new PoolInputError('no rows');
      const measure = options.measure ?? 'GEN';
      if (measure !== 'GEN') throw new PoolInputError(`invalid --measure: ${measure} (study,yi,vi input is pooled as GEN)`);
      return {
        effects: input.rows.map((r) => genericEffect(r.study, r.yi, r.vi)),
        groups: groupsFromExtra(input.rows, options.by),
        measure,
        extraWarnings: [],
      };
    }
  }
}

function withWarnings<T extends FitResult>(r: T, extra: readonly Warning[]): T {
  return extra.length === 0 ? r : { ...r, warnings: [...r.warnings, ...extra] };
}

/**
 * Pool parsed rows (readAnalysisInput's result) with the CLI's options and return exactly the object the CLI
 * prints: proportions (study,events,n) → PR/PLO/PAS/PFT; generic (study,yi,vi) → GEN; the study table → the
 * poolable rows of `outcome` as events / n (a ratio outcome such as hazard_ratio: log ratio with the SE from its
 * 95% CI, shown by exp), with the rows left out in `excluded`. With `by`: the overall fit,
 * one fit per subgroup (own τ²) and the between-subgroup Q test. Throws PoolInputError on bad input.
 */
export function pool(input: AnalysisInput, options: PoolOptions): PoolOutput {
  const p = prepare(input, options);
  const fitOptions = { measure: p.measure, method: options.method, test: options.test, exponentiate: p.exponentiate };
  const tail = {
    ...(p.outcome === undefined ? {} : { outcome: p.outcome }),
    ...(p.excluded === undefined ? {} : { excluded: p.excluded }),
  };
  // small-k guard-rails (guardRails.ts) follow each fit's own warnings
  const guard = <T extends FitResult>(r: T, es: readonly EffectSize[]): T =>
    withWarnings(r, [...p.extraWarnings, ...guardRails(r, es)]);
  if (p.groups === null) return { ...guard(fit(p.effects, fitOptions), p.effects), ...tail };
  const groups = p.groups;
  const s = fitSubgroups(p.effects, groups, fitOptions);
  return {
    overall: guard(s.overall, p.effects),
    subgroups: s.subgroups.map((g) => guard(g, p.effects.filter((_, i) => groups[i] === g.group))),
    Q_between: s.Q_between,
    Q_between_df: s.Q_between_df,
    Q_between_p: s.Q_between_p,
    ...tail,
  };
}
