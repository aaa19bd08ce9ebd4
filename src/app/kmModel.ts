/**
 * The survival-curve panel's model (pure, no DOM): the curves of one modality from the analysis layer
 * (src/analysis/survivalCurves.ts: model-based curves per cohort and arm, reconstructed curves, the pooled curve and
 * who is in it) turned into the KmSpec the chart draws, plus the S(t) and numbers-at-risk tables that are its text
 * alternative. Model-based curves stop at their last published landmark unless extended (then faded after it);
 * medians after a curve's data are "not reached within follow-up"; expected numbers at risk only on request.
 */
import {
  survivalCurves, ipdKm, type IpdCurveInput, type ModelEntry, type SurvivalCurves,
} from '../analysis/survivalCurves.ts';
import { resultsToCsv } from '../charts/export/resultsToCsv.ts';
import type { KmCurve, KmRiskKind, KmSpec } from '../charts/kmPlot.ts';
import type { IpdRow } from '../survival/guyot.ts';
import type { KmResult } from '../survival/kaplanMeier.ts';
import { survivalAt } from '../survival/kaplanMeier.ts';
import { piecewiseExponentialAt } from '../survival/landmarkCurve.ts';
import { pseudoIpd } from '../survival/pseudoIpd.ts';
import { pseudoIpdAtRisk } from '../survival/pseudoIpdAtRisk.ts';

export { cohortRepresentatives, modelEntries, OS_LANDMARKS, type ModelEntry } from '../analysis/survivalCurves.ts';

/** Times (months) of the text alternative's S(t) table. */
export const TABLE_TIMES: readonly number[] = [12, 36, 60, 120];

/** A curve reconstructed in the dialog (Guyot et al. 2012), kept in memory for the session. */
export interface ReconstructedEntry extends IpdCurveInput {
  /** published risk-table times */
  readonly riskTimes: readonly number[];
}

/**
 * A label for the chart's line ends and legend (the full label is in the checkbox list and the tables): without
 * "(seed 000)", and a long study name with a citation shortened to its first word and the citation, so curves of
 * different references stay apart when the chart cuts a label to its room ("Interferon-α + octreotide RCT [70]
 * (seed 000) — octreotide" → "Interferon-α… [70] — octreotide").
 */
export function chartLabel(label: string, max = 22): string {
  const s = label.replace(/\s*\(seed \d+\)/g, '').replace(/\s+/g, ' ').trim();
  if (s.length <= max) return s;
  const [study, ...arm] = s.split(' — ');
  const cite = /^(.*?)\s*(\[[^\]]*\])$/.exec(study);
  if (!cite || cite[1].length === 0) return s;
  const first = cite[1].split(' ')[0].replace(/[^\p{L}\p{N})]+$/u, '');
  const head = first.length < cite[1].length ? `${first}…` : first;
  return [`${head} ${cite[2]}`, ...arm].join(' — ');
}

/** Modalities with at least one curve, most curves first (ties in name order). */
export function curveModalities(models: readonly ModelEntry[], recon: readonly ReconstructedEntry[]): string[] {
  const count = new Map<string, number>();
  for (const e of [...models, ...recon]) count.set(e.modality, (count.get(e.modality) ?? 0) + 1);
  return [...count.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([m]) => m);
}

/** Kaplan–Meier of a reconstructed curve's IPD (log limits, as R survfit). */
export function reconstructedKm(e: ReconstructedEntry): KmResult {
  return ipdKm(e);
}

/** Patients still at risk at t in IPD: time ≥ t (the KM risk-set definition). */
export function atRiskAt(ipd: readonly IpdRow[], t: number): number {
  return ipd.reduce((k, r) => k + (r.time >= t ? 1 : 0), 0);
}

export interface KmPanelOptions {
  /** ids of curves not to draw */
  readonly hidden?: ReadonlySet<string>;
  /** draw the pooled curve (default true) */
  readonly pooled?: boolean;
  /** cohorts the user excluded: drawn, but left out of the pooled curve */
  readonly excludedCohorts?: ReadonlySet<string>;
  /** grid step of model-based and pooled lines, months (default 1) */
  readonly step?: number;
  /** draw model-based curves past their last published landmark, faded and labelled "extrapolated" (default false) */
  readonly extend?: boolean;
  /** show the model-based curves' expected numbers at risk, n·S(t) with no censoring (default false) */
  readonly expectedAtRisk?: boolean;
  /** pool reconstructed curves with the model-based ones (default false) */
  readonly poolReconstructed?: boolean;
}

export interface KmTableRow {
  readonly id: string;
  readonly label: string;
  readonly kind: KmCurve['kind'];
  /** S at TABLE_TIMES; null beyond a curve's data (unless extended) or where the pool has no study */
  readonly surv: readonly (number | null)[];
  /** null: not reached within follow-up (the curve's data) */
  readonly median: number | null;
  /** values at times after this one are extrapolated (model-based curves, when extended) */
  readonly extrapolatedFrom?: number;
}

