/**
 * The evidence map's model: one row per modality of the study table with the evidence that exists for it —
 * pooled proportions (5-year OS, response, disease control: each the Analysis of that outcome, by modality, with the
 * user's exclusions), pooled median survival of single-arm series (analyseMedians, same exclusions), the randomised
 * trials whose experimental arm is this modality (trialsOf: medians per arm, hazard ratios), review-level statements
 * (ranges, labelled "review statement"), and what is reported but cannot be pooled, with the reason. Comparator arms
 * (placebo, supportive care in a trial) appear inside their trial, never as a modality of their own. Every k and N is
 * that of the outcome it stands beside; pooled rows that report a subgroup of their cohort are named.
 */
import { max, min } from 'simple-statistics';
import {
  analyseMedians, isSubgroupRow, MEDIAN_OUTCOMES, printedValue, selectionOf, trialsOf,
  type Analysis, type AnalysisSpec, type MedianOutcome, type PooledFit, type Trial,
} from '../analysis/index.ts';
import type { MapRow, MapSeries, MapSpec } from '../charts/evidenceMap.ts';
import type { AnalysisInput, StudyRecord } from '../data/types.ts';
import { MODALITIES, POOLABLE_OUTCOMES, type OutcomeName } from '../data/vocabulary.ts';
import { modalityLabel } from './labels.ts';

export interface MapCell {
  readonly k: number;
  /** patients in the pooled rows */
  readonly n: number;
  readonly estimate: number;
  readonly ci: readonly [number, number];
  readonly pi: readonly [number, number] | null;
  /** labels of pooled rows that report a subgroup of their cohort */
  readonly subgroups: readonly string[];
}

export interface WeightedMedian {
  readonly estimate: number;
  readonly ci: readonly [number, number] | null;
  readonly k: number;
}

/** Pooled median of one median outcome: the median of the medians (and the weighted one) of single-arm series. */
export interface MedianCell {
  readonly outcome: MedianOutcome;
  readonly k: number;
  /** patients in the pooled rows that print n; null when none does */
  readonly n: number | null;
  readonly estimate: number;
  /** the distribution-free 95% CI; null when k is too small */
  readonly ci: readonly [number, number] | null;
  /** the weighted median of the medians (weights n), or null when no row has n */
  readonly weighted: WeightedMedian | null;
  /** the smallest and largest pooled median */
  readonly range: readonly [number, number];
  readonly subgroups: readonly string[];
  readonly warnings: readonly string[];
}

/** A trial whose experimental arm is this modality, with its key figures (HR, medians) and all its figures. */
export interface MapTrial {
  readonly cohortId: string;
  readonly title: string;
  /** the hazard ratio and median survival per arm (or its other figures when it has neither) */
  readonly key: string;
  /** every figure the trial reports for this arm against its comparator */
  readonly text: string;
}

/** A review-level statement (design review_range): "5-year OS 0–20 %". */
export interface MapReview {
  readonly rowId: string;
  readonly text: string;
}

/** Reported numbers of one kind that cannot be pooled, and why. */
export interface MapNotPooled {
  readonly text: string;
  readonly reason: string;
}

export interface MapModelRow {
  readonly modality: string;
  readonly label: string;
  readonly cells: Readonly<Record<string, MapCell | undefined>>;
  readonly medians: Readonly<Partial<Record<MedianOutcome, MedianCell>>>;
  readonly trials: readonly MapTrial[];
  readonly reviews: readonly MapReview[];
  readonly notPooled: readonly MapNotPooled[];
  /** a proportion or median is pooled for this modality */
  readonly pooled: boolean;
  readonly method: string;
  readonly warnings: readonly string[];
  /** where a click on the row goes: its forest plot (with this outcome) or the trials view */
  readonly target: { readonly view: 'forest'; readonly outcome: string } | { readonly view: 'trials' };
  /** the outcome its forest plot opens with */
  readonly firstOutcome: string;
}

export interface MapModel {
  readonly series: readonly MapSeries[];
  readonly medianSeries: readonly MapSeries[];
  readonly rows: readonly MapModelRow[];
}

export const MAP_SERIES: readonly MapSeries[] = [
  { key: 'os_5y', label: '5-year OS', shape: 'circle' },
  { key: 'orr', label: 'Objective response', shape: 'diamond' },
  { key: 'dcr', label: 'Disease control', shape: 'square' },
];

export const MEDIAN_SERIES: readonly MapSeries[] = [
  { key: 'os_median_months', label: 'Median OS', shape: 'circle' },
  { key: 'pfs_median_months', label: 'Median PFS', shape: 'triangle' },
  { key: 'ttp_median_months', label: 'Median TTP', shape: 'square' },
];

