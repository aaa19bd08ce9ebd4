/**
 * What the forest and map views export (exportMenu's content): the results as CSV, and for the forest plot an R
 * script (rScript, metafor) that reproduces the pooled estimate shown — the rows the Analysis pooled (the user's
 * exclusions left out), the same transform, τ² estimator and CI test, one fit per modality.
 */
import { includedRows, isSmallK, type Analysis } from '../analysis/index.ts';
import { rScript, type RAnalysis } from '../charts/export/rScript.ts';
import { resultsToCsv } from '../charts/export/resultsToCsv.ts';
import type { Method } from '../meta/types.ts';
import type { ExportContent } from './exportMenu.ts';
import type { ForestModel } from './forestModel.ts';
import type { MapModel } from './mapModel.ts';
import type { AppState } from './state.ts';

/** Whether rScript() can reproduce the analysis: not for GLMM / Bayes, ratios, or nothing pooled. */
function hasRScript(a: Analysis): boolean {
  return !(isSmallK(a.spec.method) || a.spec.exponentiate || a.pooled === null);
}

/** The analysis as rScript() takes it: its included rows; null for GLMM / Bayes, ratios, or nothing pooled. */
export function forestRAnalysis(a: Analysis): RAnalysis | null {
  if (!hasRScript(a)) return null;
  const method = a.spec.method as Method;
  const rows = includedRows(a);
  const group = (g: string | null) => (g === null ? {} : { group: g });
  if (a.spec.measure === 'GEN') {
    const studies = rows.flatMap((r) => (r.data?.kind === 'generic' ? [{ study: r.label, yi: r.data.yi, vi: r.data.vi, ...group(r.group) }] : []));
    return { measure: 'GEN', method, test: a.spec.test, studies };
  }
  const studies = rows.flatMap((r) => (r.data?.kind === 'count' ? [{ study: r.label, events: r.data.events, n: r.data.n, ...group(r.group) }] : []));
  return { measure: a.spec.measure, method, test: a.spec.test, studies };
}

/** The forest plot's CSV: the fits (overall and per group) and every plotted study with its ids. */
function forestCsv(model: ForestModel): string | null {
  const a = model.analysis;
  const p = a.pooled;
  const fits = p ? [p.overall, ...p.groups] : [];
  const fitRows = fits.map((f) => ({
    row: f.group === null ? 'overall' : `group ${f.group}`, row_id: '', cohort_id: '', k: f.k, method: f.method,
    measure: f.measure, test: f.test ?? '', estimate: f.estimate, ci_lb: f.ci[0], ci_ub: f.ci[1], pi_lb: f.pi?.[0],
    pi_ub: f.pi?.[1], tau2: f.tau2, I2: f.I2, back_estimate: f.back.estimate, back_ci_lb: f.back.ci[0],
    back_ci_ub: f.back.ci[1], back_pi_lb: f.back.pi?.[0], back_pi_ub: f.back.pi?.[1], weight: undefined, excluded: '',
  }));
  const weighted = fits.filter((f) => f.group !== null || p?.groups.length === 0);
  const weight = new Map(weighted.flatMap((f) => f.weights.map((w) => [w.key, w.weight] as const)));
  const shown = new Map((model.spec?.groups ?? []).flatMap((g) => g.studies.map((s) => [s.id, s] as const)));
  const studyRows = a.rows.filter((r) => r.plotted).map((r) => {
    const s = shown.get(r.key);
    return {
      row: `study ${r.label}`, row_id: r.key, cohort_id: r.unit, k: 1, method: '', measure: a.spec.measure, test: '',
      estimate: undefined, ci_lb: undefined, ci_ub: undefined, pi_lb: undefined, pi_ub: undefined, tau2: undefined,
      I2: undefined, back_estimate: s?.estimate, back_ci_lb: s?.ci[0], back_ci_ub: s?.ci[1], back_pi_lb: undefined,
      back_pi_ub: undefined, weight: weight.get(r.key), excluded: r.status === 'excluded' ? 'yes' : 'no',
    };
  });
  const rows = [...fitRows, ...studyRows];
  return rows.length ? resultsToCsv(rows, Object.keys(rows[0]) as (keyof (typeof rows)[number])[]) : null;
}

/**
 * Forest plot exports: the CSV (forestCsv) and the R script, made when the user exports them (for 10⁵ studies each
 * is a long string); whether each exists is known at once.
 */
export function forestExport(model: ForestModel, state: AppState, svg: SVGSVGElement): ExportContent {
  const a = model.analysis;
  const hasCsv = a.pooled !== null || a.rows.some((r) => r.plotted);
  return {
    svg,
    csv: hasCsv ? () => forestCsv(model) ?? '' : null,
    rScript: hasRScript(a) ? () => rScript(forestRAnalysis(a)!) : null,
    fileBase: `forest-${state.outcome}-${state.modality || 'all'}`, what: 'forest plot',
  };
}

/** Evidence map exports: one CSV row per modality × outcome with the pooled estimate, CI and PI. */
export function mapExport(model: MapModel, svg: SVGSVGElement): ExportContent {
  const rows = model.rows.flatMap((r) => model.series.map((x) => {
    const c = r.cells[x.key];
    return {
      modality: r.modality, outcome: x.label, k: c?.k, estimate: c?.estimate, ci_lb: c?.ci[0], ci_ub: c?.ci[1],
      pi_lb: c?.pi?.[0], pi_ub: c?.pi?.[1], method: r.method, warnings: r.warnings,
    };
  }));
  const csv = rows.length ? resultsToCsv(rows, Object.keys(rows[0]) as (keyof (typeof rows)[number])[]) : null;
  return { svg, csv, fileBase: 'evidence-map', what: 'evidence map' };
}
