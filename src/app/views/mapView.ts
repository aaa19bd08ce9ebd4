/** Landing view: the evidence map (chart + an HTML table of the same numbers); each row opens its forest plot. */
import { evidenceMap } from '../../charts/evidenceMap.ts';
import { pct } from '../../charts/format.ts';
import { mapExport } from '../chartExports.ts';
import type { ViewContext } from '../context.ts';
import { chartSlide, chartWidth } from '../chartWidth.ts';
import { el } from '../el.ts';
import { pendingNotice } from '../pendingNotice.ts';
import { exportMenu } from '../exportMenu.ts';
import type { Analysis } from '../../analysis/index.ts';
import { analysisFor, appSpec, validOf } from '../appAnalysis.ts';
import { modelText } from '../modelText.ts';
import { MAP_SERIES, MEDIAN_SERIES, mapModel, mapSpec, medianText, type MapCell, type MapModel, type MapModelRow } from '../mapModel.ts';
import type { Dataset } from '../dataset.ts';
import { mapCellKey, mapDiff, type LivingDiff } from '../livingReviewModel.ts';
import { diffClass, diffLegend, diffNote } from './livingDiff.ts';
import type { AppState } from '../state.ts';
import type { MedianOutcome } from '../../analysis/index.ts';
import { MEASURE_LABELS } from '../labels.ts';
import { formatState } from '../state.ts';

function cellText(c: MapCell | undefined): string {
  if (!c) return '–';
  const pi = c.pi ? `; PI ${pct(c.pi[0])}–${pct(c.pi[1])}` : '';
  const sub = c.subgroups.length ? `; subgroup rows: ${c.subgroups.join('; ')}` : '';
  return `${pct(c.estimate)}% [${pct(c.ci[0])}, ${pct(c.ci[1])}]${pi} (k = ${c.k}), N = ${c.n}${sub}`;
}

function list(items: readonly string[]): HTMLElement | string {
  return items.length ? el('ul', {}, ...items.map((w) => el('li', {}, w))) : '–';
}

/** A long list folded: its first item and a count, the rest behind a disclosure. */
function folded(items: readonly string[], what: string): HTMLElement | string {
  if (items.length <= 3) return list(items);
  return el('details', {}, el('summary', {}, `${items.length} ${what}`), list(items));
}

/**
 * The map of the bundled table before the user added studies (the living review's "before"), under the same state;
 * null when it cannot be drawn at once (an error, or a fit still running in the worker): the diff is then left out.
 */
function beforeModel(before: Dataset, state: AppState): MapModel | null {
  const input = validOf(before.input);
  if (input.kind !== 'studies') return null;
  const analyses = new Map<string, Analysis>();
  for (const se of MAP_SERIES) {
    const a = analysisFor(before, state, { outcome: se.key, modality: '' });
    if (a.status === 'ready' && a.analysis.pooled) analyses.set(se.key, a.analysis);
    else if (a.status === 'pending' || (a.status === 'error' && !/^no poolable rows/.test(a.error))) return null;
  }
  try {
    return mapModel(input, analyses, appSpec(before, state, { modality: '' }));
  } catch {
    return null;
  }
}

/** The median cell's notes: one per median outcome of the row that changed. */
function medianNotes(r: MapModelRow, diff: LivingDiff | null): (HTMLElement | null)[] {
  return diff ? MEDIAN_SERIES.map((s) => diffNote(diff.byKey.get(mapCellKey(r.modality, s.key)))) : [];
}

function mediansCell(r: MapModelRow): HTMLElement | string {
  const items = MEDIAN_SERIES.flatMap((s) => {
    const c = r.medians[s.key as MedianOutcome];
    if (!c) return [];
    const wm = c.weighted ? `; weighted ${c.weighted.estimate}${c.weighted.ci ? ` [${c.weighted.ci[0]}, ${c.weighted.ci[1]}]` : ''} (k = ${c.weighted.k})` : '';
    const sub = c.subgroups.length ? `; subgroup rows: ${c.subgroups.join('; ')}` : '';
    return [`${s.label}: ${medianText(c)}${wm}; range ${c.range[0]}–${c.range[1]}${sub}`];
  });
  return list(items);
}

