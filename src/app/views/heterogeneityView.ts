/**
 * Heterogeneity view: why do the series disagree? For the current outcome, modality and exclusions (the forest
 * view's analysis), a meta-regression on one moderator — year, n, design or a moderator the seeds report (tumour
 * grade, primary site, functional status, liver tumour burden, the surgical mix) — as a bubble plot (effect against
 * the moderator, bubble area ∝ weight, the fitted line with its 95% CI band), the coefficient table, the tests (QM,
 * QE, τ², residual I², R², a permutation p on request), the guard-rail warnings and the ecological-fallacy caveat
 * beside them. Every number comes from the analysis layer (heterogeneityModel → src/analysis/regression.ts).
 */
import { resultsToCsv } from '../../charts/export/resultsToCsv.ts';
import { bubblePlot } from '../../charts/bubblePlot.ts';
import { fixed, pText } from '../../charts/format.ts';
import { MODALITIES } from '../../data/vocabulary.ts';
import type { Coefficient } from '../../meta/metaRegression.ts';
import { analysisFor } from '../appAnalysis.ts';
import type { ViewContext } from '../context.ts';
import { poolableOutcomes, recordsOf } from '../dataset.ts';
import { chartWidth } from '../chartWidth.ts';
import { el } from '../el.ts';
import { pendingNotice } from '../pendingNotice.ts';
import { selectControl } from '../selectControl.ts';
import { exportMenu } from '../exportMenu.ts';
import { heterogeneityModel, heterogeneityPermutation, type HeterogeneityModel } from '../heterogeneityModel.ts';
import { MEASURE_LABELS, METHOD_LABELS, TEST_LABELS, modalityLabel, outcomeLabel } from '../labels.ts';
import type { AppState } from '../state.ts';

/** A number shown rounded, with its full value in data-value (what the browser test reads). */
function num(text: string, value: number | null): HTMLElement {
  return el('td', { 'data-value': value === null ? '' : String(value) }, text);
}

function coefficientTable(model: HeterogeneityModel, coefficients: readonly Coefficient[]): HTMLElement {
  const ra = model.regression!;
  const scale = MEASURE_LABELS[ra.measure] ?? ra.measure;
  const statName = ra.result.test === 'knha' ? 't' : 'z';
  const t = el('table', { 'class': 'data-table coefficients', 'aria-describedby': 'het-coef-note' },
    el('caption', {}, `Coefficients (${scale} scale)`),
    el('thead', {}, el('tr', {}, ...['Term', 'Estimate', 'SE', statName, '95% CI', 'p'].map((h) => el('th', { scope: 'col' }, h)))));
  const body = el('tbody');
  for (const c of coefficients) {
    const ci = el('td', { 'data-lb': String(c.ci[0]), 'data-ub': String(c.ci[1]) }, `${fixed(c.ci[0], 4)} to ${fixed(c.ci[1], 4)}`);
    body.append(el('tr', { 'data-name': c.name },
      el('th', { scope: 'row' }, c.name === 'intrcpt' ? 'Intercept' : c.name),
      num(fixed(c.estimate, 4), c.estimate), num(fixed(c.se, 4), c.se), num(fixed(c.stat, 3), c.stat), ci,
      num(pText(c.p), c.p)));
  }
  t.append(body);
  return el('div', { class: 'table-scroll' }, t,
    el('p', { id: 'het-coef-note', class: 'muted' }, `Estimates on the ${scale} scale: the slope is the change in the `
    + `${scale} effect per unit of the moderator${ra.result.test === 'knha' ? `; t with ${ra.result.df} df (Knapp–Hartung)` : ''}.`));
}

function testsList(model: HeterogeneityModel): HTMLElement {
  const r = model.regression!.result;
  const qm = r.test === 'knha'
    ? `F(${r.QM_df}, ${r.df}) = ${fixed(r.QM, 3)}, p = ${pText(r.QM_p)}`
    : `χ²(${r.QM_df}) = ${fixed(r.QM, 3)}, p = ${pText(r.QM_p)}`;
  const item = (name: string, label: string, text: string, value: number) =>
    el('div', { 'class': 'test-item', 'data-test': name, 'data-value': String(value) }, el('dt', {}, label), el('dd', {}, text));
  return el('dl', { class: 'het-tests' },
    item('QM', 'Test of moderators (QM)', qm, r.QM_p),
    item('QE', 'Residual heterogeneity (QE)', `Q(${r.QE_df}) = ${fixed(r.QE, 3)}, p = ${pText(r.QE_p)}`, r.QE_p),
    item('tau2', 'Residual τ²', fixed(r.tau2, 4), r.tau2),
    item('I2', 'Residual I²', `${fixed(r.I2, 1)}%`, r.I2),
    item('R2', 'R² (τ² accounted for)', `${fixed(r.R2, 1)}%`, r.R2),
    item('k', 'Studies in the model (k)', String(r.k), r.k));
}

