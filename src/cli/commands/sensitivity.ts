/**
 * `nelm sensitivity --input FILE [--outcome NAME] [--threshold X] [--tau-prior-scale S]`: the pooled proportion
 * under the GLMM, PLO/PAS/PFT × DL/REML/PM × z/knha and the Bayesian model, with `disagree: true` when they spread
 * by more than the threshold (default 0.05). Input: study,events,n or the study table (one --outcome). JSON out.
 */
import { readAnalysisInput } from '../../data/readAnalysisInput.ts';
import { PoolInputError } from '../../meta/index.ts';
import { binomialRows } from '../../meta/poolSmallK.ts';
import { sensitivity } from '../../meta/sensitivity.ts';
import { CliError, json, option, readInput, requireOption, type Args } from '../args.ts';

function positive(args: Args, name: string, allowZero: boolean): number | undefined {
  const v = option(args, name);
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isFinite(x) || x < 0 || (!allowZero && x === 0)) {
    throw new CliError(`invalid --${name}: ${v} (a ${allowZero ? 'non-negative' : 'positive'} number)`);
  }
  return x;
}

export function run(args: Args): string {
  const path = requireOption(args, 'input');
  const threshold = positive(args, 'threshold', true);
  const tauPriorScale = positive(args, 'tau-prior-scale', false);
  const input = readAnalysisInput(readInput(path));
  try {
    const rows = binomialRows(input, option(args, 'outcome'), 'sensitivity');
    return json({
      ...sensitivity(rows.studies, { threshold, tauPriorScale }),
      warnings: rows.warnings,
      ...(rows.outcome === undefined ? {} : { outcome: rows.outcome }),
      ...(rows.excluded === undefined ? {} : { excluded: rows.excluded }),
    });
  } catch (err) {
    if (err instanceof PoolInputError) throw new CliError(`${path}: ${err.message}`);
    throw err;
  }
}
