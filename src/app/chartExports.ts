/**
 * What the forest and map views export (exportMenu's content): the results as CSV, and for the forest plot an R
 * script (rScript, metafor) that reproduces the pooled estimate shown — the same rows the engine pooled (the user's
 * exclusions left out), the same transform, τ² estimator and CI test, one fit per modality.
 */
import { rScript, type RAnalysis } from '../charts/export/rScript.ts';
import { resultsToCsv } from '../charts/export/resultsToCsv.ts';
import { poolableRows } from '../data/poolable.ts';
import type { OutcomeName } from '../data/vocabulary.ts';
import type { Method } from '../meta/types.ts';
import type { Dataset } from './dataset.ts';
import type { ExportContent } from './exportMenu.ts';
import { settingsOf, type ForestModel } from './forestModel.ts';
import type { MapModel } from './mapModel.ts';
import type { AppState } from './state.ts';

/** The forest view's analysis as rScript() takes it; null for GLMM / Bayes (no metafor rma equivalent here). */
export function forestRAnalysis(dataset: Dataset, state: AppState): RAnalysis | null {
  const s = settingsOf(state, dataset.input);
  if (s.method === 'GLMM' || s.method === 'BAYES') return null;
  const method = s.method as Method;
  const ex = new Set(state.excluded);
  const input = dataset.input;
  if (input.kind === 'studies') {
    if (s.measure === 'GEN') return null;
    const records = (state.modality ? input.records.filter((r) => r.modality === state.modality) : input.records)
      .filter((r) => !ex.has(r.row_id));
    const rows = poolableRows(records, state.outcome as OutcomeName).included;
    if (rows.length === 0) return null;
    return {
      measure: s.measure, method, test: s.test,
      studies: rows.map(({ record, events, n }) => ({
        study: record.arm ? `${record.study} (${record.arm})` : record.study, events, n, group: record.modality,
      })),
    };
  }
  if (input.kind === 'proportions' && s.measure !== 'GEN') {
    const rows = input.rows.filter((r) => !ex.has(r.study));
    const studies = rows.map((r) => ({ study: r.study, events: r.events, n: r.n }));
    return rows.length ? { measure: s.measure, method, test: s.test, studies } : null;
  }
  if (input.kind === 'generic') {
    const rows = input.rows.filter((r) => !ex.has(r.study));
    return rows.length ? { measure: 'GEN', method, test: s.test, studies: rows.map((r) => ({ study: r.study, yi: r.yi, vi: r.vi })) } : null;
  }
  return null;
}

/** Forest plot exports: the fits (overall and per modality) and the studies as CSV, and the R script. */
export function forestExport(
  dataset: Dataset, state: AppState, model: ForestModel, svg: SVGSVGElement,
): ExportContent {
  const res = model.result;
  const grouped = res !== null && res.fits.some((f) => f.group !== undefined);
  const fits = res ? [res.overall, ...(grouped ? res.fits : [])] : [];
  const fitRows = fits.map((f, i) => ({
    row: i === 0 ? 'overall' : `group ${f.group ?? ''}`, k: f.k, method: f.method, measure: f.measure, test: f.test,
    estimate: f.estimate, ci_lb: f.ci[0], ci_ub: f.ci[1], pi_lb: f.pi?.[0], pi_ub: f.pi?.[1], tau2: f.tau2, I2: f.I2,
    back_estimate: f.back.estimate, back_ci_lb: f.back.ci[0], back_ci_ub: f.back.ci[1],
    back_pi_lb: f.back.pi?.[0], back_pi_ub: f.back.pi?.[1], excluded: '',
  }));
  const studyRows = (model.spec?.groups ?? []).flatMap((g) => g.studies.map((st) => ({
    row: `study ${st.label}`, k: 1, method: '', measure: model.measure, test: '',
    estimate: undefined, ci_lb: undefined, ci_ub: undefined, pi_lb: undefined, pi_ub: undefined, tau2: undefined,
    I2: undefined, back_estimate: st.estimate, back_ci_lb: st.ci[0], back_ci_ub: st.ci[1], back_pi_lb: undefined,
    back_pi_ub: undefined,
    excluded: st.excluded ? 'yes' : 'no',
  })));
  const rows = [...fitRows, ...studyRows];
  const csv = rows.length ? resultsToCsv(rows, Object.keys(rows[0]) as (keyof (typeof rows)[number])[]) : null;
  const r = forestRAnalysis(dataset, state);
  return {
    svg, csv, rScript: r ? rScript(r) : null,
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