function permutationBox(model: HeterogeneityModel): HTMLElement {
  const out = el('p', { 'class': 'permutation-result', 'role': 'status', 'aria-live': 'polite' });
  const button = el('button', { type: 'button', id: 'het-permute' }, 'Run the permutation test (1 000 permutations)');
  button.addEventListener('click', () => {
    const p = heterogeneityPermutation(model);
    if (p === null) return;
    out.dataset.value = String(p.QM_p);
    out.textContent = `Permutation p of the moderators: ${pText(p.QM_p)} (${p.exact ? `exact, all ${p.iterations} distinct permutations`
      : `${p.iterations} random permutations, seed ${p.seed}`}; Higgins & Thompson 2004, as metafor permutest).`;
  });
  return el('div', { class: 'permutation' }, button, out);
}

function studiesCsv(model: HeterogeneityModel): string {
  const ra = model.regression!;
  return resultsToCsv(ra.rows, [
    { header: 'study', value: (r) => r.label },
    { header: 'key', value: (r) => r.key },
    { header: model.moderator, value: (r) => r.values[0] },
    'yi', 'vi',
    { header: model.percent ? 'effect_percent' : 'effect', value: (r) => (model.percent ? 100 : 1) * (model.studies.find((s) => s.key === r.key)?.y ?? Number.NaN) },
    { header: 'weight_percent', value: (r) => r.weight },
    { header: 'in_model', value: (r) => r.reason === null },
    { header: 'reason', value: (r) => r.reason ?? '' },
    { header: 'source_quote', value: (r) => r.provenance[0]?.quote ?? '' },
  ]);
}

function coefficientsCsv(model: HeterogeneityModel): string {
  const r = model.regression!.result;
  const rows = [
    ...r.coefficients.map((c) => ({
      term: c.name, estimate: c.estimate, se: c.se, ci_lb: c.ci[0], ci_ub: c.ci[1], p: c.p,
    })),
    { term: 'QM', estimate: r.QM, se: null, ci_lb: null, ci_ub: null, p: r.QM_p },
    { term: 'QE', estimate: r.QE, se: null, ci_lb: null, ci_ub: null, p: r.QE_p },
    { term: 'tau2', estimate: r.tau2, se: null, ci_lb: null, ci_ub: null, p: null },
    { term: 'I2', estimate: r.I2, se: null, ci_lb: null, ci_ub: null, p: null },
    { term: 'R2', estimate: r.R2, se: null, ci_lb: null, ci_ub: null, p: null },
  ];
  return resultsToCsv(rows, ['term', 'estimate', 'se', 'ci_lb', 'ci_ub', 'p']);
}

