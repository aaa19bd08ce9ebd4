/**
 * `nelm pool --input FILE [--measure PR|PLO|PAS|PFT|GEN] [--method FE|DL|REML|ML|PM|HE|SJ|EB|GLMM|BAYES]
 * [--test z|knha|adhoc] [--by COLUMN] [--outcome NAME] [--tau-prior-scale S]`: a meta-analysis of proportions
 * (study,events,n), generic effect sizes (study,yi,vi) or the study table (one --outcome), printed as one JSON object (see src/meta/pool.ts).
 */
import { readAnalysisInput } from '../../data/readAnalysisInput.ts';
import { PoolInputError, pool, type PoolOptions } from '../../meta/index.ts';
import { poolBayes, poolGlmm, type SmallKOptions } from '../../meta/poolSmallK.ts';
import { MEASURES, METHODS, TESTS, type Method } from '../../meta/types.ts';
import { CliError, choice, json, option, readInput, requireOption, type Args } from '../args.ts';

/** Methods handled by the inverse-variance engine; other engines (GLMM, Bayes) add their own branch below. */
type Runner = (input: ReturnType<typeof readAnalysisInput>, options: PoolOptions) => unknown;
const RUNNERS: ReadonlyMap<string, Runner> = new Map([
  ...METHODS.map((m): [string, Runner] => [m, pool]),
  // small-k engines (src/meta/poolSmallK.ts): binomial-normal GLMM and the Bayesian model
  ['GLMM', poolGlmm], ['BAYES', poolBayes],
]);

/** --tau-prior-scale: a positive number, for --method BAYES only. */
function tauPriorScale(args: Args, method: string): number | undefined {
  const v = option(args, 'tau-prior-scale');
  if (v === undefined) return undefined;
  if (method !== 'BAYES') throw new CliError('option --tau-prior-scale applies to --method BAYES only');
  const x = Number(v);
  if (!(x > 0) || !Number.isFinite(x)) throw new CliError(`invalid --tau-prior-scale: ${v} (a positive number)`);
  return x;
}

export function run(args: Args): string {
  const path = requireOption(args, 'input');
  const measureFlag = option(args, 'measure');
  const options: SmallKOptions = {
    measure: measureFlag === undefined ? undefined : choice(args, 'measure', MEASURES, 'PLO'),
    method: choice(args, 'method', [...RUNNERS.keys()] as Method[], 'REML'),
    test: choice(args, 'test', TESTS, 'knha'),
    by: option(args, 'by'),
    outcome: option(args, 'outcome'),
    tauPriorScale: tauPriorScale(args, choice(args, 'method', [...RUNNERS.keys()], 'REML')),
  };
  const input = readAnalysisInput(readInput(path));
  try {
    return json(RUNNERS.get(options.method)!(input, options));
  } catch (err) {
    if (err instanceof PoolInputError) throw new CliError(`${path}: ${err.message}`);
    throw err;
  }
}