/** A row of the numbers-at-risk table (the chart draws the same counts under its time axis). */
export interface KmRiskRow {
  readonly id: string;
  /** a model-based curve's label ends in "(model, no censoring)": expected counts, not published ones */
  readonly label: string;
  readonly kind: KmCurve['kind'];
  readonly riskKind: KmRiskKind;
  /** at spec.riskTimes; null where unknown (after a curve's end) */
  readonly atRisk: readonly (number | null)[];
}

/** Suffix of a model-based curve's numbers-at-risk row. */
export const MODEL_RISK_SUFFIX = '(model, no censoring)';

export interface KmPanel {
  readonly spec: KmSpec;
  readonly table: readonly KmTableRow[];
  /** numbers at risk at spec.riskTimes: reconstructed curves, and (on request) model-based curves whose cohort has n */
  readonly risk: readonly KmRiskRow[];
  /** the pooled curve's method, in words (also in the chart's caption); null without a pooled curve */
  readonly poolNote: string | null;
  readonly poolWarnings: readonly string[];
  /** the analysis the panel draws */
  readonly curves: SurvivalCurves;
}

function grid(maxTime: number, step: number): number[] {
  const g: number[] = [];
  for (let t = 0; t < maxTime; t += step) g.push(t);
  g.push(maxTime);
  for (const t of TABLE_TIMES) if (t <= maxTime && !g.includes(t)) g.push(t);
  return g.sort((a, b) => a - b);
}

const KIND_WORDS = {
  'model-based': 'model-based curves (each up to its last published landmark)',
  'reconstructed': 'reconstructed curves (each up to its last time)',
  'mixed': 'model-based and reconstructed curves, pooled together as you chose (each up to the end of its data)',
} as const;

/**
 * The panel of one modality: its model-based curves (dashed) from published landmarks, its reconstructed curves
 * (KM of the reconstructed IPD with log CI bands and numbers at risk at the published risk-table times) and the
 * pooled curve of survivalCurves (src/analysis/survivalCurves.ts).
 */
export function kmPanel(
  models: readonly ModelEntry[], recon: readonly ReconstructedEntry[], modality: string, options: KmPanelOptions = {},
): KmPanel {
  const curves = survivalCurves(models, {
    modality, hidden: options.hidden, reconstructed: recon, poolReconstructed: options.poolReconstructed,
    step: options.step, pool: options.pooled, excludedCohorts: options.excludedCohorts,
  });
  return kmPanelOf(curves, recon, options);
}

