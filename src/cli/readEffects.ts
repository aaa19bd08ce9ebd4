/**
 * CLI input → effect sizes and fit options for the commands that refit one set of studies (bias, leave1out,
 * cumulative): `--input FILE [--measure ...] [--method ...] [--test ...] [--outcome NAME]` with pool's names and
 * defaults (PLO for study,events,n and the study table; GEN for study,yi,vi; REML; knha). The preparation itself is
 * pool's own (`prepare` in src/meta/pool.ts), so every command reads input the same way.
 */
import { readAnalysisInput } from '../data/readAnalysisInput.ts';
import { prepare } from '../meta/pool.ts';
import { PoolInputError } from '../meta/poolInputError.ts';
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

export function readEffects(args: Args, _command: string): EffectsInput {
  const path = requireOption(args, 'input');
  const measureFlag = option(args, 'measure');
  const method = choice(args, 'method', METHODS, 'REML');
  const test = choice(args, 'test', TESTS, 'knha');
  const input = readAnalysisInput(readInput(path));
  let prepared;
  try {
    prepared = prepare(input, {
      measure: measureFlag === undefined ? undefined : choice(args, 'measure', MEASURES, 'PLO'),
      method,
      test,
      outcome: option(args, 'outcome'),
    });
  } catch (err) {
    if (err instanceof PoolInputError) throw new CliError(`${path}: ${err.message}`);
    throw err;
  }
  const { effects, measure, records } = prepared;
  const column = (name: string): readonly ColumnCell[] => {
    const key = name.toLowerCase();
    if (records !== undefined) {
      if (!(key in records[0])) throw new CliError(`${path}: column ${name}: not found (a study-table column)`);
      return records.map((r) => {
        const v = (r as unknown as Record<string, unknown>)[key];
        return { row: r.row, value: v === null || v === undefined ? '' : String(v) };
      });
    }
    if (input.kind !== 'proportions' && input.kind !== 'generic') return [];
    const rows = input.rows;
    if (key === 'study') return rows.map((r) => ({ row: r.row, value: r.study }));
    if (!(key in rows[0].extra)) {
      const others = Object.keys(rows[0].extra).join(', ') || 'none besides the data';
      throw new CliError(`${path}: column ${name}: not found (columns: ${others})`);
    }
    return rows.map((r) => ({ row: r.row, value: r.extra[key] }));
  };
  return { path, effects, options: { measure, method, test }, column };
}
