/**
 * The evidence map's model: for each modality with poolable rows, k, N and the engine's pooled 5-year OS,
 * response and disease-control rates (pool(..., {by: 'modality'})), and the printed range of median OS.
 */
import type { MapRow, MapSeries, MapSpec } from '../charts/evidenceMap.ts';
import { poolableRows } from '../data/poolable.ts';
import type { StudyRecord } from '../data/types.ts';
import { MODALITIES, POOLABLE_OUTCOMES } from '../data/vocabulary.ts';
import { poolByModality, type PoolSettings, type ViewFit } from './engine.ts';
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
  /** distinct cohorts with a poolable row of any proportion outcome */
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

const SERIES: readonly MapSeries[] = [
  { key: 'os_5y', label: '5-year OS', shape: 'circle' },
  { key: 'orr', label: 'Objective response', shape: 'diamond' },
  { key: 'dcr', label: 'Disease control', shape: 'square' },
];

export function mapModel(records: readonly StudyRecord[], s: PoolSettings): MapModel {
  const measure = s.measure === 'GEN' ? 'PLO' : s.measure;
  const fits = new Map<string, Map<string, ViewFit>>();
  const series = SERIES.filter((se) => poolableRows(records, se.key as never).included.length > 0);
  for (const se of series) {
    const out = poolByModality({ kind: 'studies', records, problems: [] }, se.key, { ...s, measure });
    if (typeof out === 'string') throw new Error(out);
    const byGroup = new Map<string, ViewFit>();
    for (const f of out.fits) if (f.group !== undefined) byGroup.set(f.group, f);
    fits.set(se.key, byGroup);
  }
  const rows: MapModelRow[] = [];
  for (const modality of MODALITIES) {
    const mine = records.filter((r) => r.modality === modality);
    const cohorts = new Map<string, number>();
    let firstOutcome = '';
    for (const o of POOLABLE_OUTCOMES) {
      const inc = poolableRows(mine, o).included;
      if (inc.length > 0 && !firstOutcome) firstOutcome = o;
      for (const { record, n } of inc) cohorts.set(record.cohort_id, Math.max(cohorts.get(record.cohort_id) ?? 0, n));
    }
    if (cohorts.size === 0) continue;
    const cells: Record<string, MapCell | undefined> = {};
    const warnings = new Set<string>();
    let method = '';
    for (const se of series) {
      const f = fits.get(se.key)?.get(modality);
      if (!f) continue;
      cells[se.key] = { k: f.k, estimate: f.back.estimate, ci: f.back.ci, pi: f.back.pi };
      if (!method) method = `${f.method}, ${f.test}, ${f.measure}`;
      for (const w of f.warnings) warnings.add(w.message);
    }
    const medians = mine.filter((r) => r.outcome === 'os_median_months' && r.value !== null).map((r) => r.value!);
    const lo = Math.min(...medians);
    const hi = Math.max(...medians);
    const medianRange = medians.length === 0 ? '' : lo === hi ? `${lo}` : `${lo}–${hi}`;
    rows.push({
      modality, label: modalityLabel(modality), k: cohorts.size, n: [...cohorts.values()].reduce((a, b) => a + b, 0),
      cells, medianRange, method: method || '–', warnings: [...warnings],
      firstOutcome: cells.os_5y ? 'os_5y' : firstOutcome,
    });
  }
  return { series, rows };
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
