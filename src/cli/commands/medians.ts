/**
 * `nelm medians --input FILE [--outcome os_median_months|pfs_median_months|ttp_median_months] [--by COLUMN]
 * [--modality NAME] [--exclude ID[,ID…]] [--level L]`: pooled median survival of single-arm series (median of the
 * medians and weighted median of the medians, McGrath et al. 2019) from the study table or a `study,median,n` file.
 * Prints `{outcome, level, groups:[{group, k, n, method, estimate, ci, studies:[{study, median, n}], warnings}],
 * excluded:[{row_id, study, reason}]}`: one entry per group and method (median_of_medians first), `group` null
 * without --by, `ci` null when k is too small for the level.
 */
import { analyseMedians, type MedianAnalysis } from '../../analysis/index.ts';
import { readAnalysisInput } from '../../data/readAnalysisInput.ts';
import { isMedianTable, readMedianTable } from '../../data/readMedianTable.ts';
import { PoolInputError } from '../../meta/poolInputError.ts';
import { CliError, json, option, type Args } from '../args.ts';
import { readValidInput, withDropped } from '../analysisArgs.ts';

function level(args: Args): number | undefined {
  const v = option(args, 'level');
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!(x > 0 && x < 1)) throw new CliError(`invalid --level: ${v.slice(0, 60)} (a number between 0 and 1, e.g. 0.95)`);
  return x;
}

function excludeIds(args: Args): string[] {
  const v = option(args, 'exclude');
  if (v === undefined) return [];
  const ids = v.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (ids.length === 0) throw new CliError('option --exclude needs at least one id');
  return ids;
}

/** The analysis as printed. */
export function mediansJson(a: MedianAnalysis): Record<string, unknown> {
  const groups = a.groups.flatMap((g) => g.fits.map((f) => {
    const used = new Set(f.excluded.map((x) => x.index));
    return {
      group: g.group, k: f.k, n: f.n, method: f.method, estimate: f.estimate, ci: f.ci,
      studies: g.rows.filter((_, i) => !used.has(i)).map((r) => ({ study: r.label, median: r.median, n: r.n })),
      warnings: [...f.warnings, ...g.warnings],
    };
  }));
  const excluded = a.rows.filter((r) => r.status !== 'included')
    .map((r) => ({ row_id: r.key, study: r.study, reason: r.reason ?? '' }));
  return { ...(a.outcome === null ? {} : { outcome: a.outcome }), level: a.level, groups, excluded };
}

export function run(args: Args): string {
  if (args.flags.has('method') || args.flags.has('measure') || args.flags.has('test')) {
    throw new CliError('medians pools by the median of the medians and the weighted median of the medians: --method, --measure and --test do not apply');
  }
  const read = (text: string) => (isMedianTable(text) ? readMedianTable(text) : readAnalysisInput(text));
  const { path, input, dropped } = readValidInput(args, read);
  if (input.kind === 'proportions' || input.kind === 'generic') {
    throw new CliError(`${path}: medians needs study,median,n or the study table, not ${input.kind === 'generic' ? 'study,yi,vi' : 'study,events,n'}`);
  }
  if (input.kind === 'unknown') {
    const p = input.problems[0];
    throw new CliError(`${path}: ${p ? `row ${p.row}: ${p.message.replace(/expected .*/, 'expected study,median,n or the study-table columns')}` : 'no rows'}`);
  }
  const spec = {
    outcome: option(args, 'outcome'), modality: option(args, 'modality'), by: option(args, 'by'),
    exclude: excludeIds(args), level: level(args),
  };
  let a: MedianAnalysis;
  try {
    a = analyseMedians(input, spec);
  } catch (err) {
    if (err instanceof PoolInputError) throw new CliError(`${path}: ${err.message}`);
    throw err;
  }
  if (a.unknownExclusions.length > 0) {
    const what = input.kind === 'studies' ? 'a cohort_id or row_id of the table' : 'a row number of the file';
    throw new CliError(`${path}: invalid --exclude: ${a.unknownExclusions[0].slice(0, 60)} (not ${what})`);
  }
  if (a.groups.length === 0) {
    const excluded = a.rows.filter((r) => r.status === 'excluded').length;
    throw new CliError(`${path}: ${excluded > 0 ? `every poolable row is excluded (${excluded} excluded)` : `no poolable rows${a.outcome ? ` for outcome ${a.outcome}` : ''} (${a.rows.length} not poolable)`}`);
  }
  return json(withDropped(dropped, mediansJson(a)));
}