export function mapView(ctx: ViewContext): HTMLElement {
  const root = el('section', { 'class': 'view map-view', 'aria-labelledby': 'map-title' });
  root.append(el('h2', { id: 'map-title' }, 'Evidence map'));
  root.append(el('p', { class: 'statement', role: 'note' },
    el('strong', {}, 'Descriptive, not comparative. '),
    'Each row pools single-arm case series of one modality. Patients, selection and follow-up differ between '
    + 'modalities, so the rows must not be compared with each other as if they came from trials. Randomised '
    + 'comparisons are shown as trials (arm vs its comparator, within the trial) and in the Trials view.'));
  const input = validOf(ctx.dataset.input);
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
    } else if (a.status === 'pending') {
      root.append(pendingNotice(a, () => ctx.navigate({}, 'replace')));
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
    + 'k and N are those of the outcome beside them (cohorts and their patients; * = a pooled row reports a subgroup of its '
    + 'cohort). Median survival: median of the medians (McGrath et al. 2019) of single-arm series, with its '
    + 'distribution-free 95% CI from k = 6. Choose a row (click or Enter) to open its forest plot, or the trials view.'));

  const added = ctx.dataset.added;
  const before = added ? beforeModel(added.before, ctx.state) : null;
  const diff = added && before ? mapDiff(before, model, added.rowIds.size, added.fileName) : null;
  if (diff) {
    const where = 'The chart shows the estimates after adding; the table below shows each change in its cell (highlighted).';
    root.append(diffLegend(diff, 'map-diff', where));
  }

  const open = (row: MapModelRow) => (row.target.view === 'trials'
    ? ctx.navigate({ view: 'trials' }, 'push')
    : ctx.navigate({ view: 'forest', modality: row.modality, outcome: row.target.outcome, excluded: [] }, 'push'));
  const byId = new Map(model.rows.map((r) => [r.modality, r]));
  const figure = el('figure', { class: 'chart-box' });
  const width = chartWidth(900, 1400, 1200);
  const svg = evidenceMap(mapSpec(model), { width, title: 'Evidence map: pooled outcomes by modality', interactive: true, page: chartSlide(width) });
  figure.append(svg, el('figcaption', { class: 'muted' },
    'Mark = pooled estimate; solid line = 95% CI; dashed = 95% prediction interval; no mark = not poolable for that outcome. '
    + 'Right: randomised trials (this modality vs its comparator), review statements (ranges across studies, not pooled) '
    + 'and, for a modality with nothing poolable, what is reported and why it cannot be pooled.'));
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
  root.append(figure, exportMenu({
    ...mapExport(model, svg),
    frame: {
      title: 'Evidence map: pooled outcomes by modality',
      method: `${s ? modelText(s) : ''}, ${MEASURE_LABELS[s && s.measure !== 'GEN' ? s.measure : 'PLO']}, back-transformed; medians: median of the medians (McGrath et al. 2019)`,
      caveat: 'Descriptive, not comparative: each row pools single-arm case series of one modality; rows must not be compared as if they came from trials.',
    },
  }));

  const head = ['Modality', ...model.series.map((x) => `${x.label} % [95% CI]; PI (k), N`), 'Pooled median survival (single-arm series)',
    'Randomised trials (vs comparator)', 'Review statements (ranges, not pooled)', 'Reported, not pooled (reason)', 'Method', 'Warnings'];
  const table = el('table', { class: 'data-table map-table' },
    el('caption', {}, 'The same evidence as a table'),
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))));
  const body = el('tbody');
  for (const r of model.rows) {
    const target = r.target.view === 'trials'
      ? { ...ctx.state, view: 'trials' as const }
      : { ...ctx.state, view: 'forest' as const, modality: r.modality, outcome: r.target.outcome, excluded: [] };
    const link = el('a', { 'href': formatState(target) || '#', 'class': 'open-forest', 'data-id': r.modality }, r.label);
    link.addEventListener('click', (e) => {
      e.preventDefault();
      open(r);
    });
    body.append(el('tr', { 'data-id': r.modality },
      el('th', { scope: 'row' }, link),
      ...model.series.map((x) => {
        const d = diff?.byKey.get(mapCellKey(r.modality, x.key));
        return el('td', { 'data-series': x.key, 'class': diffClass(d) }, cellText(r.cells[x.key]), diffNote(d));
      }),
      el('td', {
        'data-series': 'medians',
        'class': diff && MEDIAN_SERIES.some((s) => diffClass(diff.byKey.get(mapCellKey(r.modality, s.key)))) ? 'diff-changed' : null,
      }, mediansCell(r), ...medianNotes(r, diff)),
      el('td', { 'data-series': 'trials' }, list(r.trials.map((t) => t.text))),
      el('td', { 'data-series': 'reviews' }, folded(r.reviews.map((v) => `review statement: ${v.text}`), 'review statements')),
      el('td', { 'data-series': 'not-pooled' }, Object.values(r.cells).some(Boolean)
        ? folded(r.notPooled.map((x) => `${x.text} (${x.reason})`), 'kinds of number not pooled')
        : list(r.notPooled.map((x) => `${x.text} (${x.reason})`))),
      el('td', {}, r.method),
      el('td', {}, folded(r.warnings, 'warnings')),
    ));
  }
  table.append(body);
  root.append(el('div', { class: 'table-scroll' }, table));
  return root;
}
