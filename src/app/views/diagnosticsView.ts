/**
 * Diagnostics view: for the current outcome and modality (or all), the funnel plot with the trim-and-fill studies,
 * Egger's and Begg's tests, and the leave-one-out and cumulative (by year) plots. A panel whose method needs more
 * studies than there are is greyed AND carries its warning in words. Each chart has export buttons and a table.
 */
import { hasDerived, seedDerived, type DerivedProgress } from '../../analysis/derived.ts';
import { includedEffects, type Analysis, type AnalysisSpec } from '../../analysis/index.ts';
import type { AnalysisInput } from '../../data/types.ts';
import { analysisFor, appSpec } from '../appAnalysis.ts';
import type { DerivedReply } from '../worker/derived.worker.ts';
import { rScript } from '../../charts/export/rScript.ts';
import { resultsToCsv } from '../../charts/export/resultsToCsv.ts';
import { fixed, pText, pct } from '../../charts/format.ts';
import { FUNNEL_HEXBIN_ABOVE, funnelPlot } from '../../charts/funnelPlot.ts';
import { influencePlot, type InfluenceRow } from '../../charts/influencePlot.ts';
import { MODALITIES } from '../../data/vocabulary.ts';
import type { DerivedRow } from '../../meta/derivedRow.ts';
import type { ViewContext } from '../context.ts';
import { poolableOutcomes, recordsOf } from '../dataset.ts';
import { diagnosticsModel, displayRow, type DiagnosticsModel } from '../diagnosticsModel.ts';
import { chartWidth } from '../chartWidth.ts';
import { el } from '../el.ts';
import { pendingNotice } from '../pendingNotice.ts';
import { selectControl } from '../selectControl.ts';
import { exportMenu } from '../exportMenu.ts';
import { MEASURE_LABELS, METHOD_LABELS, TEST_LABELS, modalityLabel, outcomeLabel } from '../labels.ts';
import type { AppState } from '../state.ts';

/** A titled panel; greyed (class and data attribute) with its warning in words when k is too small. */
function panel(id: string, title: string, warning: string | null, ...content: (Node | null)[]): HTMLElement {
  const box = el('section', {
    'class': warning ? 'diag-panel greyed' : 'diag-panel', 'id': `panel-${id}`, 'data-greyed': warning ? 'true' : 'false',
    'aria-labelledby': `panel-${id}-title`,
  }, el('h3', { id: `panel-${id}-title` }, title));
  if (warning) box.append(el('p', { class: 'panel-warning', role: 'note' }, el('strong', {}, 'Too few studies: '), warning));
  for (const c of content) if (c) box.append(c);
  return box;
}

function table(caption: string, head: readonly string[], rows: readonly (readonly string[])[]): HTMLElement {
  const t = el('table', { class: 'data-table' }, el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))));
  const body = el('tbody');
  for (const r of rows) body.append(el('tr', {}, el('th', { scope: 'row' }, r[0]), ...r.slice(1).map((c) => el('td', {}, c))));
  t.append(body);
  return el('details', { class: 'table-alt' }, el('summary', {}, 'Show as a table'), el('div', { class: 'table-scroll' }, t));
}

/** What the funnel's marks are: dots, or above FUNNEL_HEXBIN_ABOVE studies hexagons coloured by count. */
function funnelMarks(observed: number, imputed: number): string {
  return observed + imputed > FUNNEL_HEXBIN_ABOVE
    ? `${observed.toLocaleString('en')} studies are too many to draw one by one: each hexagon is coloured by the number of`
    + ' observed studies in it; orange outlines: hexagons holding studies imputed by trim-and-fill.'
    : 'Filled circles: observed studies; hollow circles: studies imputed by trim-and-fill.';
}

function show(model: DiagnosticsModel, v: number): string {
  return model.percent ? `${pct(v)}%` : fixed(v, 3);
}

/** Rows for the chart (which wraps a long label), the table and the CSV. */
function influenceRows(model: DiagnosticsModel, rows: readonly DerivedRow[]): InfluenceRow[] {
  return rows.map((r) => ({ label: r.study, k: r.k, ...displayRow(model, r) }));
}

