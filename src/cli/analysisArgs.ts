/**
 * CLI options → AnalysisSpec → Analysis, for every command that analyses one set of studies (pool, bias, leave1out,
 * cumulative, sensitivity): `--input FILE [--outcome NAME] [--modality NAME] [--measure ...] [--method ...]
 * [--test ...] [--by COLUMN] [--exclude ID[,ID…]] [--tau-prior-scale S] [--drop-invalid]`, with pool's names and
 * defaults (PLO for study,events,n and the study table; GEN for study,yi,vi; REML; knha).
 */
import { analyseStrict, ANALYSIS_METHODS, type Analysis, type AnalysisMethod, type AnalysisSpec, type Pooled } from '../analysis/index.ts';
import { formatProblem } from '../data/formatProblem.ts';
import { parseCsv } from '../data/parseCsv.ts';
import { readAnalysisInput } from '../data/readAnalysisInput.ts';
import type { AnalysisInput, Problem } from '../data/types.ts';
import { PoolInputError } from '../meta/poolInputError.ts';
import { MEASURES, TESTS, type Measure, type Warning } from '../meta/types.ts';
import { CliError, choice, flag, option, readInput, requireOption, type Args } from './args.ts';

export interface CliAnalysis {
  readonly path: string;
  readonly input: AnalysisInput;
  readonly analysis: Analysis & { readonly pooled: Pooled };
  /** rows left out by --drop-invalid, one warning each (empty without it) */
  readonly dropped: readonly DroppedRow[];
}

/** A row --drop-invalid left out: `invalid_row_dropped`, its row and what was wrong with it. */
export interface DroppedRow extends Warning {
  readonly row: number;
}

/** The input file, read and checked: its path, its text and what the reader made of it, minus --drop-invalid's rows. */
export interface CliInput<T extends { readonly problems: readonly Problem[] }> {
  readonly path: string;
  readonly text: string;
  readonly input: T;
  readonly dropped: readonly DroppedRow[];
}

/** One warning per row with problems (in row order), naming each problem. */
function droppedRows(problems: readonly Problem[]): DroppedRow[] {
  const byRow = new Map<number, string[]>();
  for (const p of problems) {
    const what = p.column ? `column ${p.column}: ${p.message}` : p.message;
    const list = byRow.get(p.row);
    if (list) list.push(what);
    else byRow.set(p.row, [what]);
  }
  return [...byRow].sort((a, b) => a[0] - b[0]).map(([row, what]) => ({
    code: 'invalid_row_dropped', row, message: `row ${row} left out (--drop-invalid): ${what.join('; ')}`,
  }));
}

/**
 * Reads --input with `read` (readAnalysisInput unless the command has its own reader). Without --drop-invalid the
 * input is returned as read, and its first problem stops the analysis (exit 2). With --drop-invalid, invalid rows
 * (already left out by the reader) become warnings and the problems are cleared, as metafor omits rows with NAs and
 * warns; a problem of the whole file or its header (row 0, the header row, an unrecognised header) still stops it.
 */
export function readValidInput<T extends { readonly kind: string; readonly problems: readonly Problem[] }>(
  args: Args, read: (text: string) => T,
): CliInput<T> {
  const path = requireOption(args, 'input');
  const text = readInput(path);
  const input = read(text);
  if (input.problems.length === 0 || !flag(args, 'drop-invalid')) return { path, text, input, dropped: [] };
  const headerRow = parseCsv(text).headerRow;
  const fatal = input.kind === 'unknown' ? input.problems[0] : input.problems.find((p) => p.row <= headerRow);
  if (fatal !== undefined) throw new CliError(`${path}: ${formatProblem(fatal)} (--drop-invalid leaves out rows, not a broken header or file)`);
  return { path, text, input: { ...input, problems: [] }, dropped: droppedRows(input.problems) };
}

