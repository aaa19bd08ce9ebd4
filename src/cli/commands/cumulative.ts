/**
 * `nelm cumulative --input FILE --order COLUMN [--measure ...] [--method ...] [--test ...]`: cumulative
 * meta-analysis with the studies sorted by COLUMN (numerically when every cell is a number, else as text; ties keep
 * the file's order), `{measure, method, test, order, rows: [{study (added), k, estimate, se, ci, pi, tau2, I2, Q, Q_p}]}`.
 */
import { parseNumber } from '../../data/parseNumber.ts';
import { cumulative } from '../../meta/cumulative.ts';
import { CliError, json, requireOption, type Args } from '../args.ts';
import { readEffects } from '../readEffects.ts';

export function run(args: Args): string {
  const { path, effects, options, column } = readEffects(args, 'cumulative');
  const name = requireOption(args, 'order');
  const cells = column(name);
  const empty = cells.find((c) => c.value.trim() === '');
  if (empty) throw new CliError(`${path}: row ${empty.row}, column ${name}: empty order value`);
  const numbers = cells.map((c) => parseNumber(c.value));
  const keys = numbers.every((x) => x !== null) ? numbers as number[] : cells.map((c) => c.value.trim());
  return json({ ...options, order: name, rows: cumulative(effects, options, keys) });
}
