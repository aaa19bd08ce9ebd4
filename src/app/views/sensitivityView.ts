/**
 * Sensitivity view: for one outcome and one modality, the pooled proportion under every model (the sensitivity
 * matrix, disagreements marked), the Bayesian posterior of τ (median and 95% credible interval), and a τ "what-if"
 * slider that refits the model with τ fixed at its value (meta/fixedTau.ts) and shows the estimate and prediction
 * interval move. Each chart has export buttons and a table alternative.
 */
import { densityPlot } from '../../charts/densityPlot.ts';
import { rScript } from '../../charts/export/rScript.ts';
import { resultsToCsv } from '../../charts/export/resultsToCsv.ts';
import { pct } from '../../charts/format.ts';
import { sensitivityChart } from '../../charts/sensitivityChart.ts';
import type { SensitivityRow } from '../../meta/sensitivity.ts';
import type { Interval } from '../../meta/types.ts';
import type { ViewContext } from '../context.ts';
import { poolableOutcomes, recordsOf } from '../dataset.ts';
import { chartWidth } from '../chartWidth.ts';
import { el } from '../el.ts';
import { pendingNotice } from '../pendingNotice.ts';
import { selectControl } from '../selectControl.ts';
import { exportMenu } from '../exportMenu.ts';
import { MEASURE_LABELS, TEST_LABELS, modalityLabel, outcomeLabel } from '../labels.ts';
import { analysisFor, appSpec, validOf } from '../appAnalysis.ts';
import { chooseModality, modalityChoices, sensitivityModel, whatIf, type SensitivityModel } from '../sensitivityModel.ts';
import type { AppState } from '../state.ts';

/** The slider's τ per selection, kept while the page is open (not in the URL: it is a what-if, not a setting). */
const sliderTau = new Map<string, number>();

const percent = (p: number): string => `${pct(p)}%`;
const range = (iv: Interval | null): string => (iv ? `${percent(iv[0])} to ${percent(iv[1])}` : '–');

function matrixTable(rows: readonly SensitivityRow[], reference: string, flagged: ReadonlySet<string>): HTMLElement {
  const table = el('table', { class: 'data-table sensitivity-table' },
    el('caption', {}, 'The sensitivity matrix as a table'),
    el('thead', {}, el('tr', {}, ...['Model', 'Pooled %', '95% CI (Bayes: CrI)', 'τ²', 'Note']
      .map((h) => el('th', { scope: 'col' }, h)))));
  const body = el('tbody');
  for (const r of rows) {
    const note = r.model === reference ? 'reference (forest view settings)' : flagged.has(r.model) ? 'differs by more than the threshold' : '';
    body.append(el('tr', { 'data-model': r.model, 'class': flagged.has(r.model) ? 'flagged' : null },
      el('th', { scope: 'row' }, r.model), el('td', { class: 'num' }, percent(r.estimate)), el('td', {}, range(r.ci)),
      el('td', { class: 'num' }, r.tau2 === null ? '–' : r.tau2.toPrecision(3)), el('td', {}, note)));
  }
  table.append(body);
  return el('details', { class: 'table-alt' }, el('summary', {}, 'Show as a table'), el('div', { class: 'table-scroll' }, table));
}

