/**
 * CLI input → effect sizes and fit options for the commands that refit one set of studies (bias, leave1out,
 * cumulative): `--input FILE [--measure ...] [--method ...] [--test ...]` with pool's names and defaults
 * (PLO for study,events,n; GEN for study,yi,vi; REML; knha). A small counterpart of the preparation inside
 * src/meta/pool.ts (which is not exported); the study table (one --outcome) is left to `pool` for now.
 */
import { formatProblem } from '../data/formatProblem.ts';
import { readAnalysisInput } from '../data/readAnalysisInput.ts';
import { genericEffect, proportionEffect } from '../meta/effectSizes.ts';
import { MEASURES, METHODS, TESTS, type EffectSize, type FitOptions } from '../meta/types.ts';
import { CliError, choice, option, readInput, requireOption, type Args } from './args.ts';

/** One cell of a named column, with the spreadsheet row it came from. */
export interface ColumnCell {
  readonly row: number;
  readonly value: string;
}

export interface EffectsInput {
  readonly path: string;
  readonly effects: readonly EffectSize[];
  readonly options: FitOptions;
  /** the cells of column `name` (case-insensitive), one per study in input order; CliError if there is no such column */
  readonly column: (name: string) => readonly ColumnCell[];
}

export function readEffects(args: Args, command: string): EffectsInput {
  const path = requireOption(args, 'input');
  const measureFlag = option(args, 'measure');
  const method = choice(args, 'method', METHODS, 'REML');
  const test = choice(args, 'test', TESTS, 'knha');
  const input = readAnalysisInput(readInput(path));
  if (input.problems.length > 0) throw new CliError(`${path}: ${formatProblem(input.problems[0])}`);
  if (input.kind === 'unknown') throw new CliError(`${path}: no rows`);
  if (input.kind === 'studies') {
    throw new CliError(`${path}: ${command} reads study,events,n or study,yi,vi files, not the study table`);
  }
  if (input.rows.length === 0) throw new CliError(`${path}: no rows`);
  let effects: EffectSize[];
  let measure: FitOptions['measure'];
  if (input.kind === 'proportions') {
    const m = measureFlag === undefined ? 'PLO' : choice(args, 'measure', MEASURES, 'PLO');
    if (m === 'GEN') throw new CliError('invalid --measure: GEN needs study,yi,vi input (events/n need PR, PLO, PAS or PFT)');
    measure = m;
    effects = input.rows.map((r) => proportionEffect(r.study, r.events, r.n, m));
  } else {
    measure = measureFlag === undefined ? 'GEN' : choice(args, 'measure', MEASURES, 'GEN');
    if (measure !== 'GEN') throw new CliError(`invalid --measure: ${measure} (study,yi,vi input is pooled as GEN)`);
    effects = input.rows.map((r) => genericEffect(r.study, r.yi, r.vi));
  }
  const rows = input.rows;
  const column = (name: string): readonly ColumnCell[] => {
    const key = name.toLowerCase();
    if (key === 'study') return rows.map((r) => ({ row: r.row, value: r.study }));
    if (!(key in rows[0].extra)) {
      const others = Object.keys(rows[0].extra).join(', ') || 'none besides the data';
      throw new CliError(`${path}: column ${name}: not found (columns: ${others})`);
    }
    return rows.map((r) => ({ row: r.row, value: r.extra[key] }));
  };
  return { path, effects, options: { measure, method, test }, column };
}
