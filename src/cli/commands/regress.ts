/**
 * `nelm regress --input FILE --mods COL[,COL…] [--measure ...] [--method FE|DL|REML|ML|PM|HE|SJ|EB] [--test z|knha]
 * [--outcome NAME] [--modality NAME] [--exclude ID[,ID…]] [--permutations N] [--seed N]`: mixed-effects
 * meta-regression of the effects on the moderator columns (src/meta/metaRegression.ts), as metafor's
 * rma(yi, vi, mods = ~ a + b). Prints `{k, measure, method, test, mods, coefficients: [{name, estimate, se, ci, p}],
 * tau2, I2, R2, QM, QM_df, QM_p, QE, QE_df, QE_p, df, permutation_p (with --permutations), permutation, excluded,
 * warnings, caveat}`. A column with any non-numeric value is categorical (dummies against its first level in sorted
 * order); rows with an empty (or NA) moderator cell leave the model and are listed in `excluded`.
 */
import { includedRows } from '../../analysis/index.ts';
import { parseCsv } from '../../data/parseCsv.ts';
import { parseNumber } from '../../data/parseNumber.ts';
import type { ModeratorColumn, ModeratorValue } from '../../meta/designMatrix.ts';
import { ECOLOGICAL_FALLACY } from '../../meta/ecologicalFallacy.ts';
import { metaRegression, type RegressionTest } from '../../meta/metaRegression.ts';
import { permutationTest } from '../../meta/permutationTest.ts';
import { PoolInputError } from '../../meta/poolInputError.ts';
import { METHODS, type EffectSize, type Measure, type Method, type Warning } from '../../meta/types.ts';
import { CliError, choice, json, option, readInput, requireOption, type Args } from '../args.ts';
import { includedColumn, readAnalysis, specOf, type ColumnCell } from '../analysisArgs.ts';

const REGRESSION_TESTS: readonly RegressionTest[] = ['z', 'knha'];
/** Warnings of the data or the effect sizes that a regression on the same effects shares with the pooled fit. */
const SHARED_WARNINGS = ['km_as_binomial', 'ratio_ci_as_95', 'continuity_correction', 'pft_backtransform'];

/** The studies of one analysis with their moderator cells: what the regression is fitted to. */
interface ModeratedEffects {
  readonly path: string;
  readonly measure: Measure;
  readonly effects: readonly EffectSize[];
  /** the file row of each effect (spreadsheet numbering) */
  readonly rows: readonly number[];
  /** the raw cells of each moderator, one per effect */
  readonly cells: readonly (readonly ColumnCell[])[];
  readonly warnings: readonly Warning[];
}

/** --mods a,b,c: column names, each once. */
function modsOption(args: Args): string[] {
  const names = requireOption(args, 'mods').split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw new CliError('option --mods needs at least one column name');
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n.toLowerCase())) throw new CliError(`invalid --mods: ${n.slice(0, 60)} is named twice`);
    seen.add(n.toLowerCase());
  }
  return names;
}

/** A whole-number option of at least `min`, or undefined when absent. */
function integerOption(args: Args, name: string, min: number): number | undefined {
  const v = option(args, name);
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isInteger(x) || x < min) throw new CliError(`invalid --${name}: ${v.slice(0, 60)} (a whole number, at least ${min})`);
  return x;
}

/** A study-table column that is not a field of the records (a column added to the table): its raw cells by row. */
function addedColumn(path: string, name: string, rows: readonly number[]): ColumnCell[] {
  const table = parseCsv(readInput(path));
  const header = table.header.find((h) => h.toLowerCase() === name.toLowerCase());
  if (header === undefined) throw new CliError(`${path}: column ${name.slice(0, 60)}: not found (a study-table column)`);
  const byRow = new Map(table.rows.map((r) => [r.row, r.cells[header] ?? '']));
  return rows.map((row) => ({ row, value: byRow.get(row) ?? '' }));
}

/**
 * Input rows → effect sizes and moderator cells, through the analysis layer (outcome, modality, exclusions and
 * effect sizes as every other command). The one place to change when the analysis carries moderators itself.
 */
function moderatedEffects(args: Args, mods: readonly string[]): ModeratedEffects {
  const cli = readAnalysis(args, specOf(args, METHODS));
  const { path, analysis } = cli;
  const byKey = new Map(analysis.effects.map((e) => [e.key, e.effect]));
  const rows = includedRows(analysis);
  const effects = rows.map((r) => byKey.get(r.key)!);
  const cells = mods.map((name) => {
    try {
      return includedColumn(cli, name);
    } catch (err) {
      if (err instanceof CliError && cli.input.kind === 'studies') return addedColumn(path, name, rows.map((r) => r.row));
      throw err;
    }
  });
  const fitWarnings = analysis.pooled.overall.warnings.filter((w) => SHARED_WARNINGS.includes(w.code));
  const warnings = [...analysis.spec.warnings, ...fitWarnings];
  return { path, measure: analysis.spec.measure, effects, rows: rows.map((r) => r.row), cells, warnings };
}

/** Cells → moderator values: empty or NA is missing; a column whose every other cell is a number is numeric. */
function moderatorOf(name: string, cells: readonly ColumnCell[], decimalComma: boolean): ModeratorColumn {
  const missing = (c: ColumnCell) => c.value.trim() === '' || c.value.trim().toUpperCase() === 'NA';
  const numbers = cells.map((c) => (missing(c) ? null : parseNumber(c.value, { decimalComma })));
  const numeric = cells.every((c, i) => missing(c) || numbers[i] !== null);
  const values: ModeratorValue[] = cells.map((c, i) => (missing(c) ? null : numeric ? numbers[i] : c.value.trim()));
  return { name, values };
}

export function run(args: Args): string {
  const mods = modsOption(args);
  const test = choice(args, 'test', REGRESSION_TESTS, 'knha');
  const method: Method = choice(args, 'method', METHODS, 'REML');
  const permutations = integerOption(args, 'permutations', 2);
  const seed = integerOption(args, 'seed', 0);
  if (seed !== undefined && permutations === undefined) throw new CliError('option --seed applies with --permutations only');

  const input = moderatedEffects(args, mods);
  const decimalComma = parseCsv(readInput(input.path)).delimiter === ';';
  const moderators = mods.map((name, j) => moderatorOf(name, input.cells[j], decimalComma));
  let result;
  try {
    result = metaRegression(input.effects, moderators, { measure: input.measure, method, test });
  } catch (err) {
    if (err instanceof PoolInputError) throw new CliError(`${input.path}: ${err.message}`);
    throw err;
  }
  const perm = permutations === undefined ? null : permutationTest(result, { iterations: permutations, seed });
  return json({
    k: result.k,
    measure: result.measure,
    method: result.method,
    test: result.test,
    mods,
    coefficients: result.coefficients.map((c) => ({ name: c.name, estimate: c.estimate, se: c.se, ci: c.ci, p: c.p })),
    tau2: result.tau2,
    I2: result.I2,
    R2: result.R2,
    QM: result.QM,
    QM_df: result.QM_df,
    QM_p: result.QM_p,
    QE: result.QE,
    QE_df: result.QE_df,
    QE_p: result.QE_p,
    df: result.df,
    ...(perm === null ? {} : {
      permutation_p: perm.QM_p,
      permutation: { iterations: perm.iterations, exact: perm.exact, seed: perm.seed, p: perm.p },
    }),
    excluded: result.excluded.map((e) => ({ row: input.rows[e.index], study: e.study, reason: e.reason })),
    warnings: [...input.warnings, ...result.warnings],
    caveat: ECOLOGICAL_FALLACY,
  });
}
