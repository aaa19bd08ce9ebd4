/**
 * Survival-curves view: per modality, model-based curves from the study table's published landmarks (dashed,
 * "model-based", to each cohort's last published landmark; extended on request, faded), curves reconstructed in the
 * reconstruct dialog (solid, CI band, numbers at risk) and the pooled curve (src/analysis/survivalCurves.ts);
 * controls for the modality, which curves to draw, extension, expected numbers at risk and whether reconstructed
 * curves join the pool; an S(t) table and a numbers-at-risk table as the chart's text alternative.
 */
import { validOf } from '../appAnalysis.ts';
import { survivalCurvesOf } from '../../analysis/survivalCurves.ts';
import { kmPlot } from '../../charts/kmPlot.ts';
import { fixed } from '../../charts/format.ts';
import type { ViewContext } from '../context.ts';
import { recordsOf } from '../dataset.ts';
import { chartWidth } from '../chartWidth.ts';
import { el } from '../el.ts';
import {
  cohortRepresentatives, curveModalities, kmPanelOf, kmTableCsv, modelEntries, TABLE_TIMES, type KmTableRow,
  type ReconstructedEntry,
} from '../kmModel.ts';
import { exportMenu } from '../exportMenu.ts';
import { modalityLabel } from '../labels.ts';
import { openReconstructDialog } from './reconstructDialog.ts';

/** Curves reconstructed in this session (kept in memory only; gone when the page is closed). */
const session: ReconstructedEntry[] = [];
/** Curves the user ticked (true) or unticked (false); others follow the default: one curve per cohort drawn,
 * its subgroups not (they would crowd the chart; tick them to draw them). And whether the pooled curve is drawn. */
const chosen = new Map<string, boolean>();
let showPooled = true;
/** Expected numbers at risk of model-based curves (n·S(t), no censoring) drawn; reconstructed curves pooled with model-based ones. */
let showExpected = false;
let poolReconstructed = false;
/** The control to focus after the re-render a change causes. */
let focusAfterRender: string | null = null;

const pctText = (s: number | null) => (s === null ? '–' : `${(s * 100).toFixed(1)}%`);
const NOT_REACHED = 'not reached within follow-up';
/** A table cell's survival; after a model-based curve's last landmark (extended) marked as extrapolated. */
const survCell = (r: KmTableRow, i: number) => {
  const t = TABLE_TIMES[i];
  const extrapolated = r.extrapolatedFrom !== undefined && t > r.extrapolatedFrom && r.surv[i] !== null;
  return el('td', {
    'class': extrapolated ? 'num extrapolated' : 'num', 'data-time': t,
    ...(extrapolated ? { title: `extrapolated: after the last published landmark (${r.extrapolatedFrom} months)` } : {}),
  }, extrapolated ? `${pctText(r.surv[i])}*` : pctText(r.surv[i]));
};

