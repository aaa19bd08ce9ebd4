/**
 * The living review's diffs as the views show them: every pooled estimate of the evidence map (proportions and
 * pooled medians, per modality × outcome) and every summary-of-findings row, before the user added studies and
 * after (estimateDiff), each with a line of text ("71.1% [65.3, 76.3] → 72.1% [67.2, 76.6] (k 9 → 11, N 914 → 1095)")
 * and a sentence for screen readers. Pure: models in, text out.
 */
import { estimateDiff, sofRowEstimate, type EstimateDiff, type PooledEstimate } from '../analysis/index.ts';
import { MAP_SERIES, MEDIAN_SERIES, type MapModel } from './mapModel.ts';
import type { SofDisplayRow } from './sofModel.ts';

/** How an estimate is printed: a proportion (as %), months, a ratio, or no single estimate (k and N only). */
export type DiffUnit = 'percent' | 'months' | 'ratio' | 'none';

export interface ShownDiff extends EstimateDiff {
  /** "Resection, 5-year OS" */
  readonly label: string;
  readonly unit: DiffUnit;
  /** "71.1% [65.3, 76.3] → 72.1% [67.2, 76.6] (k 9 → 11, N 914 → 1095)"; "unchanged" */
  readonly text: string;
  /** the same as a sentence, for screen readers */
  readonly spoken: string;
}

export interface LivingDiff {
  /** "Δ since you added 2 studies (added.csv)" */
  readonly legend: string;
  /** "1 estimate changed, 0 new, 0 no longer shown" */
  readonly summary: string;
  readonly byKey: ReadonlyMap<string, ShownDiff>;
  /** the diffs that are not unchanged, in order (after's order, then the gone ones) */
  readonly changes: readonly ShownDiff[];
}

interface Labelled {
  readonly estimate: PooledEstimate;
  readonly label: string;
  readonly unit: DiffUnit;
}

const fixed = (x: number, unit: DiffUnit): string => {
  switch (unit) {
    case 'percent': return (100 * x).toFixed(1);
    case 'months': return String(Number(x.toFixed(1)));
    case 'ratio': return x.toFixed(2);
    case 'none': return String(x);
  }
};
const suffix: Readonly<Record<DiffUnit, string>> = { percent: '%', months: ' months', ratio: '', none: '' };

/** "71.1% [65.3, 76.3]", "84 months", "HR 0.52 [0.40, 0.68]"; '' without an estimate. */
function valueText(e: PooledEstimate, unit: DiffUnit): string {
  if (e.estimate === null || unit === 'none') return '';
  const ci = e.ci ? ` [${fixed(e.ci[0], unit)}, ${fixed(e.ci[1], unit)}]` : '';
  return `${unit === 'ratio' ? 'HR ' : ''}${fixed(e.estimate, unit)}${suffix[unit]}${ci}`;
}

function spokenValue(e: PooledEstimate, unit: DiffUnit): string {
  const studies = `${e.k} ${e.k === 1 ? 'study' : 'studies'}, ${e.n === null ? 'patients not printed' : `${e.n} patients`}`;
  if (e.estimate === null || unit === 'none') return studies;
  const ci = e.ci ? `95% CI ${fixed(e.ci[0], unit)} to ${fixed(e.ci[1], unit)}; ` : '';
  return `${unit === 'ratio' ? 'hazard ratio ' : ''}${fixed(e.estimate, unit)}${suffix[unit]} (${ci}${studies})`;
}

const nText = (n: number | null): string => (n === null ? 'not printed' : String(n));
const arrow = (a: string, b: string): string => (a === b ? a : `${a} → ${b}`);

/** The text of one diff: "a → b (k 9 → 11, N 914 → 1095)", "new: b (k 1, N 120)", "was a (k 9, N 914); not shown now". */
export function diffText(d: EstimateDiff, unit: DiffUnit): string {
  const { before: b, after: a } = d;
  const counts = (e: PooledEstimate) => `k ${e.k}, N ${nText(e.n)}`;
  const with_ = (v: string, e: PooledEstimate) => (v ? `${v} (${counts(e)})` : counts(e));
  if (b === null) return `new: ${with_(valueText(a!, unit), a!)}`;
  if (a === null) return `was ${with_(valueText(b, unit), b)}; not shown now`;
  if (d.status === 'unchanged') return 'unchanged';
  const vb = valueText(b, unit);
  const va = valueText(a, unit);
  const k = `k ${arrow(String(b.k), String(a.k))}, N ${arrow(nText(b.n), nText(a.n))}`;
  return vb || va ? `${arrow(vb, va)} (${k})` : k;
}