function whatIfPanel(model: SensitivityModel, key: string): HTMLElement {
  const box = el('section', { 'class': 'what-if', 'aria-labelledby': 'what-if-title' });
  box.append(el('h3', { id: 'what-if-title' }, 'What if τ were …?'));
  box.append(el('p', { class: 'muted' },
    `The model refitted with τ fixed (${MEASURE_LABELS[model.measure]} scale, ${TEST_LABELS[model.test]} CI), `
    + `as metafor's rma(tau2 = …). Estimated τ = ${model.tauHat.toFixed(3)}.`));
  const start = sliderTau.get(key) ?? model.tauHat;
  // step 'any' so the slider can sit exactly on the estimate; arrow keys move by 1% of the range, Page keys by 10%
  const input = el('input', {
    'type': 'range', 'id': 'tau-slider', 'min': 0, 'max': model.tauMax, 'step': 'any', 'value': start,
    'aria-describedby': 'what-if-result',
  });
  input.value = String(start);
  const valueText = el('output', { id: 'tau-value', for: 'tau-slider', class: 'slider-value' });
  const result = el('p', { 'id': 'what-if-result', 'class': 'what-if-result', 'aria-live': 'polite' });
  const reset = el('button', { type: 'button', class: 'reset-tau' }, 'Back to the estimate');
  const update = (): void => {
    const tau = Number(input.value);
    sliderTau.set(key, tau);
    const f = whatIf(model, tau);
    if (f === null) return;
    valueText.textContent = `τ = ${tau.toFixed(3)} (τ² = ${(tau * tau).toFixed(4)})`;
    input.setAttribute('aria-valuetext', `tau ${tau.toFixed(3)}`);
    result.textContent = `Pooled estimate ${percent(f.back.estimate)} (95% CI ${range(f.back.ci)}); `
      + `95% prediction interval ${range(f.back.pi)}`;
    result.setAttribute('data-tau', String(tau));
    result.setAttribute('data-estimate', String(f.back.estimate));
    result.setAttribute('data-ci', f.back.ci.join(','));
    result.setAttribute('data-pi', f.back.pi ? f.back.pi.join(',') : '');
  };
  input.addEventListener('input', update);
  input.addEventListener('keydown', (e) => {
    const delta = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 10, PageDown: -10 }[e.key];
    if (delta === undefined) return;
    e.preventDefault();
    const next = Math.min(model.tauMax, Math.max(0, Number(input.value) + delta * model.tauMax / 100));
    input.value = String(Math.round(next * 1e6) / 1e6);
    update();
  });
  reset.addEventListener('click', () => {
    input.value = String(model.tauHat);
    update();
  });
  update();
  box.append(el('div', { class: 'slider-row' }, el('label', { for: 'tau-slider' }, 'τ (between-study SD)'), input, valueText, reset),
    result);
  return box;
}

