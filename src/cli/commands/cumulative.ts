/**
 * `nelm cumulative --input FILE --order COLUMN [--measure ...] [--method ...] [--test ...] [--outcome NAME]
 * [--modality NAME] [--exclude ID[,ID…]]`: cumulative meta-analysis with the studies sorted by COLUMN (numerically
 * when every cell is a number, else as text; ties keep the file's order),
 * `{measure, method, test, order, rows: [{study (added), k, estimate, se, ci, pi, tau2, I2, Q, Q_p}]}`.
 */
import { cumulativeOf, refitOptions } from '../../analysis/index.ts';
import { parseNumber } from '../../data/parseNumber.ts';
import { METHODS } from '../../meta/types.ts';
import { CliError, json, requireOption, type Args } from '../args.ts';
import { includedColumn, readAnalysis, specOf, withDropped } from '../analysisArgs.ts';

export function run(args: Args): string {
  const cli = readAnalysis(args, specOf(args, METHODS));
  const name = requireOption(args, 'order');
  const cells = includedColumn(cli, name);
  const empty = cells.find((c) => c.value.trim() === '');
  if (empty) throw new CliError(`${cli.path}: row ${empty.row}, column ${name.slice(0, 60)}: empty order value`);
  const numbers = cells.map((c) => parseNumber(c.value));
  const keys = numbers.every((x) => x !== null) ? numbers as number[] : cells.map((c) => c.value.trim());
  const rows = cumulativeOf(cli.analysis, keys);
  return json(withDropped(cli.dropped, { ...refitOptions(cli.analysis), order: name, rows }));
}