function spokenText(d: EstimateDiff, label: string, unit: DiffUnit): string {
  const { before: b, after: a } = d;
  if (b === null) return `${label}: new since you added studies: ${spokenValue(a!, unit)}.`;
  if (a === null) return `${label}: not shown since you added studies; it was ${spokenValue(b, unit)}.`;
  if (d.status === 'unchanged') return `${label}: unchanged since you added studies.`;
  return `${label}: changed since you added studies, from ${spokenValue(b, unit)} to ${spokenValue(a, unit)}.`;
}

const plural = (k: number, one: string, many = `${one}s`): string => `${k} ${k === 1 ? one : many}`;

/** "Δ since you added 2 studies (added.csv)" */
export function legendText(added: number, fileName: string): string {
  return `Δ since you added ${plural(added, 'study', 'studies')} (${fileName})`;
}

function livingDiff(
  before: ReadonlyMap<string, Labelled>, after: ReadonlyMap<string, Labelled>, added: number, fileName: string,
): LivingDiff {
  const estimates = (m: ReadonlyMap<string, Labelled>) => new Map([...m].map(([key, l]) => [key, l.estimate]));
  const byKey = new Map<string, ShownDiff>();
  for (const d of estimateDiff(estimates(before), estimates(after))) {
    const { label, unit } = after.get(d.key) ?? before.get(d.key)!;
    byKey.set(d.key, { ...d, label, unit, text: diffText(d, unit), spoken: spokenText(d, label, unit) });
  }
  const changes = [...byKey.values()].filter((d) => d.status !== 'unchanged');
  const count = (s: EstimateDiff['status']) => changes.filter((d) => d.status === s).length;
  return {
    legend: legendText(added, fileName),
    summary: `${plural(count('changed'), 'estimate')} changed, ${count('new')} new, ${count('gone')} no longer shown`,
    byKey, changes,
  };
}

/** Key of a map cell: `modality.outcome` (as the summary of findings' row ids). */
export const mapCellKey = (modality: string, outcome: string): string => `${modality}.${outcome}`;

function mapEstimates(model: MapModel): Map<string, Labelled> {
  const out = new Map<string, Labelled>();
  const put = (modality: string, label: string, outcome: string, c: PooledEstimate, unit: DiffUnit) => {
    const estimate: PooledEstimate = { estimate: c.estimate, ci: c.ci, k: c.k, n: c.n };
    out.set(mapCellKey(modality, outcome), { estimate, label, unit });
  };
  for (const r of model.rows) {
    for (const s of MAP_SERIES) {
      const c = r.cells[s.key];
      if (c) put(r.modality, `${r.label}, ${s.label}`, s.key, c, 'percent');
    }
    for (const [outcome, c] of Object.entries(r.medians)) {
      const label = MEDIAN_SERIES.find((s) => s.key === outcome)?.label ?? outcome;
      if (c) put(r.modality, `${r.label}, ${label}`, outcome, c, 'months');
    }
  }
  return out;
}

/** Every pooled estimate of the evidence map before and after adding `added` studies from `fileName`. */
export function mapDiff(before: MapModel, after: MapModel, added: number, fileName: string): LivingDiff {
  return livingDiff(mapEstimates(before), mapEstimates(after), added, fileName);
}

const SOF_UNITS: Readonly<Record<SofDisplayRow['row']['effect']['kind'], DiffUnit>> = {
  proportion: 'percent', median: 'months', ratio: 'ratio', comparison: 'none', review: 'none',
};

function sofEstimates(rows: readonly SofDisplayRow[]): Map<string, Labelled> {
  return new Map(rows.map((r) => [r.id, {
    estimate: sofRowEstimate(r.row),
    label: `${r.modality}, ${r.outcome}${r.row.basis === 'pooled' ? '' : ` (${r.evidence.toLowerCase()})`}`,
    unit: SOF_UNITS[r.row.effect.kind],
  }]));
}

/** Every row of the summary of findings before and after adding `added` studies from `fileName` (keyed by row id). */
export function sofDiff(
  before: readonly SofDisplayRow[], after: readonly SofDisplayRow[], added: number, fileName: string,
): LivingDiff {
  return livingDiff(sofEstimates(before), sofEstimates(after), added, fileName);
}