/** Diagnostics of more studies than this are computed in a Web Worker, with progress and a cancel button. */
export const DERIVED_WORKER_MIN = 300;

interface Running {
  readonly analysis: Analysis;
  readonly worker: Worker;
  progress: DerivedProgress | null;
}
let running: Running | null = null;
/** Analyses whose diagnostics the user cancelled (computed again only when asked). */
const cancelled = new WeakSet<Analysis>();
let nextJob = 1;

/** Starts the worker for `a` (the same input and spec); the view re-renders on progress and when it is done. */
function startDerived(a: Analysis, input: AnalysisInput, spec: AnalysisSpec, rerender: () => void): void {
  if (running?.analysis === a) return;
  running?.worker.terminate();
  const worker = new Worker(new URL('../worker/derived.worker.ts', import.meta.url), { type: 'module' });
  const job: Running = { analysis: a, worker, progress: null };
  running = job;
  const id = nextJob++;
  worker.addEventListener('message', (e: MessageEvent<DerivedReply>) => {
    if (e.data.id !== id || running !== job) return;
    if ('progress' in e.data) {
      job.progress = e.data.progress;
      const bar = document.getElementById('derived-progress');
      const text = document.getElementById('derived-progress-text');
      if (bar && text) {
        bar.setAttribute('max', String(job.progress.total));
        bar.setAttribute('value', String(job.progress.done));
        text.textContent = progressText(job.progress);
      }
      return;
    }
    worker.terminate();
    running = null;
    if (typeof e.data.result !== 'string') seedDerived(a, e.data.result);
    rerender();
  });
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    worker.terminate();
    if (running === job) running = null;
    cancelled.add(a);
    rerender();
  });
  worker.postMessage({ id, request: { input, spec } });
}

function progressText(p: DerivedProgress | null): string {
  if (!p) return 'Starting…';
  return p.step === 'bias' ? 'Bias tests…' : `${p.step === 'leave-one-out' ? 'Leave-one-out' : 'Cumulative'}: ${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')} refits`;
}

/** The progress panel (with Cancel), or after a cancel the offer to compute. */
function derivedPending(a: Analysis, start: () => void, rerender: () => void): HTMLElement {
  const k = includedEffects(a).length;
  if (cancelled.has(a)) {
    const again = el('button', { type: 'button', class: 'compute-derived' }, 'Compute the diagnostics');
    again.addEventListener('click', () => {
      cancelled.delete(a);
      rerender();
    });
    return el('div', { class: 'derived-pending', role: 'status' },
      el('p', {}, `The diagnostics of these ${k.toLocaleString('en')} studies were cancelled. `), again);
  }
  start();
  const p = running?.progress ?? null;
  const bar = el('progress', { 'id': 'derived-progress', 'aria-label': 'Diagnostics progress', 'max': p?.total ?? 1, 'value': p?.done ?? 0 });
  const cancel = el('button', { type: 'button', class: 'cancel-derived' }, 'Cancel');
  cancel.addEventListener('click', () => {
    running?.worker.terminate();
    running = null;
    cancelled.add(a);
    rerender();
  });
  return el('div', { 'class': 'derived-pending', 'role': 'status', 'aria-live': 'polite' },
    el('p', {}, `Computing leave-one-out and cumulative refits of ${k.toLocaleString('en')} studies in the background; the page stays usable. `),
    bar, el('span', { id: 'derived-progress-text' }, ` ${progressText(p)} `), cancel);
}

