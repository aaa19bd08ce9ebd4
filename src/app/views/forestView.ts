/**
 * Forest view: controls (outcome, modality, measure, method, CI test, sort, scale, publication layout), the forest plot with an HTML
 * tooltip (hover and focus), click / Enter / Space on a study to exclude or re-include it (everything re-pools),
 * the before/after change, rows that cannot be pooled with their reasons, and the fit's warnings.
 */
import { FOREST_LAYOUT, FOREST_LAYOUTS, forestPlot } from '../../charts/forestPlot.ts';
import { MODALITIES } from '../../data/vocabulary.ts';
import { forestExport } from '../chartExports.ts';
import type { ViewContext } from '../context.ts';
import { poolableOutcomes, recordsOf } from '../dataset.ts';
import { chartSlide, chartWidth } from '../chartWidth.ts';
import { el } from '../el.ts';
import { selectControl } from '../selectControl.ts';
import { exportMenu } from '../exportMenu.ts';
import { analysisFor } from '../appAnalysis.ts';
import { fitInWorker, type Pending } from '../analysisWorker.ts';
import { forestModel, prepareForestModel } from '../forestModel.ts';
import { MEASURE_LABELS, METHOD_LABELS, TEST_LABELS, modalityLabel, outcomeLabel } from '../labels.ts';
import { SCALES, SORTS, STATE_TESTS, type AppState } from '../state.ts';
import { attachTooltips } from '../tooltip.ts';

/** pool()'s τ² methods, then the CLI's small-k engines (events and n only: not for study,yi,vi files). */
const METHODS = ['REML', 'DL', 'PM', 'ML', 'HE', 'SJ', 'EB', 'FE'] as const;
const SMALL_K_METHODS = ['GLMM', 'BAYES'] as const;
const MEASURES = ['PLO', 'PAS', 'PFT', 'PR'] as const;
const SORT_LABELS: Record<string, string> = { year: 'year', effect: 'estimate', weight: 'weight', n: 'n' };
const SCALE_LABELS: Record<string, string> = { back: 'back-transformed (%)', analysis: 'analysis scale' };

/** Large k: the text of the study search box (kept while the view re-renders). */
let studyQuery = '';
let queryTimer: ReturnType<typeof setTimeout> | undefined;

/** The study row to focus after the re-render that follows a keyboard toggle. */
let focusAfterRender: string | null = null;

