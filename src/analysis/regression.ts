/**
 * Meta-regression of one analysis: the included rows of an `Analysis` (the same selection, exclusions and effect
 * sizes as every view) with the values of the chosen moderators → metaRegression (src/meta/metaRegression.ts, as
 * metafor's rma(yi, vi, mods = ~ …)). A moderator is, by name (case-insensitive): a field of the study table
 * (`year`, `n`, `design`, …), a column added to the study table, a moderator of the moderator table
 * (public/moderators.csv, joined by cohort_id), or an extra column of an uploaded study,events,n / study,yi,vi file.
 * Cells that are empty or NA are missing; a moderator whose every present value is a number is continuous,
 * otherwise categorical (dummies against its first level in sorted order).
 */
import type { ModeratorRecord } from '../data/readModerators.ts';
import { parseNumber } from '../data/parseNumber.ts';
import type { AnalysisInput } from '../data/types.ts';
import { backTransformValue, harmonicMeanN } from '../meta/backTransform.ts';
import type { ModeratorColumn, ModeratorValue } from '../meta/designMatrix.ts';
import { ECOLOGICAL_FALLACY } from '../meta/ecologicalFallacy.ts';
import { metaRegression, type MetaRegressionResult, type RegressionTest } from '../meta/metaRegression.ts';
import { permutationTest, type PermutationResult } from '../meta/permutationTest.ts';
import { PoolInputError } from '../meta/poolInputError.ts';
import { predictAlong, predictMetaRegression } from '../meta/predictMetaRegression.ts';
import type { Interval, Measure, Method, Warning } from '../meta/types.ts';
import { analyseStrict, includedRows, type Analysis } from './analyse.ts';
import type { SelectedRow } from './selection.ts';
import type { AnalysisSpec } from './spec.ts';

export interface RegressionRequest {
  /** moderator names, in the order of the coefficients */
  readonly mods: readonly string[];
  /** FE or a τ² estimator (default REML) */
  readonly method?: Method;
  /** default knha */
  readonly test?: RegressionTest;
  /** with a number: the permutation test of the moderators (metafor's permutest), that many permutations */
  readonly permutations?: number;
  /** seed of the permutation test (default 1) */
  readonly seed?: number;
}

/** Where moderator values come from besides the rows of the analysis themselves. */
export interface ModeratorSources {
  /** the rows' file: the extra columns of an upload (the study table's fields come with its records) */
  readonly input: AnalysisInput;
  /** columns of the study table that are not fields of its records: cells by spreadsheet row, lowercase names */
  readonly addedColumns?: ReadonlyMap<number, Readonly<Record<string, string>>>;
  /** the moderator table (public/moderators.csv), joined to study-table rows by cohort_id */
  readonly moderators?: readonly ModeratorRecord[];
  /** text cells use a decimal comma (a ';'-separated file) */
  readonly decimalComma?: boolean;
}

/** Where a moderator's values were found. */
export type ModeratorOrigin = 'study table' | 'added column' | 'moderator table' | 'file column';

export interface RegressionRow {
  readonly key: string;
  /** spreadsheet row of the file */
  readonly row: number;
  /** its exclusion unit (cohort_id of the study table) */
  readonly unit: string;
  readonly label: string;
  /** the effect on the analysis scale */
  readonly yi: number;
  readonly vi: number;
  /** one value per moderator (null: missing) */
  readonly values: readonly ModeratorValue[];
  /** per moderator, the moderator-table row the value came from (null for other sources or a missing value) */
  readonly provenance: readonly (ModeratorRecord | null)[];
  /** null when the row is in the model; why it left otherwise (a missing moderator value) */
  readonly reason: string | null;
  /** percent of the model's total weight; null when not in the model */
  readonly weight: number | null;
}

export interface ExcludedRegressionRow {
  readonly row: number;
  readonly key: string;
  readonly study: string;
  readonly reason: string;
}

export interface RegressionAnalysis {
  readonly mods: readonly string[];
  readonly origins: readonly ModeratorOrigin[];
  readonly measure: Measure;
  /** ratio outcomes: log scale, shown by exp */
  readonly exponentiate: boolean;
  /** harmonic mean of n of the model's studies (the PFT back-transform), NaN otherwise */
  readonly nHarmonic: number;
  /** the included rows of the analysis in file order, those without every moderator value too */
  readonly rows: readonly RegressionRow[];
  readonly result: MetaRegressionResult;
  readonly permutation: PermutationResult | null;
  /** rows that left the model, by spreadsheet row */
  readonly excluded: readonly ExcludedRegressionRow[];
  /** the data's caveats shared with the pooled fit, then the regression's guard-rails */
  readonly warnings: readonly Warning[];
  /** the ecological-fallacy caveat shown beside every meta-regression */
  readonly caveat: string;
}

/** Warnings of the data or the effect sizes that a regression on the same effects shares with the pooled fit. */
const SHARED_WARNINGS = ['km_as_binomial', 'ratio_ci_as_95', 'continuity_correction', 'pft_backtransform'];

