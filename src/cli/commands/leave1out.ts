/**
 * `nelm leave1out --input FILE [--measure ...] [--method ...] [--test ...] [--outcome NAME] [--modality NAME]
 * [--exclude ID[,ID…]]`: the model refitted without each study in turn,
 * `{measure, method, test, rows: [{study (left out), k, estimate, se, ci, pi, tau2, I2, Q, Q_p}]}`.
 */
import { includedEffects, leaveOneOutOf, refitOptions } from '../../analysis/index.ts';
import { METHODS } from '../../meta/types.ts';
import { CliError, json, type Args } from '../args.ts';
import { readAnalysis, specOf, withDropped } from '../analysisArgs.ts';

export function run(args: Args): string {
  const { path, analysis, dropped } = readAnalysis(args, specOf(args, METHODS));
  const k = includedEffects(analysis).length;
  if (k < 2) throw new CliError(`${path}: leave1out needs at least 2 studies (got ${k})`);
  return json(withDropped(dropped, { ...refitOptions(analysis), rows: leaveOneOutOf(analysis) }));
}
