/**
 * The forest view's model: an Analysis (the state's, and the same without exclusions for the before → after) → a
 * ForestSpec of display values. Every number comes from the analysis (fits, weights) or the engine (studyIntervals);
 * this file only picks, orders and labels them.
 */
import type { ForestGroup, ForestSpec, ForestStudy, ForestSummary } from '../charts/forestPlot.ts';
import { pct, fixed } from '../charts/format.ts';
import type { Analysis, ExclusionUnit, PooledFit, SelectedRow } from '../analysis/index.ts';
import type { StudyRecord } from '../data/types.ts';
import { studyIntervals } from '../meta/studyIntervals.ts';
import type { EffectSize, Measure } from '../meta/types.ts';
import { disagreementIdsOf } from './disagreementsModel.ts';
import { MEASURE_LABELS, modalityLabel, outcomeLabel } from './labels.ts';
import { modelText, type ModelSettings } from './modelText.ts';
import type { AppState } from './state.ts';

/** A row not pooled, as the view lists it. */
export interface NotPooled {
  readonly row_id: string;
  readonly study: string;
  readonly reason: string;
}

export interface ForestModel {
  readonly spec: ForestSpec | null;
  /** why nothing could be pooled, when spec is null or every study is excluded */
  readonly error: string | null;
  readonly notPooled: readonly NotPooled[];
  readonly warnings: readonly string[];
  /** e.g. "Overall 66.2% → 63.9% (−2.3 points) after excluding 1 study"; null with no exclusion */
  readonly change: string | null;
  /** tooltip text by row key */
  readonly tooltips: ReadonlyMap<string, string>;
  readonly measure: Measure;
  /** the exclusion unit (cohort id or row number) of each plotted row key */
  readonly unitOf: ReadonlyMap<string, string>;
  /** the user's exclusions that match something in this analysis: "Mayo 2010 — 4 rows" */
  readonly excludedUnits: readonly ExclusionUnit[];
  readonly excludedCount: number;
  readonly analysis: Analysis;
  /** set when the analysis has more than LARGE_K plotted rows: the chart shows a selection of them */
  readonly selection: LargeKSelection | null;
}

/** Above this many plotted rows the forest plot draws a selection, not every row (an SVG of 10⁵ rows is unreadable). */
export const LARGE_K = 200;
/** How many of the heaviest, and of the most extreme on each side, a large forest plot draws. */
const HEAVIEST = 25;
const EXTREME = 10;
/** At most this many search matches are drawn. */
const MATCHES = 50;

export interface LargeKSelection {
  readonly total: number;
  readonly shown: number;
  /** the search text, and how many rows match it */
  readonly query: string;
  readonly matches: number;
  readonly text: string;
}

/**
 * The first `n` of `rows` in the order a stable sort by `before` would give (`before(a, b)`: a goes first), in one
 * pass: no copy or sort of 10⁵ rows.
 */
function firstBy(
  rows: readonly SelectedRow[], n: number, before: (a: SelectedRow, b: SelectedRow) => boolean,
): SelectedRow[] {
  const best: SelectedRow[] = [];
  for (const r of rows) {
    if (best.length === n && !before(r, best[n - 1])) continue;
    let i = best.length;
    while (i > 0 && before(r, best[i - 1])) i -= 1;
    best.splice(i, 0, r);
    if (best.length > n) best.pop();
  }
  return best;
}

/**
 * The rows a large forest plot always draws: the heaviest and the most extreme on each side (as a stable sort of the
 * rows would rank them) and every excluded row.
 */
function largeKBase(
  rows: readonly SelectedRow[], weight: (r: SelectedRow) => number, estimate: (r: SelectedRow) => number,
): Set<string> {
  const keep = new Set<string>();
  for (const r of firstBy(rows, HEAVIEST, (a, b) => weight(a) > weight(b))) keep.add(r.key);
  const finite = rows.filter((r) => Number.isFinite(estimate(r)));
  for (const r of firstBy(finite, EXTREME, (a, b) => estimate(a) < estimate(b))) keep.add(r.key);
  // the highest: a stable ascending sort read backwards puts the later of two equal estimates first
  for (const r of firstBy(finite, EXTREME, (a, b) => estimate(a) >= estimate(b))) keep.add(r.key);
  for (const r of rows) if (r.status === 'excluded') keep.add(r.key);
  return keep;
}

/**
 * The rows a large forest plot draws: `base` (largeKBase) and the rows whose label contains `query`
 * (case-insensitive; the first MATCHES of them).
 */