export function kmView(ctx: ViewContext): HTMLElement {
  const root = el('section', { 'class': 'view km-view', 'aria-labelledby': 'km-title' });
  const records = recordsOf(ctx.dataset);
  const models = modelEntries(records);
  const modalities = curveModalities(models, session);
  const modality = modalities.includes(ctx.state.modality) ? ctx.state.modality : (modalities[0] ?? '');
  const rerender = (focusId: string | null) => {
    focusAfterRender = focusId;
    ctx.navigate({}, 'replace');
  };

  root.append(el('h2', { id: 'km-title' }, `Survival curves${modality ? `: ${modalityLabel(modality)}` : ''}`));
  root.append(el('p', { class: 'statement km-statement', role: 'note' },
    el('strong', {}, 'Model-based curves come from published landmarks, not patient data. '),
    'A dashed curve joins a cohort\'s published median and 1-, 3-, 5- and 10-year survival with a constant hazard between '
    + 'them (piecewise exponential); between and beyond those points it is an assumption. Solid curves are reconstructed '
    + '(Guyot 2012) from a digitised figure and its numbers at risk. Pools of single-arm series are descriptive.'));

  const controls = el('form', { 'class': 'controls km-controls', 'aria-label': 'Curve options' });
  controls.addEventListener('submit', (e) => e.preventDefault());
  const modSelect = el('select', { id: 'km-modality', name: 'modality' });
  for (const m of modalities) modSelect.append(el('option', { value: m, selected: m === modality }, modalityLabel(m)));
  modSelect.addEventListener('change', () => {
    focusAfterRender = 'km-modality';
    ctx.navigate({ modality: modSelect.value }, 'replace');
  });
  controls.append(el('div', { class: 'control' }, el('label', { for: 'km-modality' }, 'Modality'), modSelect));
  const open = el('button', { type: 'button', id: 'km-reconstruct' }, 'Reconstruct a curve from a figure…');
  open.addEventListener('click', () => openReconstructDialog(root, {
    modalities: [...new Set([...modalities, ...records.map((r) => r.modality)])],
    modality,
    onAdd: (entry) => {
      session.push(entry);
      focusAfterRender = 'km-reconstruct';
      ctx.navigate({ modality: entry.modality }, 'replace');
    },
  }));
  controls.append(open);
  root.append(controls);

  if (!modality) {
    root.append(el('p', {}, 'No cohort in this table publishes a median or x-year overall survival. Reconstruct a curve from a figure to draw one.'));
    return root;
  }

  const inModality = [...models, ...session].filter((m) => m.modality === modality);
  const reps = cohortRepresentatives(models);
  const visible = (e: (typeof inModality)[number]) => chosen.get(e.id) ?? ('ipd' in e || reps.has(e.id));
  const hidden = new Set(inModality.filter((e) => !visible(e)).map((e) => e.id));
  const picks = el('fieldset', { class: 'km-curves' }, el('legend', {}, 'Curves'));
  const box = (id: string, label: string, checked: boolean, onChange: (on: boolean) => void) => {
    const input = el('input', { 'type': 'checkbox', 'id': id, 'checked': checked, 'data-curve': id });
    input.addEventListener('change', () => {
      onChange(input.checked);
      rerender(id);
    });
    return el('label', { class: 'km-pick', for: id }, input, ` ${label}`);
  };
  for (const e of inModality) {
    const kind = 'ipd' in e ? 'reconstructed' : 'model-based';
    const id = `pick-${e.id.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
    const sub = 'ipd' in e || reps.has(e.id) ? '' : ', subgroup';
    picks.append(box(id, `${e.label} (${kind}${sub})`, visible(e), (on) => {
      chosen.set(e.id, on);
    }));
  }
  picks.append(box('pick-pooled', 'Pooled curve', showPooled, (on) => {
    showPooled = on;
  }));
  root.append(picks);

  const hasModels = inModality.some((e) => !('ipd' in e));
  const hasRecon = inModality.some((e) => 'ipd' in e);
  const extend = ctx.state.kmExtend;
  const options = el('fieldset', { class: 'km-curves km-options' }, el('legend', {}, 'Options'));
  if (hasModels) {
    const ext = el('input', { 'type': 'checkbox', 'id': 'km-extend', 'checked': extend, 'data-option': 'extend' });
    ext.addEventListener('change', () => {
      focusAfterRender = 'km-extend';
      ctx.navigate({ kmExtend: ext.checked }, 'replace');
    });
    options.append(el('label', { class: 'km-pick', for: 'km-extend' }, ext,
      ' Extend model-based curves past their last published landmark (faded: extrapolated)'));
    options.append(box('km-expected', 'Expected numbers at risk of model-based curves (n·S(t), no censoring)', showExpected, (on) => {
      showExpected = on;
    }));
  }
  if (hasModels && hasRecon) {
    options.append(box('km-pool-recon', 'Pool reconstructed curves with the model-based ones', poolReconstructed, (on) => {
      poolReconstructed = on;
    }));
  }
  if (options.childElementCount > 1) root.append(options);

  // the analysis layer selects and pools; the user's exclusions (cohorts) leave the pooled curve as every other pool
  const curves = survivalCurvesOf(validOf(ctx.dataset.input), {
    modality, exclude: ctx.state.excluded, hidden, reconstructed: session, poolReconstructed, pool: showPooled,
  });
  const panel = kmPanelOf(curves, session, { extend, expectedAtRisk: showExpected });
  const width = chartWidth(760, 1200, 1100);
  const title = `Survival curves: ${modalityLabel(modality)}`;
  const figure = el('figure', { 'class': 'chart-box km-box', 'aria-describedby': 'km-desc' });
  const svg = panel.spec.curves.length ? kmPlot(panel.spec, { width, title }) : null;
  figure.append(svg ?? el('p', {}, 'No curve selected.'));
  const hasModelRisk = panel.risk.some((r) => r.riskKind === 'expected');
  const hasReconRisk = panel.risk.some((r) => r.riskKind !== 'expected');
  const noN = showExpected ? panel.spec.curves.filter((c) => c.kind === 'model-based' && !c.atRisk).length : 0;
  const desc = panel.table.map((r) => `${r.label} (${r.kind}): ${TABLE_TIMES.map((t, i) => `S(${t}) ${pctText(r.surv[i])}`).join(', ')}`
    + `, median ${r.median === null ? NOT_REACHED : `${fixed(r.median, 1)} months`}`).join('; ');
  // the visible caption says what is and is not drawn; the per-curve numbers (also in the table) are the description
  figure.append(el('figcaption', { class: 'muted' },
    (hasReconRisk ? 'Numbers at risk of reconstructed curves are those of their reconstructed patients. ' : '')
    + (hasModelRisk ? 'Numbers at risk of model-based curves (italic; "(model, no censoring)" in the table below) '
    + 'are expected counts, not published ones: the cohort\'s n × S(t) rounded to whole patients, as if no one were '
    + 'censored. ' : '')
  + (hasModels && !showExpected ? 'Model-based curves have no published numbers at risk (their expected counts are an option above). ' : '')
  + (noN ? `${noN === 1 ? 'One model-based curve has' : `${noN} model-based curves have`} no n in the table and so no `
  + 'numbers at risk. ' : '')
+ 'The tables below list the drawn curves.'),
  el('p', { id: 'km-desc', hidden: true }, `${panel.table.length} curves, survival (%) against months. ${desc}.`));
  root.append(figure);
  if (svg) root.append(exportMenu({ svg, csv: kmTableCsv(panel.table), fileBase: `survival-${modality}`, what: 'survival curves' }));
  if (panel.poolNote) root.append(el('p', { class: 'muted km-pool-note' }, panel.poolNote));
  if (panel.poolWarnings.length) root.append(el('ul', { class: 'warnings' }, ...panel.poolWarnings.map((w) => el('li', {}, w))));

  const table = el('table', { class: 'data-table km-table' },
    el('caption', {}, 'The drawn curves as a table: survival at 12, 36, 60 and 120 months ('
    + '– : after the curve\'s data; * : extrapolated after a model-based curve\'s last published landmark)'),
    el('thead', {}, el('tr', {}, ...['Curve', 'Kind', ...TABLE_TIMES.map((t) => `S(${t} mo)`), 'Median (months)']
      .map((h) => el('th', { scope: 'col' }, h)))));
  const body = el('tbody');
  for (const r of panel.table) {
    body.append(el('tr', { 'data-id': r.id, 'data-kind': r.kind },
      el('th', { scope: 'row' }, r.label), el('td', {}, r.kind),
      ...r.surv.map((_, i) => survCell(r, i)),
      el('td', { 'class': 'num', 'data-field': 'median' }, r.median === null ? NOT_REACHED : fixed(r.median, 1))));
  }
  table.append(body);
  root.append(el('div', { class: 'table-scroll' }, table));

  if (panel.risk.length) {
    const times = panel.spec.riskTimes ?? [];
    const riskTable = el('table', { class: 'data-table km-risk-table' },
      el('caption', {}, hasModelRisk
        ? 'Numbers at risk (as under the chart); model-based rows are expected counts with no censoring, not published'
        : 'Numbers at risk (as under the chart)'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Curve'),
        ...times.map((t) => el('th', { scope: 'col' }, `${t} mo`)))));
    const riskBody = el('tbody');
    for (const r of panel.risk) {
      riskBody.append(el('tr', { 'data-id': r.id, 'data-kind': r.kind, 'data-risk-kind': r.riskKind }, el('th', { scope: 'row' }, r.label),
        ...r.atRisk.map((v, i) => el('td', { 'class': 'num', 'data-time': times[i] }, v === null ? '–' : String(v)))));
    }
    riskTable.append(riskBody);
    root.append(el('div', { class: 'table-scroll' }, riskTable));
  }

  const notes = models.filter((m) => m.modality === modality).flatMap((m) => [
    ...m.notes.map((n) => `${m.label}: ${n}`),
    ...m.curve.warnings.filter((w) => !w.startsWith('beyond')).map((w) => `${m.label}: ${w}`)]);
  if (notes.length) {
    root.append(el('h3', {}, 'Notes on the landmarks'), el('ul', { class: 'warnings km-notes' }, ...notes.map((n) => el('li', {}, n))));
  }
  if (focusAfterRender) {
    const id = focusAfterRender;
    focusAfterRender = null;
    queueMicrotask(() => document.getElementById(id)?.focus());
  }
  return root;
}
