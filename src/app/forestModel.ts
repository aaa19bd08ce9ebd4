/**
 * The forest view's model: state + dataset → the engine's pooled result and a ForestSpec of display values.
 * Every number comes from the engine (pool, studyIntervals); this file only picks, orders and labels them.
 */
import type { ForestGroup, ForestSpec, ForestStudy, ForestSummary } from '../charts/forestPlot.ts';
import { pct, fixed } from '../charts/format.ts';
import { poolableRows } from '../data/poolable.ts';
import type { AnalysisInput, StudyRecord } from '../data/types.ts';
import type { OutcomeName } from '../data/vocabulary.ts';
import { proportionEffect, genericEffect, type ExcludedStudy } from '../meta/index.ts';
import { studyIntervals } from '../meta/studyIntervals.ts';
import type { EffectSize, Measure } from '../meta/types.ts';
import type { Dataset } from './dataset.ts';
import { isReady, poolByModality, type AppMethod, type PoolSettings, type PoolView, type ViewFit } from './engine.ts';
import { MEASURE_LABELS, METHOD_LABELS, TEST_LABELS, modalityLabel, outcomeLabel } from './labels.ts';
import type { AppState } from './state.ts';

/** One plotted study: its id (row_id, or the study label of an uploaded effect table), effect and provenance. */
interface Row {
  readonly id: string;
  readonly label: string;
  readonly group: string;
  readonly cells: readonly string[];
  readonly effect: EffectSize;
  readonly year: number | null;
  readonly n: number | null;
  readonly record?: StudyRecord;
}

export interface ForestModel {
  readonly spec: ForestSpec | null;
  /** why nothing could be pooled, when spec is null or every study is excluded */
  readonly error: string | null;
  readonly notPooled: readonly ExcludedStudy[];
  readonly warnings: readonly string[];
  /** e.g. "Overall 66.2% → 63.9% (−2.3 points) after excluding 1 study"; null with no exclusion */
  readonly change: string | null;
  /** tooltip text by study id */
  readonly tooltips: ReadonlyMap<string, string>;
  readonly measure: Measure;
  /** the user's exclusions that match a plotted study */
  readonly excludedCount: number;
  readonly result: PoolView | null;
}

export type { PoolSettings };

/** GLMM and the Bayesian model work on the logit scale (PLO); generic effect sizes are pooled as given (GEN). */
export function settingsOf(state: AppState, input: AnalysisInput): PoolSettings {
  const method = state.method as AppMethod;
  const smallK = method === 'GLMM' || method === 'BAYES';
  const measure: Measure = input.kind === 'generic' ? 'GEN' : smallK ? 'PLO' : state.measure;
  return { measure, method, test: smallK ? 'z' : state.test };
}

const DESIGN_SHORT: Record<string, string> = {
  retrospective: 'retro', prospective: 'prosp', registry: 'registry', review_range: 'review', unknown: '–',
  phase2: 'ph 2', phase3: 'ph 3', rct: 'RCT',
};

/** Long labels are cut for the chart's label column; the full label is in the tooltip. */
function short(label: string, max = 28): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

function tooltipOf(r: StudyRecord): string {
  const lines = [`“${r.quote}”`, `Source: seed ${r.seed}, ref ${r.seed_ref || '–'}, section ${r.section || '–'}`];
  if (r.note) lines.push(/disagree/i.test(r.note) ? `Cross-seed disagreement: ${r.note}` : `Note: ${r.note}`);
  return lines.join('\n');
}

function rowsOf(
  input: AnalysisInput, outcome: string, modality: string, measure: Measure,
): { rows: Row[]; scope: AnalysisInput } {
  if (input.kind === 'studies') {
    const records = modality ? input.records.filter((r) => r.modality === modality) : input.records;
    const m = measure === 'GEN' ? 'PLO' : measure;
    const rows = poolableRows(records, outcome as OutcomeName).included.map(({ record, events, n }) => ({
      id: record.row_id,
      label: record.arm ? `${record.study} (${record.arm})` : record.study,
      group: record.modality,
      cells: [String(n), record.year === null ? '–' : String(record.year), DESIGN_SHORT[record.design] ?? record.design],
      effect: proportionEffect(record.study, events, n, m),
      year: record.year,
      n,
      record,
    }));
    return { rows, scope: { kind: 'studies', records, problems: [] } };
  }
  if (input.kind === 'proportions') {
    const rows = input.rows.map((r) => ({
      id: r.study, label: r.study, group: '', cells: [String(r.events), String(r.n)],
      effect: proportionEffect(r.study, r.events, r.n, measure === 'GEN' ? 'PLO' : measure), year: null, n: r.n,
    }));
    return { rows, scope: { ...input, problems: [] } };
  }
  if (input.kind === 'generic') {
    const rows = input.rows.map((r) => ({
      id: r.study, label: r.study, group: '', cells: [fixed(r.vi, 4)],
      effect: genericEffect(r.study, r.yi, r.vi), year: null, n: null,
    }));
    return { rows, scope: { ...input, problems: [] } };
  }
  return { rows: [], scope: input };
}

