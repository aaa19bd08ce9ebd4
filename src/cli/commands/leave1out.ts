/**
 * `nelm leave1out --input FILE [--measure ...] [--method ...] [--test ...]`: the model refitted without each study
 * in turn, `{measure, method, test, rows: [{study (left out), k, estimate, se, ci, pi, tau2, I2, Q, Q_p}]}`.
 */
import { leave1out } from '../../meta/leave1out.ts';
import { CliError, json, type Args } from '../args.ts';
import { readEffects } from '../readEffects.ts';

export function run(args: Args): string {
  const { path, effects, options } = readEffects(args, 'leave1out');
  if (effects.length < 2) throw new CliError(`${path}: leave1out needs at least 2 studies (got ${effects.length})`);
  return json({ ...options, rows: leave1out(effects, options) });
}