function largeKRows(
  rows: readonly SelectedRow[], base: ReadonlySet<string>, query: string,
): { keep: Set<string>; matches: number } {
  const keep = new Set(base);
  let matches = 0;
  const q = query.trim().toLowerCase();
  if (q) {
    for (const r of rows) {
      if (!r.label.toLowerCase().includes(q)) continue;
      matches += 1;
      if (matches <= MATCHES) keep.add(r.key);
    }
  }
  return { keep, matches };
}

/** What forestModel reads of an analysis whatever the view's settings: made once per analysis (O(k) for 10⁵ rows). */
interface AnalysisIndex {
  readonly allRows: readonly SelectedRow[];
  readonly excludedUnits: readonly ExclusionUnit[];
  readonly notPooled: readonly NotPooled[];
  readonly unitOf: ReadonlyMap<string, string>;
  readonly fits: readonly PooledFit[];
  readonly weights: ReadonlyMap<string, number>;
  readonly effectByKey: ReadonlyMap<string, EffectSize>;
  /** the plotted rows' groups, in order of first row */
  readonly groupOrder: readonly string[];
}

const indexes = new WeakMap<Analysis, AnalysisIndex>();
/** Large k: the rows always drawn (largeKBase), per analysis; null at most LARGE_K plotted rows. */
const largeKs = new WeakMap<Analysis, ReadonlySet<string> | null>();

/** A task boundary: the page's other tasks (input, drawing) run before the promise resolves. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Makes what forestModel reads of `a` in tasks of its own (each O(k)), after the caller's task (which received the
 * analysis from the worker), so that drawing the view of a 10⁵-row analysis later takes a task of its own and no
 * task of them is long: the weights (reading them builds the fits' per-study weight objects), the effects by row, the
 * rest of the index, the rows always drawn at large k.
 */
export async function prepareForestModel(a: Analysis): Promise<void> {
  for (const step of [weightsOf, effectsOf, indexOf, largeKOf]) {
    await nextTask();
    step(a);
  }
}

const weightMaps = new WeakMap<Analysis, ReadonlyMap<string, number>>();
const effectMaps = new WeakMap<Analysis, ReadonlyMap<string, EffectSize>>();

function fitsOf(a: Analysis): readonly PooledFit[] {
  return a.pooled === null ? [] : a.spec.by === null ? [a.pooled.overall] : a.pooled.groups;
}

/** Each pooled row's weight (%) by row key. */
function weightsOf(a: Analysis): ReadonlyMap<string, number> {
  let weights = weightMaps.get(a);
  if (!weights) {
    const m = new Map<string, number>();
    for (const f of fitsOf(a)) for (const w of f.weights) m.set(w.key, w.weight);
    weightMaps.set(a, (weights = m));
  }
  return weights;
}

/** Each row's effect size by row key. */
function effectsOf(a: Analysis): ReadonlyMap<string, EffectSize> {
  let effects = effectMaps.get(a);
  if (!effects) effectMaps.set(a, (effects = new Map(a.effects.map((e) => [e.key, e.effect]))));
  return effects;
}

function indexOf(a: Analysis): AnalysisIndex {
  const hit = indexes.get(a);
  if (hit) return hit;
  const allRows = a.rows.filter((r) => r.plotted);
  const groups = new Set<string>();
  for (const r of allRows) groups.add(r.group ?? '');
  const index: AnalysisIndex = {
    allRows,
    excludedUnits: a.units.filter((u) => u.excluded),
    notPooled: a.rows.filter((r) => r.status === 'not_poolable')
      .map((r) => ({ row_id: r.key, study: r.study, reason: r.reason ?? '' })),
    unitOf: new Map(allRows.map((r) => [r.key, r.unit])),
    fits: fitsOf(a), weights: weightsOf(a), effectByKey: effectsOf(a), groupOrder: [...groups],
  };
  indexes.set(a, index);
  return index;
}

function largeKOf(a: Analysis): ReadonlySet<string> | null {
  if (largeKs.has(a)) return largeKs.get(a)!;
  const { allRows, weights, effectByKey } = indexOf(a);
  const keep = allRows.length > LARGE_K
    ? largeKBase(allRows, (r) => weights.get(r.key) ?? -1, (r) => effectByKey.get(r.key)!.yi)
    : null;
  largeKs.set(a, keep);
  return keep;
}

export interface ForestModelOptions {
  /** large k: draw the rows whose label contains this text too */
  readonly query?: string;
}

/** The model in words (modelText.ts), re-exported for the views that read it from here. */
export { modelText, type ModelSettings };