/** The same input without the excluded rows. */
function without(scope: AnalysisInput, excluded: ReadonlySet<string>): AnalysisInput {
  switch (scope.kind) {
    case 'studies': return { ...scope, records: scope.records.filter((r) => !excluded.has(r.row_id)) };
    case 'proportions': return { ...scope, rows: scope.rows.filter((r) => !excluded.has(r.study)) };
    case 'generic': return { ...scope, rows: scope.rows.filter((r) => !excluded.has(r.study)) };
    case 'unknown': return scope;
  }
}

/** "k = 4, I² = 53%, τ² = 0.12" (I² and τ² only when the model has them). */
function fitLabel(f: ViewFit): string {
  const parts = [`k = ${f.k}`];
  if (Number.isFinite(f.I2)) parts.push(`I² = ${f.I2.toFixed(0)}%`);
  if (Number.isFinite(f.tau2)) parts.push(`${f.method === 'BAYES' ? 'τ² (posterior median τ, squared)' : 'τ²'} = ${f.tau2.toPrecision(2)}`);
  return parts.join(', ');
}

/** The model in words: "REML τ², Hartung–Knapp CI" or the small-k model. */
export function modelText(s: PoolSettings): string {
  return s.method === 'GLMM' ? 'Binomial-normal GLMM (ML), Wald z CI'
    : s.method === 'BAYES' ? 'Bayesian normal–normal model, half-normal τ prior, 95% credible interval'
      : `${METHOD_LABELS[s.method]}${s.method === 'FE' ? '' : ' τ²'}, ${TEST_LABELS[s.test]} CI`;
}

function captionOf(s: PoolSettings, back: boolean): string {
  return `${modelText(s)}, ${MEASURE_LABELS[s.measure]}${back ? ', back-transformed' : ''}; `
    + `study CIs: 95% Wald on the analysis scale${back ? ', back-transformed' : ''}; dashed = 95% prediction interval`;
}