/** The panel of curves the analysis layer selected (survivalCurves / survivalCurvesOf); `recon` gives the risk-table times. */
export function kmPanelOf(
  curves: SurvivalCurves, recon: readonly ReconstructedEntry[], options: KmPanelOptions = {},
): KmPanel {
  const extend = options.extend === true;
  const riskTimesOf = new Map(recon.map((r) => [r.id, r.riskTimes]));
  const lastModel = curves.models.reduce((m, c) => Math.max(m, c.dataEnd), 0);
  const lastRecon = curves.reconstructed.reduce((m, c) => Math.max(m, c.dataEnd), 0);
  const lastPool = curves.pool ? curves.pool.points[curves.pool.points.length - 1].time : 0;
  // the axis: to the last data, in whole years for model-based and pooled curves; 120 months when extended
  const lastYear = Math.ceil(Math.max(lastModel, lastPool) / 12) * 12;
  const maxTime = Math.max(12, lastYear, Math.ceil(lastRecon), extend ? 120 : 0);
  const g = grid(maxTime, options.step ?? 1);
  const riskTimes = [...new Set(curves.reconstructed.flatMap((r) => riskTimesOf.get(r.entry.id) ?? []))]
    .filter((t) => t <= maxTime).sort((a, b) => a - b);
  const ticks = riskTimes.length ? riskTimes : Array.from({ length: Math.floor(maxTime / 12) + 1 }, (_, i) => i * 12);

  const out: KmCurve[] = [];
  const table: KmTableRow[] = [];
  const risk: KmRiskRow[] = [];
  for (const { entry: m, dataEnd, median } of curves.models) {
    const drawnEnd = extend ? maxTime : Math.min(dataEnd, maxTime);
    const times = [...new Set([...g.filter((t) => t <= drawnEnd), drawnEnd])].sort((a, b) => a - b);
    const at = (t: number) => piecewiseExponentialAt(m.curve, t);
    const extrapolated = extend && dataEnd < maxTime;
    const n = m.n;
    const atRisk = options.expectedAtRisk && n !== null && Number.isInteger(n) && n >= 1
      ? pseudoIpdAtRisk(pseudoIpd(m.curve, n, maxTime), ticks).map((k, i) => (ticks[i] <= drawnEnd ? k : null))
      : undefined;
    out.push({
      id: m.id, label: chartLabel(m.label), kind: 'model-based', times, surv: times.map(at), median,
      ...(extrapolated ? { extrapolatedFrom: dataEnd } : {}),
      ...(atRisk ? { atRisk, atRiskKind: 'expected' as const } : {}),
    });
    if (atRisk) risk.push({ id: m.id, label: `${m.label} ${MODEL_RISK_SUFFIX}`, kind: 'model-based', riskKind: 'expected', atRisk });
    table.push({
      id: m.id, label: m.label, kind: 'model-based', median,
      surv: TABLE_TIMES.map((t) => (t <= dataEnd || (extend && t <= maxTime) ? at(t) : null)),
      ...(extrapolated && TABLE_TIMES.some((t) => t > dataEnd && t <= maxTime) ? { extrapolatedFrom: dataEnd } : {}),
    });
  }
  for (const { entry: r, km, dataEnd } of curves.reconstructed) {
    const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);
    const atRisk = ticks.map((t) => atRiskAt(r.ipd, t));
    risk.push({ id: r.id, label: r.label, kind: 'reconstructed', riskKind: 'reconstructed', atRisk });
    out.push({
      id: r.id, label: chartLabel(r.label), kind: 'reconstructed', times: km.times, surv: km.surv,
      lower: km.lower.map(finiteOrNull), upper: km.upper.map(finiteOrNull), median: km.median,
      atRisk, atRiskKind: 'reconstructed',
    });
    table.push({
      id: r.id, label: r.label, kind: 'reconstructed', surv: TABLE_TIMES.map((t) => (t <= dataEnd ? survivalAt(km, t) : null)), median: km.median,
    });
  }

  const pool = curves.pool;
  let poolNote: string | null = null;
  if (pool) {
    const label = pool.kind === 'mixed' ? 'Pooled (model-based + reconstructed)' : 'Pooled';
    const pts = pool.points.filter((p) => p.time <= maxTime);
    out.push({
      id: 'pooled', label, kind: 'pooled', times: pts.map((p) => p.time), surv: pts.map((p) => p.surv),
      lower: pts.map((p) => p.lower), upper: pts.map((p) => p.upper), median: pool.median,
    });
    const at = (t: number) => pool.points.find((p) => p.time === t)?.surv ?? null;
    table.push({ id: 'pooled', label, kind: 'pooled', surv: TABLE_TIMES.map(at), median: pool.median });
    poolNote = `${label} (thick line; band: pointwise 95 % CI): DerSimonian–Laird random effects on log(−log S) at each `
      + `${pool.step === 1 ? 'month' : `${pool.step} months`}, over up to ${pool.kMax} ${KIND_WORDS[pool.kind]}; from one month to the next `
      + 'it follows the pooled conditional survival of the curves with data at both, so it never rises (after Combescure et al. 2014).'
      + (pool.kind === 'reconstructed' ? '' : ' Model-based curves enter with the binomial SE from n, too small when there was censoring: the band is too narrow.');
  }
  const hasModel = curves.models.length > 0;
  const caption = [
    hasModel ? `Dashed: model-based from published landmarks, not patient data; each drawn to its last published landmark${
      extend ? ', faded after it (extrapolated: the last interval\'s hazard carried on)' : ''}.` : '',
    curves.reconstructed.length ? 'Solid: reconstructed from a published figure (Guyot 2012).' : '',
    poolNote ?? '',
    risk.some((r) => r.riskKind === 'expected') ? 'Italic numbers at risk: expected n·S(t) with no censoring, not published.' : '',
  ].filter((s) => s).join(' ');
  return {
    spec: { curves: out, riskTimes: ticks, maxTime, xLabel: 'Time (months)', caption },
    table, risk, poolNote, poolWarnings: curves.warnings, curves,
  };
}

/**
 * The S(t) table as CSV, through the one CSV writer (resultsToCsv: formula guard, quoting):
 * curve, kind, s_12 … s_120 (proportions; empty where unknown), median_months (empty: not reached within
 * follow-up), extrapolated_after_months (model-based curves drawn past their last landmark).
 */
export function kmTableCsv(table: readonly KmTableRow[]): string {
  const times = TABLE_TIMES.map((t, i) => ({ header: `s_${t}`, value: (r: KmTableRow) => r.surv[i] }));
  return resultsToCsv(table, [
    { header: 'curve', value: (r) => r.label }, 'kind', ...times, { header: 'median_months', value: (r) => r.median },
    { header: 'extrapolated_after_months', value: (r) => r.extrapolatedFrom ?? null },
  ]);
}
