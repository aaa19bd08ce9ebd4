/**
 * `nelm pool --input FILE [--measure PR|PLO|PAS|PFT|GEN] [--method FE|DL|REML|ML|PM|HE|SJ|EB|GLMM|BAYES]
 * [--test z|knha|adhoc] [--by COLUMN] [--outcome NAME] [--modality NAME] [--exclude ID[,ID…]] [--tau-prior-scale S] [--drop-invalid]`:
 * a meta-analysis of proportions (study,events,n), generic effect sizes (study,yi,vi) or the study table (one
 * --outcome), printed as one JSON object (poolJson.ts).
 */
import { json, type Args } from '../args.ts';
import { readAnalysis, withDropped } from '../analysisArgs.ts';
import { poolJson } from '../poolJson.ts';

export function run(args: Args): string {
  const cli = readAnalysis(args);
  return json(withDropped(cli.dropped, poolJson(cli.analysis)));
}
