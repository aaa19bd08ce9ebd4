/**
 * `nelm bias --input FILE [--measure ...] [--method ...] [--test ...] [--outcome NAME] [--modality NAME]
 * [--exclude ID[,ID…]] [--side left|right]`: small-study (funnel asymmetry) diagnostics — Egger's regression test,
 * Begg's rank correlation test and Duval & Tweedie trim-and-fill (L0) — as one JSON object
 * `{k, measure, method, test, egger, begg, trimfill, warnings}`. Needs k ≥ 3; warns `small_k_bias` when k < 10.
 */
import { biasOf, includedEffects, refitOptions } from '../../analysis/index.ts';
import { smallKBiasWarnings } from '../../meta/smallKBiasWarnings.ts';
import { METHODS, type Warning } from '../../meta/types.ts';
import { CliError, choice, json, type Args } from '../args.ts';
import { readAnalysis, specOf, withDropped } from '../analysisArgs.ts';

export function run(args: Args): string {
  const { path, analysis, dropped } = readAnalysis(args, specOf(args, METHODS));
  const k = includedEffects(analysis).length;
  if (k < 3) throw new CliError(`${path}: bias needs at least 3 studies (got ${k})`);
  const sideFlag = args.flags.has('side') ? choice(args, 'side', ['left', 'right'] as const, 'left') : undefined;
  const { egger: e, begg: b, trimfill: t } = biasOf(analysis, sideFlag);
  // one small_k_bias warning for the three methods, then the rest without repeats
  const warnings: Warning[] = [...smallKBiasWarnings(k, 'Small-study tests (Egger, Begg, trim-and-fill)')];
  for (const w of [...e.warnings, ...b.warnings, ...t.warnings, ...t.fit.warnings]) {
    if (!warnings.some((x) => x.code === w.code)) warnings.push(w);
  }
  return json(withDropped(dropped, {
    k,
    ...refitOptions(analysis),
    egger: { t: e.t, df: e.df, p: e.p, intercept: e.intercept, slope: e.slope },
    begg: { tau: b.tau, p: b.p, exact: b.exact },
    trimfill: {
      k0: t.k0,
      side: t.side,
      estimate: t.estimate,
      se: t.se,
      ci: t.ci,
      tau2: t.tau2,
      back: { estimate: t.fit.back.estimate, ci: t.fit.back.ci },
      filled: t.filled.map((f) => ({ study: f.study, yi: f.yi, vi: f.vi })),
    },
    warnings,
  }));
}