/** `out` with the dropped rows first in its `warnings` (added when it has none); unchanged when nothing was dropped. */
export function withDropped<T extends Readonly<Record<string, unknown>>>(dropped: readonly DroppedRow[], out: T): T {
  if (dropped.length === 0) return out;
  const own: unknown = out.warnings;
  return { ...out, warnings: [...dropped, ...(Array.isArray(own) ? own : [])] };
}

/** A positive finite number option (--tau-prior-scale). */
export function positiveNumber(args: Args, name: string): number | undefined {
  const v = option(args, name);
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!(x > 0) || !Number.isFinite(x)) throw new CliError(`invalid --${name}: ${v.slice(0, 60)} (a positive number)`);
  return x;
}

/** --exclude a,b,c: cohort ids or row ids (study table), row numbers (other files). */
function excludeIds(args: Args): string[] {
  const v = option(args, 'exclude');
  if (v === undefined) return [];
  const ids = v.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (ids.length === 0) throw new CliError('option --exclude needs at least one id');
  return ids;
}

/** The spec the options describe (`methods`: the --method values this command accepts). */
export function specOf(args: Args, methods: readonly AnalysisMethod[] = ANALYSIS_METHODS): AnalysisSpec {
  const measureFlag = option(args, 'measure');
  const measure: Measure | undefined = measureFlag === undefined ? undefined : choice(args, 'measure', MEASURES, 'PLO');
  const tauPriorScale = positiveNumber(args, 'tau-prior-scale');
  const by = option(args, 'by');
  const outcome = option(args, 'outcome');
  const modality = option(args, 'modality');
  return {
    method: choice(args, 'method', methods, 'REML'),
    test: choice(args, 'test', TESTS, 'knha'),
    ...(measure === undefined ? {} : { measure }),
    ...(tauPriorScale === undefined ? {} : { tauPriorScale }),
    ...(by === undefined ? {} : { by }),
    ...(outcome === undefined ? {} : { outcome }),
    ...(modality === undefined ? {} : { modality }),
    exclude: excludeIds(args),
  };
}

/** Reads --input (readValidInput) and analyses it; bad input → CliError naming the file. */
export function readAnalysis(args: Args, spec: AnalysisSpec = specOf(args)): CliAnalysis {
  const { path, input, dropped } = readValidInput(args, readAnalysisInput);
  try {
    return { path, input, analysis: analyseStrict(input, spec), dropped };
  } catch (err) {
    if (err instanceof PoolInputError) throw new CliError(`${path}: ${err.message}`);
    throw err;
  }
}

/** One cell of a named column, with the spreadsheet row it came from. */
export interface ColumnCell {
  readonly row: number;
  readonly value: string;
}

/** The cells of column `name` (case-insensitive) for the included rows, in file order; CliError if there is none. */
export function includedColumn(cli: CliAnalysis, name: string): ColumnCell[] {
  const { path, input, analysis } = cli;
  const rows = analysis.rows.filter((r) => r.status === 'included');
  const key = name.toLowerCase();
  if (input.kind === 'studies') {
    const first = rows[0]?.record;
    if (first === undefined || first === null || !Object.hasOwn(first, key)) {
      throw new CliError(`${path}: column ${name.slice(0, 60)}: not found (a study-table column)`);
    }
    return rows.map((r) => {
      const v: unknown = (r.record as unknown as Readonly<Record<string, unknown>>)[key];
      return { row: r.row, value: v === null || v === undefined ? '' : String(v) };
    });
  }
  if (input.kind !== 'proportions' && input.kind !== 'generic') return [];
  const extraByRow = new Map<number, Readonly<Record<string, string>>>();
  for (const r of input.rows) extraByRow.set(r.row, r.extra);
  if (key === 'study') return rows.map((r) => ({ row: r.row, value: r.study }));
  const sample = input.rows[0]?.extra ?? {};
  if (!Object.hasOwn(sample, key)) {
    const others = Object.keys(sample).join(', ') || 'none besides the data';
    throw new CliError(`${path}: column ${name.slice(0, 60)}: not found (columns: ${others})`);
  }
  return rows.map((r) => ({ row: r.row, value: extraByRow.get(r.row)?.[key] ?? '' }));
}