export function diagnosticsView(ctx: ViewContext): HTMLElement {
  const { state, dataset } = ctx;
  const set = (patch: Partial<AppState>) => ctx.navigate(patch, 'replace');
  const isTable = dataset.input.kind === 'studies';
  const where = isTable
    ? `${outcomeLabel(state.outcome)} — ${state.modality ? modalityLabel(state.modality) : 'all modalities'}`
    : dataset.name;
  const root = el('section', { 'class': 'view diagnostics-view', 'aria-labelledby': 'diagnostics-title' });
  root.append(el('h2', { id: 'diagnostics-title' }, `Diagnostics: ${where}`));
  if (isTable) {
    const records = recordsOf(dataset);
    const controls = el('form', { 'class': 'controls', 'aria-label': 'Selection' });
    controls.addEventListener('submit', (e) => e.preventDefault());
    controls.append(selectControl('outcome', 'Outcome', state.outcome,
      poolableOutcomes(records).map((o) => [o, outcomeLabel(o)] as const), (v) => set({ outcome: v })));
    const modalities = MODALITIES.filter((m) => records.some((r) => r.modality === m));
    controls.append(selectControl('modality', 'Modality', state.modality,
      [['', 'All modalities'], ...modalities.map((m) => [m, modalityLabel(m)] as const)], (v) => set({ modality: v })));
    root.append(controls);
    if (!state.modality) {
      root.append(el('p', { class: 'statement', role: 'note' }, el('strong', {}, 'Mixed modalities. '),
        'Asymmetry across single-arm series of different treatments reflects case mix as much as small-study effects.'));
    }
  }
  const found = analysisFor(dataset, state);
  if (found.status !== 'ready') {
    root.append(pendingNotice(found, () => ctx.navigate({}, 'replace')));
    return root;
  }
  const a = found.analysis;
  if (includedEffects(a).length > DERIVED_WORKER_MIN && !hasDerived(a)) {
    const rerender = () => ctx.navigate({}, 'replace');
    const spec = appSpec(dataset, state);
    root.append(derivedPending(a, () => startDerived(a, { ...dataset.input, problems: [] }, spec, rerender), rerender));
    return root;
  }
  const model = diagnosticsModel(a);
  if (model.error || !model.fit) {
    root.append(el('p', { class: 'error', role: 'alert' }, model.error ?? 'Nothing to show.'));
    return root;
  }
  const o = model.options;
  const methodLine = `k = ${model.k}; ${METHOD_LABELS[o.method]} τ², ${TEST_LABELS[o.test]} CI, `
    + `${MEASURE_LABELS[o.measure]} scale (the forest view's settings; GLMM and Bayes use REML here).`;
  const mixedCaveat = isTable && !state.modality
    ? 'Mixed modalities: asymmetry across single-arm series of different treatments reflects case mix as much as small-study effects.'
    : null;
  root.append(el('p', { class: 'muted' }, methodLine));
  const base = `${state.outcome}-${state.modality || 'all'}`;
  const width = chartWidth(560, 900, 900);
  const rBase = model.rAnalysis ? rScript(model.rAnalysis) : null;
  const grid = el('div', { class: 'diag-grid' });

  // --- funnel plot with trim-and-fill, Egger and Begg
  const tf = model.trimfill.result;
  const se = (vi: number) => Math.sqrt(vi);
  const funnelSvg = funnelPlot({
    studies: model.studies.map((s) => ({ label: s.label, yi: s.effect.yi, se: se(s.effect.vi) })),
    imputed: tf ? tf.filled.map((f) => ({ label: f.study, yi: f.yi, se: se(f.vi) })) : [],
    estimate: model.fit.estimate,
    adjustedEstimate: tf && tf.k0 > 0 ? tf.estimate : null,
    xLabel: `Effect (${MEASURE_LABELS[o.measure]} scale)`,
    warning: model.trimfill.warning ? `k = ${model.k} < 10: low power` : null,
  }, { width: Math.min(width, 640), title: `Funnel plot: ${where}` });
  const funnelCsv = resultsToCsv([
    ...model.studies.map((s) => ({ study: s.label, yi: s.effect.yi, se: se(s.effect.vi), imputed: false })),
    ...(tf ? tf.filled.map((f) => ({ study: f.study, yi: f.yi, se: se(f.vi), imputed: true })) : []),
  ], ['study', 'yi', 'se', 'imputed']);
  const funnelR = rBase ? `${rBase}print(regtest(res))\nprint(ranktest(res))\nif (res$k >= 3) print(trimfill(res))\n` : null;
  const tfText = tf
    ? `Trim-and-fill (L0): ${tf.k0} ${tf.k0 === 1 ? 'study' : 'studies'} imputed on the ${tf.side}; adjusted estimate `
    + `${show(model, model.display(tf.estimate))} (95% CI ${show(model, model.display(tf.ci[0]))} to ${show(model, model.display(tf.ci[1]))}).`
    : 'Trim-and-fill needs at least 3 studies.';
  grid.append(panel('funnel', 'Funnel plot and trim-and-fill', model.trimfill.warning,
    el('figure', { class: 'chart-box' }, funnelSvg, el('figcaption', {},
      `${funnelMarks(model.studies.length, tf?.filled.length ?? 0)} ${tfText}`)),
    exportMenu({
      svg: funnelSvg, csv: funnelCsv, rScript: funnelR, fileBase: `funnel-${base}`, what: 'funnel plot',
      frame: { title: `Funnel plot: ${where}`, method: methodLine, caveat: mixedCaveat },
    }),
    table('Funnel plot data', ['Study', 'Effect', 'SE', 'Imputed'], [
      ...model.studies.map((s) => [s.label, fixed(s.effect.yi, 3), fixed(se(s.effect.vi), 3), 'no']),
      ...(tf ? tf.filled.map((f) => [f.study, fixed(f.yi, 3), fixed(se(f.vi), 3), 'yes']) : []),
    ])));

  const eg = model.egger.result;
  grid.append(panel('egger', 'Egger\'s regression test', model.egger.warning,
    el('p', { 'class': 'test-result', 'data-p': eg ? String(eg.p) : '' }, eg
      ? `t = ${fixed(eg.t, 3)} on ${eg.df} df, p = ${pText(eg.p)}; limit estimate (SE → 0) ${show(model, model.display(eg.intercept))}.`
      : 'Not computed: needs at least 3 studies.'),
    el('p', { class: 'muted' }, 'Weighted regression of the effects on their standard errors (metafor regtest, Egger et al. 1997).')));
  const bg = model.begg.result;
  grid.append(panel('begg', 'Begg\'s rank correlation test', model.begg.warning,
    el('p', { 'class': 'test-result', 'data-p': bg ? String(bg.p) : '' }, bg
      ? `Kendall's τ = ${fixed(bg.tau, 3)}, p = ${pText(bg.p)} (${bg.exact ? 'exact' : 'normal approximation, ties'}).`
      : 'Not computed: needs at least 3 studies.'),
    el('p', { class: 'muted' }, 'Rank correlation of standardized effects with their variances (Begg & Mazumdar 1994).')));

  // --- leave-one-out and cumulative
  const reference = displayRow(model, { ...model.fit, study: 'all' });
  const xLabel = model.percent ? `${isTable ? outcomeLabel(state.outcome) : 'Proportion'} (%)` : 'Effect';
  for (const [key, kind, title, p] of [
    ['leave1out', 'leave-one-out', 'Leave-one-out', model.leave1out],
    ['cumulative', 'cumulative', 'Cumulative meta-analysis (by year)', model.cumulative],
  ] as const) {
    const rows = influenceRows(model, p.result ?? []);
    if (rows.length === 0) {
      grid.append(panel(key, title, p.warning ?? 'not enough studies', el('p', {}, 'Nothing to draw.')));
      continue;
    }
    const warning = p.warning ? `k = ${model.k} < 3` : null;
    const svg = influencePlot({ kind, rows, reference, xLabel, percent: model.percent, warning },
      { width, title: `${title}: ${where}` });
    const csv = resultsToCsv(rows, ['label', 'k', 'estimate',
      { header: 'ci_lb', value: (x) => x.ci[0] }, { header: 'ci_ub', value: (x) => x.ci[1] }]);
    const r = rBase && key === 'leave1out' ? `${rBase}print(leave1out(res))\n` : null;
    grid.append(panel(key, title, p.warning,
      el('figure', { class: 'chart-box' }, svg),
      exportMenu({
        svg, csv, rScript: r, fileBase: `${key}-${base}`, what: title.toLowerCase(),
        frame: { title: `${title}: ${where}`, method: methodLine, caveat: mixedCaveat },
      }),
      table(title, [key === 'leave1out' ? 'Left out' : 'Added', 'k', 'Estimate [95% CI]'],
        rows.map((x) => [x.label, String(x.k), `${show(model, x.estimate)} [${show(model, x.ci[0])}, ${show(model, x.ci[1])}]`]))));
  }
  root.append(grid);
  return root;
}