export function heterogeneityView(ctx: ViewContext): HTMLElement {
  const { state, dataset } = ctx;
  const set = (patch: Partial<AppState>) => ctx.navigate(patch, 'replace');
  const isTable = dataset.input.kind === 'studies';
  const where = isTable
    ? `${outcomeLabel(state.outcome)} — ${state.modality ? modalityLabel(state.modality) : 'all modalities'}`
    : dataset.name;
  const root = el('section', { 'class': 'view heterogeneity-view', 'aria-labelledby': 'heterogeneity-title' });
  root.append(el('h2', { id: 'heterogeneity-title' }, `Heterogeneity: ${where}`));
  const controls = el('form', { 'class': 'controls', 'aria-label': 'Selection' });
  controls.addEventListener('submit', (e) => e.preventDefault());
  if (isTable) {
    const records = recordsOf(dataset);
    controls.append(selectControl('outcome', 'Outcome', state.outcome,
      poolableOutcomes(records).map((o) => [o, outcomeLabel(o)] as const), (v) => set({ outcome: v })));
    const modalities = MODALITIES.filter((m) => records.some((r) => r.modality === m));
    controls.append(selectControl('modality', 'Modality', state.modality,
      [['', 'All modalities'], ...modalities.map((m) => [m, modalityLabel(m)] as const)], (v) => set({ modality: v })));
  }
  root.append(controls);
  const found = analysisFor(dataset, state);
  if (found.status !== 'ready') {
    root.append(pendingNotice(found, () => ctx.navigate({}, 'replace')));
    return root;
  }
  const model = heterogeneityModel(dataset, found.analysis, state);
  if (model.choices.length > 0) {
    controls.append(selectControl('moderator', 'Moderator', model.moderator, model.choices.map((c) => [c.name,
      `${c.label} (${c.present} of ${model.included} ${model.included === 1 ? 'study' : 'studies'})`] as const),
    (v) => set({ moderator: v })));
  }
  const caveat = el('p', { class: 'statement caveat', role: 'note', id: 'het-caveat' },
    el('strong', {}, 'Ecological fallacy. '), model.regression?.caveat ?? 'Meta-regression relates study-level averages, '
    + 'not patients: an association across studies need not hold within them, and may reflect confounding.');
  if (!state.modality && isTable) {
    root.append(el('p', { class: 'statement', role: 'note' }, el('strong', {}, 'Mixed modalities. '),
      'Across single-arm series of different treatments the moderator is confounded with the treatment; choose a modality.'));
  }
  for (const n of model.notes) root.append(el('p', { class: 'muted' }, n));
  if (model.error || model.regression === null) {
    root.append(el('p', { 'class': 'error', 'role': 'alert', 'data-error': 'regression' },
      `No meta-regression on ${model.label.toLowerCase()}: ${model.error ?? 'nothing to fit'}`), caveat);
    return root;
  }
  const ra = model.regression;
  const r = ra.result;
  root.append(el('p', { class: 'muted' }, `k = ${r.k} of ${model.included} studies; ${METHOD_LABELS[r.method]} τ², `
  + `${TEST_LABELS[r.test]} tests, ${MEASURE_LABELS[ra.measure]} scale (the forest view's settings); as metafor `
  + `rma(yi, vi, mods = ~ ${model.moderator}).`));

  const yLabel = isTable ? outcomeLabel(state.outcome) : 'Effect';
  const levelsNote = model.continuous ? '' : ` (${(r.design.terms[0].levels ?? []).map((l, i) => `${i + 1} = ${l}`).join(', ')})`;
  const warning = ra.warnings.find((w) => w.code === 'few_studies_per_moderator');
  const width = chartWidth(480, 720, 900);
  const svg = bubblePlot({
    studies: model.studies,
    line: model.line.map((p) => ({ x: p.x, estimate: p.display.estimate, ci: p.display.ci })),
    xLabel: `${model.label}${levelsNote}`,
    yLabel: model.percent ? yLabel : `${yLabel} (${MEASURE_LABELS[ra.measure]} scale)`,
    percent: model.percent,
    caption: warning ? `k = ${r.k}: fewer than 10 studies per moderator` : undefined,
  }, { width, title: `Bubble plot: ${where} against ${model.label.toLowerCase()}` });
  svg.classList.add('het-bubble');
  const figure = el('figure', { class: 'chart-box' }, svg, el('figcaption', {},
    `Each circle is a study (area ∝ its weight in the model); ${model.continuous
      ? 'the line is the fitted meta-regression with its 95% CI band'
      : 'the categories are placed at 1, 2, …'}${model.percent ? ', back-transformed to percent' : ''}.`));
  const base = `heterogeneity-${state.outcome}-${state.modality || 'all'}-${model.moderator}`;
  const aside = el('aside', { 'class': 'het-aside', 'aria-label': 'Caveat and warnings' }, caveat);
  const guard = ra.warnings.filter((w) => w.code !== 'km_as_binomial');
  if (guard.length > 0) {
    aside.append(el('ul', { class: 'het-warnings' }, ...guard.map((w) => el('li', { 'data-code': w.code }, w.message))));
  }
  const shared = ra.warnings.filter((w) => w.code === 'km_as_binomial');
  for (const w of shared) aside.append(el('p', { class: 'muted' }, w.message));
  root.append(el('div', { class: 'het-grid' }, el('div', {}, figure,
    exportMenu({ svg, csv: studiesCsv(model), fileBase: base, what: 'bubble plot' })), aside));

  root.append(coefficientTable(model, r.coefficients),
    exportMenu({ svg: null, csv: coefficientsCsv(model), fileBase: `${base}-coefficients`, what: 'coefficient table' }));
  if (!model.continuous && model.levels.length > 0) {
    root.append(el('h3', {}, 'Predicted effect per level'), el('ul', { class: 'het-levels' }, ...model.levels.map((l) =>
      el('li', {}, `${l.level}: ${model.percent ? `${fixed(100 * l.display.estimate, 1)}% (95% CI ${fixed(100 * l.display.ci[0], 1)} to ${fixed(100 * l.display.ci[1], 1)})`
        : `${fixed(l.display.estimate, 3)} (95% CI ${fixed(l.display.ci[0], 3)} to ${fixed(l.display.ci[1], 3)})`}`))));
  }
  root.append(el('h3', {}, 'Tests'), testsList(model), permutationBox(model));
  const left = ra.rows.filter((x) => x.reason !== null);
  if (left.length > 0) {
    root.append(el('h3', {}, 'Studies not in the model'), el('ul', { class: 'het-left-out' },
      ...left.map((x) => el('li', {}, `${x.label}: ${x.reason}`))));
  }
  const sourced = ra.rows.filter((x) => x.provenance[0] !== null);
  if (sourced.length > 0) {
    const t = el('table', { class: 'data-table' }, el('caption', {}, `${model.label}: where each value comes from`),
      el('thead', {}, el('tr', {}, ...['Study', 'Value', 'Seed, ref', 'Quote', 'Note'].map((h) => el('th', { scope: 'col' }, h)))));
    const body = el('tbody');
    for (const x of sourced) {
      const p = x.provenance[0]!;
      body.append(el('tr', {}, el('th', { scope: 'row' }, x.label), el('td', {}, String(p.value)),
        el('td', {}, `${p.seed.slice(0, 3)} [${p.seed_ref}], ${p.section}`), el('td', {}, `“${p.quote}”`), el('td', {}, p.note)));
    }
    t.append(body);
    root.append(el('details', { class: 'table-alt' }, el('summary', {}, 'Provenance of the moderator values'),
      el('div', { class: 'table-scroll' }, t)));
  }
  return root;
}