const isMissingCell = (s: string): boolean => s.trim() === '' || s.trim().toUpperCase() === 'NA';

/** Text cells → moderator values: a column whose every present cell is a number is numeric. */
function fromCells(cells: readonly string[], decimalComma: boolean): ModeratorValue[] {
  const numbers = cells.map((c) => (isMissingCell(c) ? null : parseNumber(c, { decimalComma })));
  const numeric = cells.every((c, i) => isMissingCell(c) || numbers[i] !== null);
  return cells.map((c, i) => (isMissingCell(c) ? null : numeric ? numbers[i] : c.trim()));
}

interface Found {
  readonly origin: ModeratorOrigin;
  readonly values: ModeratorValue[];
  readonly provenance: (ModeratorRecord | null)[];
}

/** The values of moderator `name` for `rows`; PoolInputError when no source has it. */
function moderatorValues(name: string, rows: readonly SelectedRow[], sources: ModeratorSources): Found {
  const key = name.toLowerCase();
  const decimalComma = sources.decimalComma ?? false;
  const none = () => rows.map(() => null);
  const { input } = sources;
  if (input.kind === 'studies') {
    const sample = input.records[0];
    if (sample !== undefined && Object.hasOwn(sample, key)) {
      const cells = rows.map((r) => {
        const v: unknown = r.record === null ? null : (r.record as unknown as Readonly<Record<string, unknown>>)[key];
        return v === null || v === undefined ? '' : String(v);
      });
      return { origin: 'study table', values: fromCells(cells, false), provenance: none() };
    }
    const added = sources.addedColumns;
    const firstAdded = added?.values().next().value;
    if (added !== undefined && firstAdded !== undefined && Object.hasOwn(firstAdded, key)) {
      const cells = rows.map((r) => added.get(r.row)?.[key] ?? '');
      return { origin: 'added column', values: fromCells(cells, decimalComma), provenance: none() };
    }
    const table = (sources.moderators ?? []).filter((m) => m.moderator.toLowerCase() === key);
    if (table.length > 0) {
      const byCohort = new Map(table.map((m) => [m.cohort_id, m]));
      const provenance = rows.map((r) => byCohort.get(r.unit) ?? null);
      return { origin: 'moderator table', values: provenance.map((m) => m?.value ?? null), provenance };
    }
    const also = sources.moderators === undefined ? '' : ' or a moderator of the moderator table';
    throw new PoolInputError(`column ${name.slice(0, 60)}: not found (a study-table column${also})`);
  }
  if (input.kind !== 'proportions' && input.kind !== 'generic') return { origin: 'file column', values: none(), provenance: none() };
  if (key === 'study') return { origin: 'file column', values: fromCells(rows.map((r) => r.study), decimalComma), provenance: none() };
  const extra = new Map<number, Readonly<Record<string, string>>>(input.rows.map((r) => [r.row, r.extra]));
  const sample = input.rows[0]?.extra ?? {};
  if (!Object.hasOwn(sample, key)) {
    const others = Object.keys(sample).join(', ') || 'none besides the data';
    throw new PoolInputError(`column ${name.slice(0, 60)}: not found (columns: ${others})`);
  }
  const cells = rows.map((r) => extra.get(r.row)?.[key] ?? '');
  return { origin: 'file column', values: fromCells(cells, decimalComma), provenance: none() };
}

/**
 * The meta-regression of `analysis`'s included rows on `request.mods`. Throws PoolInputError when nothing is left
 * to pool, a moderator is not found, constant or collinear, or too few studies have every moderator value.
 */
export function regressionOf(
  analysis: Analysis, request: RegressionRequest, sources: ModeratorSources,
): RegressionAnalysis {
  if (analysis.pooled === null) throw new PoolInputError(analysis.error ?? 'nothing to pool');
  const included = includedRows(analysis);
  const byKey = new Map(analysis.effects.map((e) => [e.key, e.effect]));
  const effects = included.map((r) => byKey.get(r.key)!);
  const found = request.mods.map((name) => moderatorValues(name, included, sources));
  const moderators: ModeratorColumn[] = request.mods.map((name, j) => ({ name, values: found[j].values }));
  const { measure, exponentiate } = analysis.spec;
  const result = metaRegression(effects, moderators, {
    measure, method: request.method ?? 'REML', test: request.test ?? 'knha',
  });
  const seed = request.seed === undefined ? {} : { seed: request.seed };
  const permutation = request.permutations === undefined
    ? null
    : permutationTest(result, { iterations: request.permutations, ...seed });
  const reasonOf = new Map(result.excluded.map((e) => [e.index, e.reason]));
  const weightOf = new Map(result.studies.map((s) => [s.index, s.weight]));
  const rows: RegressionRow[] = included.map((r, i) => ({
    key: r.key, row: r.row, unit: r.unit, label: r.label, yi: effects[i].yi, vi: effects[i].vi,
    values: found.map((f) => f.values[i]), provenance: found.map((f) => f.provenance[i]),
    reason: reasonOf.get(i) ?? null, weight: weightOf.get(i) ?? null,
  }));
  const shared = analysis.pooled.overall.warnings.filter((w) => SHARED_WARNINGS.includes(w.code));
  return {
    mods: [...request.mods],
    origins: found.map((f) => f.origin),
    measure,
    exponentiate,
    nHarmonic: measure === 'PFT' ? harmonicMeanN(result.studies.map((s) => effects[s.index])) : Number.NaN,
    rows,
    result,
    permutation,
    excluded: result.excluded.map((e) => ({
      row: included[e.index].row, key: included[e.index].key, study: e.study, reason: e.reason,
    })),
    warnings: [...analysis.spec.warnings, ...shared, ...result.warnings],
    caveat: ECOLOGICAL_FALLACY,
  };
}

