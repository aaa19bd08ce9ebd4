/** Landing view: the evidence map (chart + an HTML table of the same numbers); each row opens its forest plot. */
import { evidenceMap } from '../../charts/evidenceMap.ts';
import { pct } from '../../charts/format.ts';
import { mapExport } from '../chartExports.ts';
import type { ViewContext } from '../context.ts';
import { el } from '../el.ts';
import { exportMenu } from '../exportMenu.ts';
import type { Analysis } from '../../analysis/index.ts';
import { analysisFor, appSpec } from '../appAnalysis.ts';
import { modelText } from '../forestModel.ts';
import { MAP_SERIES, mapModel, mapSpec, type MapCell, type MapModelRow } from '../mapModel.ts';
import { MEASURE_LABELS } from '../labels.ts';
import { formatState } from '../state.ts';

function cellText(c: MapCell | undefined): string {
  if (!c) return '–';
  const pi = c.pi ? `; PI ${pct(c.pi[0])}–${pct(c.pi[1])}` : '';
  return `${pct(c.estimate)}% [${pct(c.ci[0])}, ${pct(c.ci[1])}]${pi} (k = ${c.k})`;
}

export function mapView(ctx: ViewContext): HTMLElement {
  const root = el('section', { 'class': 'view map-view', 'aria-labelledby': 'map-title' });
  root.append(el('h2', { id: 'map-title' }, 'Evidence map'));
  root.append(el('p', { class: 'statement', role: 'note' },
    el('strong', {}, 'Descriptive, not comparative. '),
    'Each row pools single-arm case series of one modality. Patients, selection and follow-up differ between '
    + 'modalities, so the rows must not be compared with each other as if they came from trials.'));
  const input = ctx.dataset.input;
  if (input.kind !== 'studies') {
    root.append(el('p', {}, 'The evidence map needs a study table; your file has no modalities. '
    + 'Open the forest plot, or use the bundled table.'));
    return root;
  }
  const analyses = new Map<string, Analysis>();
  for (const se of MAP_SERIES) {
    const a = analysisFor(ctx.dataset, ctx.state, { outcome: se.key, modality: '' });
    if (a.status === 'ready' && a.analysis.pooled) analyses.set(se.key, a.analysis);
    else if (a.status === 'error' && !/^no poolable rows/.test(a.error)) {
      root.append(el('p', { class: 'error' }, `Could not pool: ${a.error}`));
      return root;
    }
  }
  let model;
  try {
    model = mapModel(input, analyses, appSpec(ctx.dataset, ctx.state, { modality: '' }));
  } catch (err) {
    root.append(el('p', { class: 'error' }, `Could not pool: ${err instanceof Error ? err.message : String(err)}`));
    return root;
  }
  const s = analyses.get('os_5y')?.spec ?? [...analyses.values()][0]?.spec;
  const excluded = analyses.get('os_5y')?.units.filter((u) => u.excluded).length ?? 0;
  root.append(el('p', { class: 'muted' },
    `${s ? modelText(s) : ''}, ${MEASURE_LABELS[s && s.measure !== 'GEN' ? s.measure : 'PLO']}, back-transformed. `
    + (ctx.state.excluded.length ? `Your exclusions apply here too (${ctx.state.excluded.length} excluded; ${excluded} in 5-year OS). ` : '')
    + 'k = cohorts with any poolable proportion; N = their patients. Choose a row (click or Enter) to open its forest plot.'));

  const open = (row: MapModelRow) => ctx.navigate({ view: 'forest', modality: row.modality, outcome: row.firstOutcome, excluded: [] }, 'push');
  const byId = new Map(model.rows.map((r) => [r.modality, r]));
  const figure = el('figure', { class: 'chart-box' });
  const width = Math.max(900, Math.min(1400, (document.getElementById('app')?.clientWidth ?? 1200) - 8));
  const svg = evidenceMap(mapSpec(model), { width, title: 'Evidence map: pooled outcomes by modality', interactive: true });
  figure.append(svg, el('figcaption', { class: 'muted' },
    'Mark = pooled estimate; solid line = 95% CI; dashed = 95% prediction interval; no mark = not poolable for that outcome.'));
  for (const g of svg.querySelectorAll('g.map-row')) {
    const row = byId.get(g.getAttribute('data-id') ?? '');
    if (!row) continue;
    g.addEventListener('click', () => open(row));
    g.addEventListener('keydown', (e) => {
      const key = (e as KeyboardEvent).key;
      if (key === 'Enter' || key === ' ') {
        e.preventDefault();
        open(row);
      }
    });
  }
  root.append(figure, exportMenu(mapExport(model, svg)));

  const head = ['Modality', 'k', 'N', ...model.series.map((x) => `${x.label} % [95% CI]; PI`), 'Median OS, months (range as printed)', 'Method', 'Warnings'];
  const table = el('table', { class: 'data-table map-table' },
    el('caption', {}, 'The same numbers as a table'),
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))));
  const body = el('tbody');
  for (const r of model.rows) {
    const target = { ...ctx.state, view: 'forest' as const, modality: r.modality, outcome: r.firstOutcome, excluded: [] };
    const link = el('a', { 'href': formatState(target) || '#', 'class': 'open-forest', 'data-id': r.modality }, r.label);
    link.addEventListener('click', (e) => {
      e.preventDefault();
      open(r);
    });
    body.append(el('tr', { 'data-id': r.modality },
      el('th', { scope: 'row' }, link),
      el('td', { class: 'num' }, String(r.k)),
      el('td', { class: 'num' }, String(r.n)),
      ...model.series.map((x) => el('td', { 'data-series': x.key }, cellText(r.cells[x.key]))),
      el('td', {}, r.medianRange || '–'),
      el('td', {}, r.method),
      el('td', {}, r.warnings.length ? el('ul', {}, ...r.warnings.map((w) => el('li', {}, w))) : '–'),
    ));
  }
  table.append(body);
  root.append(el('div', { class: 'table-scroll' }, table));
  return root;
}