const DESIGN_SHORT: Record<string, string> = {
  retrospective: 'retro', prospective: 'prosp', registry: 'registry', review_range: 'review', unknown: '–',
  phase2: 'ph 2', phase3: 'ph 3', rct: 'RCT',
};

function tooltipOf(r: StudyRecord): string {
  const lines = [`“${r.quote}”`, `Source: seed ${r.seed}, ref ${r.seed_ref || '–'}, section ${r.section || '–'}`];
  if (r.note) lines.push(/disagree/i.test(r.note) ? `Cross-seed disagreement: ${r.note}` : `Note: ${r.note}`);
  const ids = disagreementIdsOf(r.row_id);
  if (ids.length > 0) lines.push(`Disagreement: see the Disagreements view (${ids.join(', ')})`);
  return lines.join('\n');
}

/** "k = 4, I² = 53%, τ² = 0.12" (I² and τ² only when the model has them). */
function fitLabel(f: PooledFit): string {
  const parts = [`k = ${f.k}`];
  if (Number.isFinite(f.I2)) parts.push(`I² = ${f.I2.toFixed(0)}%`);
  if (Number.isFinite(f.tau2)) parts.push(`${f.method === 'BAYES' ? 'τ² (posterior median τ, squared)' : 'τ²'} = ${f.tau2.toPrecision(2)}`);
  return parts.join(', ');
}

function captionOf(s: ModelSettings, back: boolean): string {
  return `${modelText(s)}, ${MEASURE_LABELS[s.measure]}${back ? ', back-transformed' : ''}; `
    + `study CIs: 95% Wald on the analysis scale${back ? ', back-transformed' : ''}; dashed = 95% prediction interval`;
}

/** Display value of a fit: back-transformed or on the analysis scale. */
function summaryOf(f: PooledFit, label: string, back: boolean): ForestSummary {
  return back
    ? { label, estimate: f.back.estimate, ci: f.back.ci, pi: f.back.pi }
    : { label, estimate: f.estimate, ci: f.ci, pi: f.pi };
}

/** "66.2%" or "0.52" */
function show(v: number, percent: boolean): string {
  return percent ? `${pct(v)}%` : fixed(v, 2);
}

export function changeText(before: number, after: number, percent: boolean, count: number): string {
  const d = percent ? (after - before) * 100 : after - before;
  const sign = d < 0 ? '−' : '+';
  const dText = percent ? `${sign}${Math.abs(d).toFixed(1)} points` : `${sign}${Math.abs(d).toFixed(2)}`;
  return `Overall ${show(before, percent)} → ${show(after, percent)} (${dText}) after excluding ${count} ${count === 1 ? 'study' : 'studies'}`;
}

function sortRows(
  rows: readonly SelectedRow[], state: AppState, est: (r: SelectedRow) => number, weight: (r: SelectedRow) => number,
): SelectedRow[] {
  const copy = [...rows];
  const byLabel = (a: SelectedRow, b: SelectedRow) => a.label.localeCompare(b.label);
  switch (state.sort) {
    case 'year': return copy.sort((a, b) => (a.year ?? 1e9) - (b.year ?? 1e9) || byLabel(a, b));
    case 'effect': return copy.sort((a, b) => est(a) - est(b) || byLabel(a, b));
    case 'weight': return copy.sort((a, b) => weight(b) - weight(a) || byLabel(a, b));
    case 'n': return copy.sort((a, b) => (b.n ?? -1) - (a.n ?? -1) || byLabel(a, b));
  }
}

function axisLabel(outcome: string, measure: Measure, back: boolean, kind: Analysis['kind']): string {
  const what = kind === 'studies' ? outcomeLabel(outcome) : kind === 'generic' ? 'Effect size' : 'Proportion';
  if (measure === 'GEN') return `${what} (yi, as given)`;
  return back ? `${what} (%)` : `${what}, ${MEASURE_LABELS[measure]} scale`;
}

function cellsOf(r: SelectedRow): string[] {
  const d = r.data;
  if (r.record !== null) return [r.n === null ? '–' : String(r.n), r.year === null ? '–' : String(r.year), DESIGN_SHORT[r.record.design] ?? r.record.design];
  if (d?.kind === 'count') return [String(d.events), String(d.n)];
  if (d?.kind === 'generic') return [fixed(d.vi, 4)];
  return [];
}

/**
 * The forest plot of `analysis`; `baseline` is the same analysis without the user's exclusions (for the before →
 * after), or null when there are none.
 */