const SHORT: Readonly<Partial<Record<OutcomeName, string>>> = {
  os_1y: '1-year OS', os_2y: '2-year OS', os_3y: '3-year OS', os_5y: '5-year OS', os_10y: '10-year OS', dfs_5y: '5-year DFS',
  os_median_months: 'median OS', os_mean_months: 'mean OS', pfs_median_months: 'median PFS', ttp_median_months: 'median TTP',
  orr: 'response', dcr: 'disease control', stable_disease: 'stable disease', progression: 'progression',
  complete_response: 'complete response', partial_response: 'partial response', symptom_response: 'symptom response',
  mortality_periop: 'perioperative mortality', morbidity: 'morbidity', recurrence: 'recurrence', hazard_ratio: 'HR',
  other: 'other',
};
const short = (o: OutcomeName): string => SHORT[o] ?? o;
const unitOf = (o: OutcomeName): string => (o.endsWith('_months') ? ' months' : o === 'hazard_ratio' || o === 'other' ? '' : ' %');

/** The label and unit of an `other` row of a trial, from its note: "progression-free at 18 weeks", " %". */
function otherOutcome(note: string): { label: string; unit: string } {
  const first = note.split(';')[0].trim();
  return /\(percent\)/.test(first) ? { label: first.replace(/\s*\(percent\)/, ''), unit: ' %' } : { label: first || 'other', unit: '' };
}

/** "median PFS 11.4 vs 5.5 months (placebo; seed 000: 11.1)": one outcome of a trial, arm against comparator. */
function trialOutcomeText(t: Trial, outcome: OutcomeName, armId: string): string | null {
  const arm = t.arms.find((a) => a.id === armId);
  const control = t.arms.find((a) => a.comparator) ?? t.arms.find((a) => a.id !== armId);
  const mine = arm?.outcomes.find((o) => o.outcome === outcome);
  const theirs = control?.outcomes.find((o) => o.outcome === outcome);
  if (!arm || !control || !mine || !theirs) return null;
  const odd = mine.seedsDisagree ? mine.values.find((v) => v.printed !== mine.preferred.printed) : undefined;
  const other = odd ? `; seed ${odd.seed}: ${odd.printed}` : '';
  const { label, unit } = outcome === 'other' ? otherOutcome(mine.values[0].note) : { label: short(outcome), unit: unitOf(outcome) };
  return `${label} ${mine.preferred.printed} vs ${theirs.preferred.printed}${unit} (${control.id}${other})`;
}

const TRIAL_KEY_OUTCOMES = ['pfs_median_months', 'ttp_median_months', 'os_median_months'] as const;
const TRIAL_OTHER_OUTCOMES = ['os_5y', 'orr', 'stable_disease', 'dcr', 'other'] as const;

function trialLines(trials: readonly Trial[], modality: string): MapTrial[] {
  const out: MapTrial[] = [];
  for (const t of trials) {
    for (const arm of t.arms) {
      if (arm.comparator || arm.modality !== modality) continue;
      const hrs = t.hazardRatios.filter((h) => h.comparison.startsWith(`${modality} vs`)).map((h) => {
        const ci = h.ci ? ` (${h.ci[0].toFixed(2)}–${h.ci[1].toFixed(2)})` : '';
        return `HR ${h.estimate.toFixed(2)}${ci}${h.endpoint === 'unspecified' ? '' : ` for ${h.endpoint.toUpperCase()}`}`;
      });
      const key = TRIAL_KEY_OUTCOMES.flatMap((o) => trialOutcomeText(t, o, arm.id) ?? []);
      const rest = TRIAL_OTHER_OUTCOMES.flatMap((o) => trialOutcomeText(t, o, arm.id) ?? []);
      const who = t.arms.filter((a) => !a.comparator).length > 1 ? ` [${arm.id}]` : '';
      const head = `${t.title}${who}`;
      const main = [...hrs, ...key];
      out.push({
        cohortId: t.cohortId, title: t.title,
        key: `${head}: ${(main.length ? main : rest).join('; ') || 'no outcome numbers'}`,
        text: `${head}: ${[...main, ...rest].join('; ') || 'no outcome numbers'}`,
      });
    }
  }
  return out;
}