export function forestView(ctx: ViewContext): HTMLElement {
  const { state, dataset } = ctx;
  const root = el('section', { 'class': 'view forest-view', 'aria-labelledby': 'forest-title' });
  const input = dataset.input;
  const records = recordsOf(dataset);
  const isTable = input.kind === 'studies';
  const scoped = state.modality ? records.filter((r) => r.modality === state.modality) : records;
  const outcomes = isTable ? poolableOutcomes(scoped) : [];
  const set = (patch: Partial<AppState>) => ctx.navigate(patch, 'replace');

  const title = isTable
    ? `${outcomeLabel(state.outcome)}${state.modality ? ` — ${modalityLabel(state.modality)}` : ' — all modalities'}`
    : `Your file: ${dataset.name}`;
  root.append(el('h2', { id: 'forest-title' }, `Forest plot: ${title}`));
  if (isTable && !state.modality) {
    root.append(el('p', { class: 'statement', role: 'note' }, el('strong', {}, 'Descriptive, not comparative. '),
      'Subgroups are single-arm series of different modalities; their diamonds must not be compared as if randomised.'));
  }

  const controls = el('form', { 'class': 'controls', 'aria-label': 'Analysis options' });
  controls.addEventListener('submit', (e) => e.preventDefault());
  if (isTable) {
    const outcomeOptions: (readonly [string, string])[] = outcomes.map((o) => [o, outcomeLabel(o)] as const);
    if (!outcomes.includes(state.outcome as never)) outcomeOptions.unshift([state.outcome, `${outcomeLabel(state.outcome)} (no poolable rows)`]);
    controls.append(selectControl('outcome', 'Outcome', state.outcome, outcomeOptions, (v) => set({ outcome: v })));
    const modalities = MODALITIES.filter((m) => records.some((r) => r.modality === m));
    controls.append(selectControl('modality', 'Modality', state.modality,
      [['', 'All modalities'], ...modalities.map((m) => [m, modalityLabel(m)] as const)], (v) => set({ modality: v })));
  }
  const measureOptions = input.kind === 'generic'
    ? [['GEN', MEASURE_LABELS.GEN] as const]
    : MEASURES.map((m) => [m, MEASURE_LABELS[m]] as const);
  const smallK = state.method === 'GLMM' || state.method === 'BAYES';
  controls.append(selectControl('measure', 'Measure', input.kind === 'generic' ? 'GEN' : smallK ? 'PLO' : state.measure, measureOptions,
    (v) => set({ measure: v as AppState['measure'] }), input.kind === 'generic' || smallK));
  const methods = input.kind === 'generic' ? METHODS : [...METHODS, ...SMALL_K_METHODS];
  controls.append(selectControl('method', 'Model', state.method, methods.map((m) => [m, METHOD_LABELS[m]] as const),
    (v) => set({ method: v as AppState['method'] })));
  controls.append(selectControl('test', 'CI test', smallK ? 'z' : state.test, STATE_TESTS.map((t) => [t, TEST_LABELS[t]] as const),
    (v) => set({ test: v as AppState['test'] }), smallK));
  controls.append(selectControl('sort', 'Sort by', state.sort, SORTS.map((x) => [x, SORT_LABELS[x]] as const),
    (v) => set({ sort: v as AppState['sort'] })));
  controls.append(selectControl('scale', 'Scale', state.scale, SCALES.map((x) => [x, SCALE_LABELS[x]] as const),
    (v) => set({ scale: v as AppState['scale'] }), input.kind === 'generic'));
  controls.append(selectControl('layout', 'Layout', state.layout, FOREST_LAYOUTS.map((x) => [x, FOREST_LAYOUT[x].label] as const),
    (v) => set({ layout: v as AppState['layout'] })));
  root.append(controls);

  // GLMM / BAYES of many studies: fitted in the Web Worker while the page stays responsive, then the view re-renders
  const current = analysisFor(dataset, state);
  const before = state.excluded.length > 0 ? analysisFor(dataset, state, { exclusions: false }) : null;
  const pending = [current, before].filter((x): x is Pending => x?.status === 'pending');
  if (pending.length > 0) {
    const what = state.method === 'GLMM' ? 'the GLMM' : 'the Bayesian model';
    root.append(el('div', { 'class': 'fitting', 'id': 'forest-fitting', 'role': 'status', 'aria-live': 'polite' },
      el('progress', { 'aria-label': `Fitting ${what}` }), ` Fitting ${what} in the background…`));
    // a large analysis: what its model reads is made in tasks of their own (prepareForestModel), then the view drawn
    void Promise.all(pending.map(fitInWorker))
      .then(async () => {
        const a = analysisFor(dataset, state);
        if (a.status === 'ready') await prepareForestModel(a.analysis);
        await new Promise((resolve) => setTimeout(resolve, 0));
      })
      .then(() => {
        if (root.isConnected) root.replaceWith(forestView(ctx));
      });
    return root;
  }

  if (current.status === 'error') {
    root.append(el('p', { class: 'error', role: 'alert' }, current.error));
    return root;
  }
  if (current.status !== 'ready') return root;
  const t0 = performance.now();
  const model = forestModel(current.analysis, before?.status === 'ready' ? before.analysis : null, state, { query: studyQuery });
  const poolMs = performance.now() - t0;
  root.setAttribute('data-pool-ms', poolMs.toFixed(3));

  const status = el('p', { 'class': 'change', 'role': 'status', 'aria-live': 'polite' });
  if (model.change) status.textContent = model.change;
  else status.textContent = 'Click a study (or focus it and press Enter) to exclude it; everything re-pools at once.';
  root.append(status);
  if (model.excludedCount > 0) {
    const what = (u: (typeof model.excludedUnits)[number]) => `${u.label} — ${u.rows} ${u.rows === 1 ? 'row' : 'rows'}`;
    root.append(el('p', { class: 'excluded-list' }, `Excluded: ${model.excludedUnits.map(what).join('; ')}.`));
    const mine = new Set(model.excludedUnits.map((u) => u.id));
    const reset = el('button', { type: 'button', class: 'reset' }, `Re-include all (${model.excludedCount})`);
    reset.addEventListener('click', () => set({ excluded: state.excluded.filter((id) => !mine.has(id)) }));
    root.append(reset);
  }

  if (model.error) root.append(el('p', { class: 'error', role: 'alert' }, model.error));
  if (model.selection) {
    const search = el('input', {
      'type': 'search', 'id': 'study-search', 'value': studyQuery, 'placeholder': 'Study name', 'aria-describedby': 'large-k-note',
    });
    search.value = studyQuery;
    search.addEventListener('input', () => {
      clearTimeout(queryTimer);
      queryTimer = setTimeout(() => {
        studyQuery = search.value;
        ctx.navigate({}, 'replace');
        queueMicrotask(() => document.getElementById('study-search')?.focus());
      }, 250);
    });
    root.append(el('div', { class: 'large-k' },
      el('p', { id: 'large-k-note', class: 'muted', role: 'status' }, model.selection.text),
      el('label', { for: 'study-search' }, 'Find a study '), search));
  }
  const unknown = model.analysis.unknownExclusions;
  if (unknown.length > 0) {
    const what = dataset.input.kind === 'studies' ? 'cohort or row of the table' : 'row number of this file';
    root.append(el('p', { class: 'muted unknown-exclusions' },
      `Ignored ${unknown.length} saved ${unknown.length === 1 ? 'exclusion' : 'exclusions'} that name no ${what}: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}.`));
  }
  if (model.spec) {
    const figure = el('figure', { class: 'chart-box forest-box' });
    const width = chartWidth(900, 1400, 1200);
    const svg = forestPlot(model.spec, { width, title: `Forest plot: ${title}`, interactive: true, layout: state.layout, page: chartSlide(width) });
    figure.append(svg);
    // a click names a plotted row; what is excluded is its unit (the cohort, or the row of an upload)
    const toggle = (key: string, byKey: boolean) => {
      const unit = model.unitOf.get(key);
      if (unit === undefined) return;
      const rowIds = new Set(model.analysis.rows.filter((r) => r.unit === unit).map((r) => r.key));
      const ex = new Set(state.excluded);
      const wasExcluded = model.excludedUnits.some((u) => u.id === unit);
      // an old link's row id of the same cohort counts as the cohort
      for (const id of [...ex]) if (id === unit || rowIds.has(id)) ex.delete(id);
      if (!wasExcluded) ex.add(unit);
      focusAfterRender = byKey ? key : null;
      set({ excluded: [...ex] });
    };
    for (const g of svg.querySelectorAll('g.study')) {
      const id = g.getAttribute('data-id') ?? '';
      g.addEventListener('click', () => toggle(id, false));
      g.addEventListener('keydown', (e) => {
        const key = (e as KeyboardEvent).key;
        if (key === 'Enter' || key === ' ') {
          e.preventDefault();
          toggle(id, true);
        }
      });
    }
    attachTooltips(figure, 'g.study', (g) => model.tooltips.get(g.getAttribute('data-id') ?? ''));
    const caveat = isTable && !state.modality
      ? 'Descriptive, not comparative: subgroups are single-arm series of different modalities; their diamonds must not be compared as if randomised.'
      : null;
    root.append(figure, exportMenu({
      ...forestExport(model, state, svg), frame: { title: `Forest plot: ${title}`, method: model.spec.caption, caveat },
    }));
    if (focusAfterRender) {
      const id = focusAfterRender;
      focusAfterRender = null;
      queueMicrotask(() => {
        const target = [...svg.querySelectorAll('g.study')].find((g) => g.getAttribute('data-id') === id);
        (target as SVGGElement | undefined)?.focus();
      });
    }
  }

  if (model.warnings.length) {
    root.append(el('h3', {}, 'Warnings'), el('ul', { class: 'warnings' }, ...model.warnings.map((w) => el('li', {}, w))));
  }
  if (model.notPooled.length) {
    root.append(el('h3', {}, `Rows not pooled (${model.notPooled.length})`));
    const table = el('table', { class: 'data-table not-pooled' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Row'), el('th', { scope: 'col' }, 'Study'), el('th', { scope: 'col' }, 'Reason'))));
    const body = el('tbody');
    for (const x of model.notPooled) body.append(el('tr', {}, el('td', {}, x.row_id), el('td', {}, x.study), el('td', {}, x.reason)));
    table.append(body);
    root.append(el('div', { class: 'table-scroll' }, table));
  }
  if (smallK) {
    root.append(el('p', { class: 'muted' }, 'GLMM and the Bayesian model work on the logit scale and give no inverse-variance '
    + 'study weights (shown as –); the Bayesian interval is a 95% credible interval.'));
  }
  return root;
}