/** analyse() (strict: unknown exclusion ids and empty selections are errors) and its meta-regression. */
export function analyseRegression(
  input: AnalysisInput, spec: AnalysisSpec, request: RegressionRequest, sources: Omit<ModeratorSources, 'input'> = {},
): RegressionAnalysis {
  return regressionOf(analyseStrict(input, spec), request, { ...sources, input });
}

/** The permutation test of a regression (metafor's permutest), e.g. on request in the app. */
export function permutationOf(ra: RegressionAnalysis, iterations: number, seed?: number): PermutationResult {
  return permutationTest(ra.result, { iterations, ...(seed === undefined ? {} : { seed }) });
}

/** An analysis-scale value on the display scale: a proportion (PLO, PAS, PFT, PR), a ratio (exp), or as is (GEN). */
export function regressionDisplay(ra: RegressionAnalysis, y: number): number {
  return backTransformValue(ra.measure, y, ra.nHarmonic, ra.exponentiate);
}

export interface RegressionLinePoint {
  readonly x: number;
  /** analysis scale */
  readonly pred: number;
  readonly ci: Interval;
  readonly pi: Interval | null;
  /** display scale (back-transformed) */
  readonly display: { readonly estimate: number; readonly ci: Interval };
}

/**
 * The fitted line along continuous moderator `moderator` with its 95% CI (and PI), `points` predictions over the
 * range of the model's studies (other moderators at their mean or reference level, as predictAlong), on the
 * analysis and the display scale. Empty for a categorical moderator.
 */
export function regressionLine(ra: RegressionAnalysis, moderator: string, points = 60): RegressionLinePoint[] {
  const term = ra.result.design.terms.find((t) => t.moderator === moderator);
  if (term === undefined || term.kind !== 'continuous') return [];
  const show = (y: number) => regressionDisplay(ra, y);
  return predictAlong(ra.result, moderator, points).map((p) => ({
    x: p.at[moderator] as number, pred: p.pred, ci: p.ci, pi: p.pi,
    display: { estimate: show(p.pred), ci: [show(p.ci[0]), show(p.ci[1])] },
  }));
}

export interface LevelPrediction {
  readonly level: string;
  readonly pred: number;
  readonly ci: Interval;
  readonly display: { readonly estimate: number; readonly ci: Interval };
}

/** The prediction at each level of categorical moderator `moderator` (a one-moderator model); empty otherwise. */
export function regressionLevels(ra: RegressionAnalysis, moderator: string): LevelPrediction[] {
  const terms = ra.result.design.terms;
  const term = terms.find((t) => t.moderator === moderator);
  if (term === undefined || term.kind !== 'categorical' || terms.length !== 1) return [];
  const show = (y: number) => regressionDisplay(ra, y);
  return predictMetaRegression(ra.result, term.levels!.map((level) => ({ [moderator]: level }))).map((p, i) => ({
    level: term.levels![i], pred: p.pred, ci: p.ci,
    display: { estimate: show(p.pred), ci: [show(p.ci[0]), show(p.ci[1])] },
  }));
}

export interface ModeratorCoverage {
  readonly name: string;
  readonly origin: ModeratorOrigin;
  /** included rows with a value */
  readonly present: number;
  /** distinct values among them */
  readonly distinct: number;
}

/** For each name that some source has: how many of `analysis`'s included rows have a value (names not found are left out). */
export function moderatorCoverage(
  analysis: Analysis, names: readonly string[], sources: ModeratorSources,
): ModeratorCoverage[] {
  const included = includedRows(analysis);
  return names.flatMap((name) => {
    let f: Found;
    try {
      f = moderatorValues(name, included, sources);
    } catch (err) {
      if (err instanceof PoolInputError) return [];
      throw err;
    }
    const present = f.values.filter((v) => v !== null && !(typeof v === 'number' && !Number.isFinite(v)));
    return [{ name, origin: f.origin, present: present.length, distinct: new Set(present.map(String)).size }];
  });
}
