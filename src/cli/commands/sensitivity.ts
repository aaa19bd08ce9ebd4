/**
 * `nelm sensitivity --input FILE [--outcome NAME] [--modality NAME] [--exclude ID[,ID…]] [--threshold X]
 * [--tau-prior-scale S]`: the pooled proportion under the GLMM, PLO/PAS/PFT × DL/REML/PM × z/knha and the Bayesian
 * model, with `disagree: true` when they spread by more than the threshold (default 0.05). Input: study,events,n or
 * the study table (one --outcome). JSON out.
 */
import { sensitivityOf } from '../../analysis/index.ts';
import { CliError, json, option, type Args } from '../args.ts';
import { positiveNumber, readAnalysis, specOf, withDropped } from '../analysisArgs.ts';
import { tailJson } from '../poolJson.ts';

function nonNegative(args: Args, name: string): number | undefined {
  const v = option(args, name);
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isFinite(x) || x < 0) throw new CliError(`invalid --${name}: ${v.slice(0, 60)} (a non-negative number)`);
  return x;
}

export function run(args: Args): string {
  const threshold = nonNegative(args, 'threshold');
  const tauPriorScale = positiveNumber(args, 'tau-prior-scale');
  if (args.flags.has('method') || args.flags.has('measure') || args.flags.has('test')) {
    throw new CliError('sensitivity fits every model itself: --method, --measure and --test do not apply');
  }
  // the analysis selects the rows (events / n); the matrix fits every model to them
  const { path, analysis, dropped } = readAnalysis(args, { ...specOf(args), tauPriorScale: undefined });
  if (analysis.kind === 'generic') {
    throw new CliError(`${path}: sensitivity needs events and n (study,events,n or the study table), not study,yi,vi`);
  }
  const km = analysis.pooled.overall.warnings.filter((w) => w.code === 'km_as_binomial');
  const options = {
    ...(threshold === undefined ? {} : { threshold }), ...(tauPriorScale === undefined ? {} : { tauPriorScale }),
  };
  return json(withDropped(dropped, { ...sensitivityOf(analysis, options), warnings: km, ...tailJson(analysis) }));
}