/** Display value of a fit: back-transformed or on the analysis scale. */
function summaryOf(f: ViewFit, label: string, back: boolean): ForestSummary {
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

function sortRows(rows: Row[], state: AppState, est: (r: Row) => number, weight: (r: Row) => number): Row[] {
  const copy = [...rows];
  const byLabel = (a: Row, b: Row) => a.label.localeCompare(b.label);
  switch (state.sort) {
    case 'year': return copy.sort((a, b) => (a.year ?? 1e9) - (b.year ?? 1e9) || byLabel(a, b));
    case 'effect': return copy.sort((a, b) => est(a) - est(b) || byLabel(a, b));
    case 'weight': return copy.sort((a, b) => weight(b) - weight(a) || byLabel(a, b));
    case 'n': return copy.sort((a, b) => (b.n ?? -1) - (a.n ?? -1) || byLabel(a, b));
  }
}

function axisLabel(outcome: string, measure: Measure, back: boolean, kind: AnalysisInput['kind']): string {
  const what = kind === 'studies' ? outcomeLabel(outcome) : kind === 'generic' ? 'Effect size' : 'Proportion';
  if (measure === 'GEN') return `${what} (yi, as given)`;
  return back ? `${what} (%)` : `${what}, ${MEASURE_LABELS[measure]} scale`;
}

/** The pool of all rows (the "before" of an exclusion) depends only on the data and the settings: kept per input. */
const allRowsPools = new WeakMap<AnalysisInput, Map<string, PoolView | string>>();

function poolAllCached(
  input: AnalysisInput, scope: AnalysisInput, state: AppState, s: PoolSettings,
): PoolView | string {
  const key = [state.outcome, state.modality, s.measure, s.method, s.test].join('|');
  let byKey = allRowsPools.get(input);
  if (!byKey) allRowsPools.set(input, byKey = new Map());
  let hit = byKey.get(key);
  if (hit === undefined) byKey.set(key, hit = poolByModality(scope, state.outcome, s));
  return hit;
}

/** One pool the forest model makes: its rows, outcome and settings. */
export interface PoolCall {
  readonly input: AnalysisInput;
  readonly outcome: string;
  readonly settings: PoolSettings;
}

/**
 * The pools forestModel would make that are too heavy for the page (GLMM / BAYES of many studies) and have no result
 * from the Web Worker yet; the view fits them in the worker first. Empty for the bundled table.
 */
export function pendingPools(dataset: Dataset, state: AppState): PoolCall[] {
  const s = settingsOf(state, dataset.input);
  const { rows, scope } = rowsOf(dataset.input, state.outcome, state.modality, s.measure);
  const exSet = new Set(state.excluded.filter((id) => rows.some((r) => r.id === id)));
  const inputs = exSet.size > 0 ? [without(scope, exSet), scope] : [scope];
  return inputs.map((input) => ({ input, outcome: state.outcome, settings: s }))
    .filter((c) => !isReady(c.input, c.outcome, c.settings));
}

export function forestModel(dataset: Dataset, state: AppState): ForestModel {
  const input = dataset.input;
  const s = settingsOf(state, input);
  const back = state.scale === 'back' && s.measure !== 'GEN';
  const percent = back;
  const { rows, scope } = rowsOf(input, state.outcome, state.modality, s.measure);
  const exSet = new Set(state.excluded.filter((id) => rows.some((r) => r.id === id)));
  const empty = {
    notPooled: [], warnings: [], change: null, tooltips: new Map(), measure: s.measure, excludedCount: exSet.size,
  };

  const out = poolByModality(without(scope, exSet), state.outcome, s);
  const full = exSet.size > 0 ? poolAllCached(input, scope, state, s) : out;
  if (typeof full === 'string') return { ...empty, spec: null, error: full, result: null };
  const notPooled = full.excluded;

  // per-study display values from the engine
  const intervals = studyIntervals(rows.map((r) => r.effect), s.measure);
  const display = new Map(rows.map((r, i) => {
    const iv = intervals[i];
    return [r.id, back ? { estimate: iv.back.estimate, ci: iv.back.ci } : { estimate: iv.yi, ci: iv.ci }];
  }));

  // weights: each subgroup's studies are its active rows in input order
  const weights = new Map<string, number>();
  const fits = typeof out === 'string' ? [] : out.fits;
  for (const f of fits) {
    const members = rows.filter((r) => !exSet.has(r.id) && (f.group === undefined || r.group === f.group));
    f.studies.forEach((st, i) => {
      if (members[i] && Number.isFinite(st.weight)) weights.set(members[i].id, st.weight);
    });
  }

  const groupOrder: string[] = [];
  for (const f of fits) if (f.group !== undefined) groupOrder.push(f.group);
  for (const r of rows) if (!groupOrder.includes(r.group)) groupOrder.push(r.group);
  const grouped = scope.kind === 'studies';
  const fitOfGroup = new Map(fits.map((f) => [f.group ?? '', f]));

  const groups: ForestGroup[] = groupOrder.map((g) => {
    const est = (r: Row) => display.get(r.id)!.estimate;
    const members = sortRows(rows.filter((r) => r.group === g), state, est, (r) => weights.get(r.id) ?? -1);
    const studies: ForestStudy[] = members.map((r) => ({
      id: r.id,
      label: short(r.label),
      cells: r.cells,
      estimate: display.get(r.id)!.estimate,
      ci: display.get(r.id)!.ci,
      weight: exSet.has(r.id) ? null : weights.get(r.id) ?? null,
      excluded: exSet.has(r.id),
    }));
    const f = fitOfGroup.get(g);
    const summary = grouped && f ? summaryOf(f, `${modalityLabel(g)}: ${fitLabel(f)}`, back) : null;
    return { label: grouped ? modalityLabel(g) : '', studies, summary };
  });

  const tooltips = new Map<string, string>();
  for (const r of rows) {
    const d = display.get(r.id)!;
    const head = `${r.label}: ${show(d.estimate, percent)} [${show(d.ci[0], percent)}, ${show(d.ci[1], percent)}]`;
    tooltips.set(r.id, r.record ? `${head}\n${tooltipOf(r.record)}` : head);
  }

  const columns = scope.kind === 'studies' ? ['n', 'year', 'design']
    : scope.kind === 'proportions' ? ['events', 'n'] : ['vi'];
  const caption = captionOf(s, back);

  if (typeof out === 'string') {
    const xLabel = axisLabel(state.outcome, s.measure, back, scope.kind);
    const spec: ForestSpec = { groups, overall: null, columns, xLabel, percent, caption };
    return { ...empty, spec, error: `Nothing left to pool: ${out}`, notPooled, tooltips, result: null };
  }
  const overall = out.overall;
  const overallLabel = `Overall: ${fitLabel(overall)}`;
  const spec: ForestSpec = {
    groups,
    overall: summaryOf(overall, overallLabel, back),
    columns,
    xLabel: axisLabel(state.outcome, s.measure, back, scope.kind),
    percent,
    caption,
  };
  const warnings = [...new Set([...overall.warnings, ...fits.flatMap((f) => f.warnings)].map((w) => w.message))];
  let change: string | null = null;
  if (exSet.size > 0) {
    const before = summaryOf(full.overall, '', back).estimate;
    change = changeText(before, spec.overall!.estimate, percent, exSet.size);
  }
  return {
    spec, error: null, notPooled, warnings, change, tooltips, measure: s.measure,
    excludedCount: exSet.size, result: out,
  };
}
