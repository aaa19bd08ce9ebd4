/**
 * The evidence map's model: for each modality with poolable rows, k, N and the pooled 5-year OS, response and
 * disease-control rates — each read from the Analysis of that outcome (by modality, with the user's exclusions) —
 * and the printed range of median OS.
 */
import { selectionOf, type Analysis, type AnalysisSpec, type PooledFit } from '../analysis/index.ts';
import type { MapRow, MapSeries, MapSpec } from '../charts/evidenceMap.ts';
import type { AnalysisInput, StudyRecord } from '../data/types.ts';
import { MODALITIES, POOLABLE_OUTCOMES } from '../data/vocabulary.ts';
import { modalityLabel } from './labels.ts';

export interface MapCell {
  readonly k: number;
  readonly estimate: number;
  readonly ci: readonly [number, number];
  readonly pi: readonly [number, number] | null;
}

export interface MapModelRow {
  readonly modality: string;
  readonly label: string;
  /** distinct cohorts with an included row of any proportion outcome */
  readonly k: number;
  /** sum over those cohorts of the largest n reported */
  readonly n: number;
  readonly cells: Readonly<Record<string, MapCell | undefined>>;
  /** median OS as printed: "35–70" months, or '' */
  readonly medianRange: string;
  readonly method: string;
  readonly warnings: readonly string[];
  /** the outcome its forest plot opens with */
  readonly firstOutcome: string;
}

export interface MapModel {
  readonly series: readonly MapSeries[];
  readonly rows: readonly MapModelRow[];
}

export const MAP_SERIES: readonly MapSeries[] = [
  { key: 'os_5y', label: '5-year OS', shape: 'circle' },
  { key: 'orr', label: 'Objective response', shape: 'diamond' },
  { key: 'dcr', label: 'Disease control', shape: 'square' },
];

/**
 * The map of the study table `input` from the analyses of the MAP_SERIES outcomes (`analyses`, by outcome; an
 * outcome with no analysis has no poolable row). `spec` is the analyses' spec, used for k and N: the cohorts with an
 * included row of any proportion outcome under the same exclusions.
 */
export function mapModel(
  input: AnalysisInput & { kind: 'studies' }, analyses: ReadonlyMap<string, Analysis>, spec: AnalysisSpec,
): MapModel {
  const series = MAP_SERIES.filter((se) => analyses.get(se.key)?.pooled);
  const fitsOf = (key: string) => new Map((analyses.get(key)?.pooled?.groups ?? []).map((f) => [f.group ?? '', f]));
  const fits = new Map(series.map((se) => [se.key, fitsOf(se.key)]));
  const cohorts = new Map<string, Map<string, number>>();
  const first = new Map<string, string>();
  for (const o of POOLABLE_OUTCOMES) {
    for (const r of selectionOf(input, { ...spec, outcome: o, modality: '' }).rows) {
      if (r.status !== 'included' || r.record === null) continue;
      const m = r.record.modality;
      if (!first.has(m)) first.set(m, o);
      const byCohort = cohorts.get(m) ?? new Map<string, number>();
      byCohort.set(r.unit, Math.max(byCohort.get(r.unit) ?? 0, r.n ?? 0));
      cohorts.set(m, byCohort);
    }
  }
  const rows: MapModelRow[] = [];
  for (const modality of MODALITIES) {
    const mine = cohorts.get(modality);
    if (!mine || mine.size === 0) continue;
    const cells: Record<string, MapCell | undefined> = {};
    const warnings = new Set<string>();
    let method = '';
    for (const se of series) {
      const f: PooledFit | undefined = fits.get(se.key)?.get(modality);
      if (!f) continue;
      cells[se.key] = { k: f.k, estimate: f.back.estimate, ci: f.back.ci, pi: f.back.pi };
      if (!method) method = `${f.method}, ${f.test ?? 'credible interval'}, ${f.measure}`;
      for (const w of f.warnings) warnings.add(w.message);
    }
    rows.push({
      modality, label: modalityLabel(modality), k: mine.size, n: [...mine.values()].reduce((a, b) => a + b, 0),
      cells, medianRange: medianRange(input.records, modality), method: method || '–', warnings: [...warnings],
      firstOutcome: cells.os_5y ? 'os_5y' : first.get(modality) ?? 'os_5y',
    });
  }
  return { series, rows };
}

/** Median OS of a modality as printed: "35–125.1", one value, or ''. */
function medianRange(records: readonly StudyRecord[], modality: string): string {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of records) {
    if (r.modality !== modality || r.outcome !== 'os_median_months' || r.value === null) continue;
    lo = Math.min(lo, r.value);
    hi = Math.max(hi, r.value);
  }
  return lo === Infinity ? '' : lo === hi ? `${lo}` : `${lo}–${hi}`;
}

export function mapSpec(model: MapModel): MapSpec {
  const rows: MapRow[] = model.rows.map((r) => ({
    id: r.modality,
    label: r.label,
    k: r.k,
    n: r.n,
    marks: Object.fromEntries(Object.entries(r.cells)
      .map(([key, c]) => [key, c && { estimate: c.estimate, ci: c.ci, pi: c.pi, k: c.k }])),
    note: r.medianRange ? `${r.medianRange} mo` : '–',
  }));
  return {
    series: model.series,
    rows,
    noteHeader: 'Median OS (range)',
  };
}
