/**
 * `nelm regress --input FILE --mods COL[,COL…] [--measure ...] [--method FE|DL|REML|ML|PM|HE|SJ|EB] [--test z|knha]
 * [--outcome NAME] [--modality NAME] [--exclude ID[,ID…]] [--permutations N] [--seed N] [--moderators FILE]`:
 * mixed-effects meta-regression of the effects on the moderator columns, as metafor's rma(yi, vi, mods = ~ a + b),
 * through the analysis layer (src/analysis/regression.ts: the same selection, exclusions and effect sizes as `pool`).
 * Prints `{k, measure, method, test, mods, coefficients: [{name, estimate, se, ci, p}], tau2, I2, R2, QM, QM_df,
 * QM_p, QE, QE_df, QE_p, df, permutation_p (with --permutations), permutation, excluded, warnings, caveat}`. A column
 * with any non-numeric value is categorical (dummies against its first level in sorted order); rows with an empty
 * (or NA) moderator cell leave the model and are listed in `excluded`. With the study table, a moderator may also be
 * a column added to the table or a moderator of the moderator table (--moderators FILE; by default moderators.csv
 * beside the input, when there is one), joined by cohort_id.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { analyseRegression, type ModeratorSources, type RegressionAnalysis } from '../../analysis/regression.ts';
import { readAnalysisInput } from '../../data/readAnalysisInput.ts';
import { formatProblem } from '../../data/formatProblem.ts';
import { parseCsv } from '../../data/parseCsv.ts';
import { readModerators } from '../../data/readModerators.ts';
import type { RegressionTest } from '../../meta/metaRegression.ts';
import { PoolInputError } from '../../meta/poolInputError.ts';
import { METHODS, type Method } from '../../meta/types.ts';
import { CliError, choice, json, option, readInput, requireOption, userDirectory, type Args } from '../args.ts';
import { readValidInput, specOf, withDropped } from '../analysisArgs.ts';

const REGRESSION_TESTS: readonly RegressionTest[] = ['z', 'knha'];

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

/** The study table's columns that are not fields of its records, by spreadsheet row (lowercase names). */
function addedColumns(text: string, fields: ReadonlySet<string>): Map<number, Record<string, string>> {
  const table = parseCsv(text);
  const extra = table.header.filter((h) => h !== '' && !fields.has(h.toLowerCase()));
  return new Map(table.rows.map((r) => [r.row, Object.fromEntries(extra.map((h) => [h.toLowerCase(), r.cells[h] ?? '']))]));
}

/** --moderators FILE, or moderators.csv beside a study table: its valid rows (CliError naming the file's first problem). */
function moderatorTable(args: Args, inputPath: string): ModeratorSources['moderators'] {
  const given = option(args, 'moderators');
  const path = given ?? join(dirname(inputPath), 'moderators.csv');
  if (given === undefined && !existsSync(resolve(userDirectory(), path))) return undefined;
  const { records, problems } = readModerators(readInput(path));
  if (problems.length > 0) throw new CliError(`${path}: ${formatProblem(problems[0])}`);
  return records;
}

export function run(args: Args): string {
  const mods = modsOption(args);
  const test = choice(args, 'test', REGRESSION_TESTS, 'knha');
  const method: Method = choice(args, 'method', METHODS, 'REML');
  const permutations = integerOption(args, 'permutations', 2);
  const seed = integerOption(args, 'seed', 0);
  if (seed !== undefined && permutations === undefined) throw new CliError('option --seed applies with --permutations only');

  const { path, text, input, dropped } = readValidInput(args, readAnalysisInput);
  const spec = specOf(args, METHODS);
  if (option(args, 'moderators') !== undefined && input.kind !== 'studies') {
    throw new CliError('option --moderators applies to the study table only (it is joined by cohort_id)');
  }
  const studies = input.kind === 'studies';
  const fields = new Set(Object.keys(studies ? input.records[0] ?? {} : {}));
  const request = {
    mods, method, test,
    ...(permutations === undefined ? {} : { permutations }),
    ...(seed === undefined ? {} : { seed }),
  };
  let ra: RegressionAnalysis;
  try {
    ra = analyseRegression(input, spec, request, {
      decimalComma: parseCsv(text).delimiter === ';',
      ...(studies ? { addedColumns: addedColumns(text, fields), moderators: moderatorTable(args, path) } : {}),
    });
  } catch (err) {
    if (err instanceof PoolInputError) throw new CliError(`${path}: ${err.message}`);
    throw err;
  }
  const { result, permutation: perm } = ra;
  return json(withDropped(dropped, {
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
    excluded: ra.excluded.map((e) => ({ row: e.row, study: e.study, reason: e.reason })),
    warnings: ra.warnings,
    caveat: ra.caveat,
  }));
}