export function forestModel(
  analysis: Analysis, baseline: Analysis | null, state: AppState, options: ForestModelOptions = {},
): ForestModel {
  const a = analysis;
  const measure = a.spec.measure;
  const back = state.scale === 'back' && measure !== 'GEN';
  const percent = back;
  const settings: ModelSettings = a.pooled?.overall ?? { measure, method: a.spec.method, test: a.spec.test };
  const { allRows, excludedUnits, notPooled, unitOf, fits, weights, effectByKey, groupOrder } = indexOf(a);
  const largeK = largeKOf(a);

  // large k: a selection of the rows (the heaviest, the most extreme, the excluded, the search matches)
  let rows = allRows;
  let selection: LargeKSelection | null = null;
  if (largeK) {
    const query = options.query ?? '';
    const picked = largeKRows(allRows, largeK, query);
    rows = allRows.filter((r) => picked.keep.has(r.key));
    const total = allRows.length;
    selection = {
      total, shown: rows.length, query, matches: picked.matches,
      text: `Showing ${rows.length} of ${total.toLocaleString('en')} studies: the ${HEAVIEST} heaviest, the ${EXTREME} most `
        + `extreme on each side${query.trim() ? `, and ${Math.min(picked.matches, MATCHES)} of ${picked.matches} matching "${query.trim().slice(0, 60)}"` : ''}`
        + `. The diamonds pool all ${total.toLocaleString('en')}; search to find any study.`,
    };
  }

  // per-study display values from the engine
  const intervals = studyIntervals(rows.map((r) => effectByKey.get(r.key)!), measure);
  const display = new Map(rows.map((r, i) => {
    const iv = intervals[i];
    return [r.key, back ? { estimate: iv.back.estimate, ci: iv.back.ci } : { estimate: iv.yi, ci: iv.ci }];
  }));

  const grouped = a.spec.by !== null;
  const fitOfGroup = new Map(fits.map((f) => [f.group ?? '', f]));

  const groups: ForestGroup[] = groupOrder.map((g) => {
    const est = (r: SelectedRow) => display.get(r.key)!.estimate;
    const members = sortRows(rows.filter((r) => (r.group ?? '') === g), state, est, (r) => weights.get(r.key) ?? -1);
    const studies: ForestStudy[] = members.map((r) => ({
      id: r.key,
      label: r.label,
      cells: cellsOf(r),
      estimate: display.get(r.key)!.estimate,
      ci: display.get(r.key)!.ci,
      weight: r.status === 'excluded' ? null : weights.get(r.key) ?? null,
      excluded: r.status === 'excluded',
    }));
    const f = fitOfGroup.get(g);
    const summary = grouped && f ? summaryOf(f, `${modalityLabel(g)}: ${fitLabel(f)}`, back) : null;
    return { label: grouped ? modalityLabel(g) : '', studies, summary };
  });

  const tooltips = new Map<string, string>();
  for (const r of rows) {
    const d = display.get(r.key)!;
    const head = `${r.label}: ${show(d.estimate, percent)} [${show(d.ci[0], percent)}, ${show(d.ci[1], percent)}]`;
    tooltips.set(r.key, r.record ? `${head}\n${tooltipOf(r.record)}` : head);
  }

  const columns = a.kind === 'studies' ? ['n', 'year', 'design'] : a.kind === 'proportions' ? ['events', 'n'] : ['vi'];
  const caption = captionOf(settings, back);
  const xLabel = axisLabel(a.spec.outcome ?? '', measure, back, a.kind);
  const base = {
    notPooled, tooltips, measure, unitOf, excludedUnits, excludedCount: excludedUnits.length, analysis: a, selection,
  };
  if (a.pooled === null) {
    const spec: ForestSpec | null = rows.length ? { groups, overall: null, columns, xLabel, percent, caption } : null;
    return { ...base, spec, error: rows.length ? `Nothing left to pool: ${a.error ?? ''}` : a.error, warnings: [], change: null };
  }
  const overall = a.pooled.overall;
  const spec: ForestSpec = {
    groups, overall: summaryOf(overall, `Overall: ${fitLabel(overall)}`, back), columns, xLabel, percent, caption,
  };
  const warnings = [...new Set([...overall.warnings, ...fits.flatMap((f) => f.warnings)].map((w) => w.message))];
  let change: string | null = null;
  if (excludedUnits.length > 0 && baseline?.pooled) {
    const before = summaryOf(baseline.pooled.overall, '', back).estimate;
    change = changeText(before, spec.overall!.estimate, percent, excludedUnits.length);
  }
  return { ...base, spec, error: null, warnings, change };
}