export function sensitivityView(ctx: ViewContext): HTMLElement {
  const { state, dataset } = ctx;
  const set = (patch: Partial<AppState>) => ctx.navigate(patch, 'replace');
  const isTable = dataset.input.kind === 'studies';
  const modalities = isTable ? modalityChoices(validOf(dataset.input), appSpec(dataset, state)) : [];
  const modality = isTable ? chooseModality(modalities, state.modality) : '';
  const found = analysisFor(dataset, state, { modality });
  if (found.status === 'pending') {
    return el('section', { class: 'view sensitivity-view' }, el('h2', {}, 'Sensitivity'),
      pendingNotice(found, () => ctx.navigate({}, 'replace')));
  }
  const model = sensitivityModel(
    found.status === 'ready' ? found.analysis
      : found.error,
    modality, modalities);
  const where = isTable ? `${outcomeLabel(state.outcome)} — ${model.modality ? modalityLabel(model.modality) : 'no modality'}` : dataset.name;
  const root = el('section', { 'class': 'view sensitivity-view', 'aria-labelledby': 'sensitivity-title' });
  root.append(el('h2', { id: 'sensitivity-title' }, `Sensitivity: ${where}`));

  if (isTable) {
    const controls = el('form', { 'class': 'controls', 'aria-label': 'Selection' });
    controls.addEventListener('submit', (e) => e.preventDefault());
    const outcomes = poolableOutcomes(recordsOf(dataset));
    controls.append(selectControl('outcome', 'Outcome', state.outcome, outcomes.map((o) => [o, outcomeLabel(o)] as const),
      (v) => set({ outcome: v })));
    controls.append(selectControl('modality', 'Modality', model.modality,
      model.modalities.map((m) => [m.modality, `${modalityLabel(m.modality)} (k = ${m.k})`] as const),
      (v) => set({ modality: v })));
    root.append(controls);
  }
  if (model.error || !model.matrix || !model.posterior) {
    root.append(el('p', { class: 'error', role: 'alert' }, model.error ?? 'Nothing to show.'));
    return root;
  }
  const m = model.matrix;
  const ref = m.rows.find((r) => r.model === model.reference) ?? m.rows[0];
  const flagged = new Set(m.rows.filter((r) => Math.abs(r.estimate - ref.estimate) > m.threshold).map((r) => r.model));
  root.append(el('p', { class: m.disagree ? 'statement disagree' : 'statement', role: 'note' },
    el('strong', {}, m.disagree ? 'The models disagree. ' : 'The models agree. '),
    `Pooled ${outcomeLabel(state.outcome).toLowerCase()} ranges from ${percent(m.min)} to ${percent(m.max)} across ${m.rows.length} models `
    + `(spread ${(m.spread * 100).toFixed(1)} points; tolerance ${(m.threshold * 100).toFixed(0)} points), k = ${m.k}. `
    + (flagged.size === 0 ? 'No model differs from the reference by more than the tolerance.'
      : `${flagged.size} ${flagged.size === 1 ? 'model differs' : 'models differ'} from the reference by more than the tolerance `
        + '(marked ▲ and in bold).')));

  root.append(whatIfPanel(model, `${dataset.name}|${state.outcome}|${model.modality}|${model.measure}|${model.test}`));
  root.append(el('h3', {}, 'Pooled estimate under each model'));
  const fileBase = `sensitivity-${state.outcome}-${model.modality || 'file'}`;
  const width = chartWidth(640, 1000, 1000);
  const chart = sensitivityChart(
    { rows: m.rows, reference: ref.model, threshold: m.threshold, xLabel: `${outcomeLabel(state.outcome)} (%)` },
    { width, title: `Sensitivity of the pooled proportion: ${where}` },
  );
  const csv = resultsToCsv(m.rows, ['model', 'measure', 'method', 'test', 'estimate',
    { header: 'ci_lb', value: (r) => r.ci[0] }, { header: 'ci_ub', value: (r) => r.ci[1] }, 'tau2',
    { header: 'differs', value: (r) => flagged.has(r.model) }]);
  const refMethod = ref.method === 'GLMM' || ref.method === 'BAYES' ? 'REML' : ref.method;
  const script = rScript({ measure: ref.measure, method: refMethod, test: ref.test ?? 'z', studies: model.studies });
  root.append(el('figure', { 'class': 'chart-box sensitivity-box', 'aria-labelledby': 'sensitivity-caption' }, chart,
    el('figcaption', { id: 'sensitivity-caption', class: 'muted' },
      `Each row: pooled proportion and 95% interval under one model; reference ${ref.model} (the forest view's settings); `
      + 'shaded band: reference ± tolerance. Rows outside the band are bold with a ▲.')));
  root.append(exportMenu({
    svg: chart, csv, rScript: script, fileBase, what: 'sensitivity matrix',
    frame: { title: `Sensitivity of the pooled proportion: ${where}`, method: `k = ${m.k}; reference ${ref.model}; tolerance ${(m.threshold * 100).toFixed(0)} points` },
  }));
  root.append(matrixTable(m.rows, ref.model, flagged));

  const p = model.posterior;
  root.append(el('h3', {}, 'Posterior of τ (Bayesian model)'));
  const density = densityPlot({
    x: p.tauDensity.tau, density: p.tauDensity.density, median: p.tau.median, ci: p.tau.ci, parameter: 'τ',
    xLabel: 'τ, between-study SD (logit scale)', digits: 3,
  }, { width: Math.min(width, 720), title: `Posterior density of τ: ${where}` });
  const densityCsv = resultsToCsv(p.tauDensity.tau.map((t, i) => ({ tau: t, density: p.tauDensity.density[i] })), ['tau', 'density']);
  root.append(el('figure', { 'class': 'chart-box density-box', 'aria-labelledby': 'density-caption' }, density,
    el('figcaption', { id: 'density-caption' },
      `Posterior median τ = ${p.tau.median.toFixed(3)}, 95% credible interval ${p.tau.ci[0].toFixed(3)} to ${p.tau.ci[1].toFixed(3)} `
      + `(half-normal prior, scale ${p.tauPriorScale}; normal–normal model on the logit scale).`)));
  root.append(exportMenu({
    svg: density, csv: densityCsv, fileBase: `tau-posterior-${state.outcome}-${model.modality || 'file'}`, what: 'posterior of τ',
    frame: { title: `Posterior density of τ: ${where}`, method: `Bayesian normal–normal model on the logit scale, half-normal τ prior (scale ${p.tauPriorScale})` },
  }));

  return root;
}