function reviewLines(records: readonly StudyRecord[], modality: string): MapReview[] {
  return records.filter((r) => r.modality === modality && r.design === 'review_range').map((r) => {
    const what = r.outcome === 'other' ? r.note.split(/[;(]/)[0].trim() : short(r.outcome);
    const unit = r.outcome === 'other' ? '' : unitOf(r.outcome);
    const arm = r.arm ? ` (${r.arm})` : '';
    return { rowId: r.row_id, text: `${what}${arm} ${printedValue(r)}${unit}` };
  });
}

/** Rows of the modality (outside trials and reviews) not pooled on the map, grouped by reason. */
function notPooledLines(
  input: AnalysisInput & { kind: 'studies' }, spec: AnalysisSpec, modality: string, trialIds: ReadonlySet<string>,
  shown: ReadonlySet<string>, pooledMedianRows: ReadonlySet<string>, medianReasons: ReadonlyMap<string, string>,
): MapNotPooled[] {
  const mine = input.records.filter((r) => r.modality === modality && r.design !== 'review_range' && !trialIds.has(r.cohort_id));
  const reasons = new Map<string, string>();
  for (const o of new Set(mine.map((r) => r.outcome))) {
    if (POOLABLE_OUTCOMES.includes(o)) {
      for (const r of selectionOf(input, { ...spec, outcome: o, modality }).rows) {
        if (r.status === 'included') reasons.set(r.key, shown.has(o) ? '' : 'poolable: open its forest plot');
        else if (r.reason && !r.reason.startsWith('counted once per cohort') && !r.reason.startsWith('excluded by you')) reasons.set(r.key, r.reason);
        else reasons.set(r.key, '');
      }
    }
  }
  const groups = new Map<string, string[]>();
  for (const r of mine) {
    let reason: string;
    if (MEDIAN_OUTCOMES.includes(r.outcome as MedianOutcome) || r.outcome === 'os_mean_months') {
      reason = pooledMedianRows.has(r.row_id) ? '' : medianReasons.get(r.row_id) ?? '';
      if (reason.startsWith('counted once per cohort') || reason.startsWith('excluded by you')) reason = '';
    } else if (r.outcome === 'other') reason = 'outcome "other" (see its note)';
    else if (r.outcome === 'hazard_ratio') reason = 'hazard ratio outside a trial (a prognostic factor)';
    else reason = reasons.get(r.row_id) ?? '';
    if (reason === '') continue;
    const label = r.outcome === 'other' ? (r.note.split(/[;(]/)[0].trim() || 'other') : short(r.outcome);
    const text = `${label} ${printedValue(r)}${r.outcome === 'other' ? '' : unitOf(r.outcome)}`;
    groups.set(reason, [...(groups.get(reason) ?? []), text]);
  }
  const last = (reason: string) => (reason.startsWith('outcome "other"') ? 1 : 0);
  return [...groups].sort((a, b) => last(a[0]) - last(b[0])).map(([reason, texts]) => ({ reason, text: [...new Set(texts)].join(', ') }));
}

/**
 * The map of the study table `input` from the analyses of the MAP_SERIES outcomes (`analyses`, by outcome; an
 * outcome with no analysis has no poolable row) and the pooled medians and trials under the same `spec` (its
 * exclusions).
 */
export function mapModel(
  input: AnalysisInput & { kind: 'studies' }, analyses: ReadonlyMap<string, Analysis>, spec: AnalysisSpec,
): MapModel {
  const records = input.records;
  const series = MAP_SERIES.filter((se) => analyses.get(se.key)?.pooled);
  const exclude = spec.exclude ?? [];
  const { trials } = trialsOf(records, exclude);
  const trialIds = new Set(trials.map((t) => t.cohortId));
  const medianAnalyses = MEDIAN_OUTCOMES.map((o) => analyseMedians(input, { outcome: o, by: 'modality', exclude }));
  const medianSeries = MEDIAN_SERIES.filter((s) => medianAnalyses.find((a) => a.outcome === s.key)!.groups.length > 0);
  const pooledMedianRows = new Set(medianAnalyses.flatMap((a) => a.rows.filter((r) => r.status === 'included').map((r) => r.key)));
  const medianReasons = new Map(medianAnalyses.flatMap((a) => a.rows.map((r) => [r.key, r.reason ?? ''] as const)));
  const shown = new Set(series.map((s) => s.key));
  const firstPoolable = new Map<string, string>();
  for (const o of POOLABLE_OUTCOMES) {
    for (const r of selectionOf(input, { ...spec, outcome: o, modality: '' }).rows) {
      if (r.status === 'included' && r.record && !firstPoolable.has(r.record.modality)) firstPoolable.set(r.record.modality, o);
    }
  }
  const comparatorArm = (r: StudyRecord) => trials.find((t) => t.cohortId === r.cohort_id)?.arms
    .some((a) => a.comparator && a.modality === r.modality) ?? false;
  const comparatorOnly = (m: string) => records.filter((r) => r.modality === m).every(comparatorArm);
  const present = new Set(records.map((r) => r.modality));

  const rows: MapModelRow[] = [];
  for (const modality of MODALITIES) {
    if (!present.has(modality) || comparatorOnly(modality)) continue;
    const cells: Record<string, MapCell | undefined> = {};
    const warnings = new Set<string>();
    let method = '';
    for (const se of series) {
      const a = analyses.get(se.key)!;
      const f: PooledFit | undefined = a.pooled?.groups.find((g) => g.group === modality);
      if (!f) continue;
      const included = a.rows.filter((r) => r.status === 'included' && r.group === modality);
      cells[se.key] = {
        k: f.k, n: included.reduce((s, r) => s + (r.n ?? 0), 0),
        estimate: f.back.estimate, ci: f.back.ci, pi: f.back.pi,
        subgroups: included.filter((r) => r.record !== null && isSubgroupRow(r.record, records)).map((r) => r.label),
      };
      if (!method) method = `${f.method}, ${f.test ?? 'credible interval'}, ${f.measure}`;
      for (const w of f.warnings) warnings.add(w.message);
    }
    const medians: Partial<Record<MedianOutcome, MedianCell>> = {};
    for (const ma of medianAnalyses) {
      const g = ma.groups.find((x) => x.group === modality);
      if (!g || ma.outcome === null) continue;
      const [mm, wm] = g.fits;
      const values = g.rows.map((r) => r.median!);
      medians[ma.outcome] = {
        outcome: ma.outcome, k: mm.k, n: mm.n, estimate: mm.estimate!, ci: mm.ci,
        weighted: wm.estimate === null ? null : { estimate: wm.estimate, ci: wm.ci, k: wm.k },
        range: [min(values), max(values)],
        subgroups: g.rows.filter((r) => r.subgroup).map((r) => r.label),
        warnings: [...mm.warnings, ...g.warnings].map((w) => w.message),
      };
    }
    const trialList = trialLines(trials, modality);
    const pooled = Object.values(cells).some(Boolean) || Object.keys(medians).length > 0;
    const first = cells.os_5y ? 'os_5y' : firstPoolable.get(modality) ?? 'os_5y';
    rows.push({
      modality, label: modalityLabel(modality), cells, medians, trials: trialList,
      reviews: reviewLines(records, modality),
      notPooled: notPooledLines(input, spec, modality, trialIds, shown, pooledMedianRows, medianReasons),
      pooled, method: method || '–', warnings: [...warnings],
      target: !firstPoolable.has(modality) && trialList.length > 0 ? { view: 'trials' } : { view: 'forest', outcome: first },
      firstOutcome: first,
    });
  }
  return { series, medianSeries, rows };
}

/** "84 months (k = 3, N = 412; no 95% CI: k < 6)" */
export function medianText(c: MedianCell): string {
  const ci = c.ci ? ` [${c.ci[0]}, ${c.ci[1]}]` : '';
  const n = c.n === null ? '' : `, N = ${c.n}`;
  return `${c.estimate} months${ci} (k = ${c.k}${n}${c.ci ? '' : '; no 95% CI: k < 6'})`;
}

export function mapSpec(model: MapModel): MapSpec {
  const rows: MapRow[] = model.rows.map((r) => ({
    id: r.modality,
    label: r.label,
    marks: Object.fromEntries(Object.entries(r.cells)
      .map(([key, c]) => [key, c && {
        estimate: c.estimate, ci: c.ci, pi: c.pi, k: c.k, n: c.n, subgroup: c.subgroups.length > 0,
      }])),
    medians: Object.fromEntries(Object.entries(r.medians)
      .map(([key, c]) => [key, c && {
        estimate: c.estimate, ci: c.ci, k: c.k, n: c.n, subgroup: c.subgroups.length > 0,
      }])),
    lines: [
      ...r.trials.map((t) => ({ kind: 'trial' as const, text: t.key })),
      ...(Object.values(r.cells).some(Boolean) ? [] : r.notPooled.map((x) => ({
        kind: 'not-pooled' as const, text: `not pooled, ${x.reason}: ${x.text}`,
      }))),
      ...r.reviews.map((v) => ({ kind: 'review' as const, text: `review statement: ${v.text}` })),
    ],
  }));
  return { series: model.series, medianSeries: model.medianSeries, rows };
}
