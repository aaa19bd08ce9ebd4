/**
 * The survival-curve panel's model (pure, no DOM): model-based curves per (cohort, arm) from the study table's
 * published landmarks, reconstructed curves from the reconstruct dialog, the pooled curve of a modality, and the
 * KmSpec the chart draws plus the S(t) table that is its text alternative.
 */
import { resultsToCsv } from '../charts/export/resultsToCsv.ts';
import type { KmCurve, KmSpec } from '../charts/kmPlot.ts';
import type { StudyRecord } from '../data/types.ts';
import { LANDMARK_MONTHS, type OutcomeName } from '../data/vocabulary.ts';
import type { IpdRow } from '../survival/guyot.ts';
import { kaplanMeier, survivalAt, type KmResult } from '../survival/kaplanMeier.ts';
import {
  landmarkCurve, piecewiseExponentialAt, piecewiseExponentialQuantile, type Landmark, type PiecewiseExponentialCurve,
} from '../survival/landmarkCurve.ts';
import { pooledSurvival, type PoolStudyCurve } from '../survival/pooledSurvival.ts';
import { pseudoIpd } from '../survival/pseudoIpd.ts';
import { pseudoIpdAtRisk } from '../survival/pseudoIpdAtRisk.ts';

/** Overall-survival landmarks a model-based curve is built from (dfs_5y is another endpoint and is left out). */
export const OS_LANDMARKS: readonly OutcomeName[] = ['os_1y', 'os_2y', 'os_3y', 'os_5y', 'os_10y'];
/** Times (months) of the text alternative's S(t) table. */
export const TABLE_TIMES: readonly number[] = [12, 36, 60, 120];

/** A model-based curve of one cohort and arm: the piecewise-exponential curve through its published landmarks. */
export interface ModelEntry {
  readonly id: string;
  readonly cohortId: string;
  /** '' for the whole cohort */
  readonly arm: string;
  readonly label: string;
  readonly modality: string;
  readonly n: number | null;
  readonly landmarks: readonly Landmark[];
  readonly median: number | null;
  readonly curve: PiecewiseExponentialCurve;
  /** row_ids the landmarks came from */
  readonly rowIds: readonly string[];
  /** same cohort, arm and outcome with a different value: the first row is used, the others are named here */
  readonly notes: readonly string[];
}

/** A curve reconstructed in the dialog (Guyot et al. 2012), kept in memory for the session. */
export interface ReconstructedEntry {
  readonly id: string;
  readonly label: string;
  readonly modality: string;
  readonly ipd: readonly IpdRow[];
  /** published risk-table times */
  readonly riskTimes: readonly number[];
}

const armLabel = (r: StudyRecord) => (r.arm ? `${r.study} — ${r.arm}` : r.study);

/**
 * Model-based curves from the study table: rows of os_1y … os_10y and os_median_months with a value, grouped by
 * cohort_id and arm; review-level ranges are left out (not a cohort). When a cohort and arm repeat an outcome, the
 * first row in table order is used and a differing value is noted.
 */
export function modelEntries(records: readonly StudyRecord[]): ModelEntry[] {
  const groups = new Map<string, StudyRecord[]>();
  for (const r of records) {
    if (r.design === 'review_range' || r.value === null) continue;
    if (!OS_LANDMARKS.includes(r.outcome) && r.outcome !== 'os_median_months') continue;
    const key = `${r.cohort_id}|${r.arm}|${r.modality}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out: ModelEntry[] = [];
  for (const [key, rows] of groups) {
    const first = new Map<string, StudyRecord>();
    const notes: string[] = [];
    for (const r of rows) {
      const seen = first.get(r.outcome);
      if (!seen) first.set(r.outcome, r);
      else if (seen.value !== r.value) notes.push(`${r.outcome} ${r.value} (row ${r.row_id}) differs from ${seen.value} (row ${seen.row_id}); ${seen.value} used`);
    }
    const used = [...first.values()];
    const landmarks = used.filter((r) => r.outcome !== 'os_median_months')
      .map((r) => ({ time: r.time_months ?? (LANDMARK_MONTHS[r.outcome] as number), surv: (r.value as number) / 100 }))
      .sort((a, b) => a.time - b.time);
    const median = first.get('os_median_months')?.value ?? null;
    const ns = used.map((r) => r.n).filter((n): n is number => n !== null);
    out.push({
      id: `model:${key}`, cohortId: rows[0].cohort_id, arm: rows[0].arm, label: armLabel(rows[0]), modality: rows[0].modality, n: ns.length ? ns.reduce((a, b) => Math.max(a, b)) : null,
      landmarks, median, curve: landmarkCurve({ landmarks, median }), rowIds: used.map((r) => r.row_id), notes,
    });
  }
  return out.sort((a, b) => a.label.localeCompare(b.label, 'en'));
}

/**
 * One curve per cohort (the same patients must not enter a pool twice): the whole cohort (empty arm) when it has
 * a curve, else its arm with the largest n (then the first by label). Returns the ids of these representatives.
 */
export function cohortRepresentatives(models: readonly ModelEntry[]): Set<string> {
  const best = new Map<string, ModelEntry>();
  const rank = (m: ModelEntry) => (m.arm === '' ? Infinity : (m.n ?? -1));
  for (const m of models) {
    const key = `${m.cohortId}|${m.modality}`;
    const cur = best.get(key);
    if (!cur || rank(m) > rank(cur)) best.set(key, m);
  }
  return new Set([...best.values()].map((m) => m.id));
}

/** A label short enough for the chart's line ends (the full label is in the checkbox list and the table). */
export function chartLabel(label: string, max = 20): string {
  return label.length > max ? `${label.slice(0, max - 1).trimEnd()}…` : label;
}

/** Modalities with at least one curve, most curves first (ties in name order). */
export function curveModalities(models: readonly ModelEntry[], recon: readonly ReconstructedEntry[]): string[] {
  const count = new Map<string, number>();
  for (const e of [...models, ...recon]) count.set(e.modality, (count.get(e.modality) ?? 0) + 1);
  return [...count.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([m]) => m);
}

/** Kaplan–Meier of a reconstructed curve's IPD (log limits, as R survfit). */
export function reconstructedKm(e: ReconstructedEntry): KmResult {
  return kaplanMeier({ time: e.ipd.map((r) => r.time), event: e.ipd.map((r) => r.event) });
}

/** Patients still at risk at t in IPD: time ≥ t (the KM risk-set definition). */
export function atRiskAt(ipd: readonly IpdRow[], t: number): number {
  return ipd.reduce((k, r) => k + (r.time >= t ? 1 : 0), 0);
}

export interface KmPanelOptions {
  /** ids of curves not to draw */
  readonly hidden?: ReadonlySet<string>;
  readonly pooled?: boolean;
  /** cohorts the user excluded: drawn, but left out of the pooled curve */
  readonly excludedCohorts?: ReadonlySet<string>;
  /** grid step of model-based and pooled lines, months (default 1) */
  readonly step?: number;
}

export interface KmTableRow {
  readonly id: string;
  readonly label: string;
  readonly kind: KmCurve['kind'];
  /** S at TABLE_TIMES; null beyond a reconstructed curve's follow-up or where the pool has no study */
  readonly surv: readonly (number | null)[];
  readonly median: number | null;
}

/** A row of the numbers-at-risk table (the chart draws the same counts under its time axis). */
export interface KmRiskRow {
  readonly id: string;
  /** a model-based curve's label ends in "(model, no censoring)": expected counts, not published ones */
  readonly label: string;
  readonly kind: KmCurve['kind'];
  /** at spec.riskTimes */
  readonly atRisk: readonly number[];
}

/** Suffix of a model-based curve's numbers-at-risk row. */
export const MODEL_RISK_SUFFIX = '(model, no censoring)';

export interface KmPanel {
  readonly spec: KmSpec;
  readonly table: readonly KmTableRow[];
  /** numbers at risk at spec.riskTimes: reconstructed curves, and model-based curves whose cohort has n */
  readonly risk: readonly KmRiskRow[];
  /** pooling notes: which curves entered, why some did not */
  readonly poolNote: string | null;
  readonly poolWarnings: readonly string[];
}

function grid(maxTime: number, step: number): number[] {
  const g: number[] = [];
  for (let t = 0; t < maxTime; t += step) g.push(t);
  g.push(maxTime);
  for (const t of TABLE_TIMES) if (t <= maxTime && !g.includes(t)) g.push(t);
  return g.sort((a, b) => a - b);
}

/**
 * The panel of one modality: its model-based curves (dashed; when the cohort has n, the expected numbers at risk
 * with no censoring, n·S(t) rounded, from the pseudo-IPD of pseudoIpd — not published counts), its
 * reconstructed curves (KM of the reconstructed IPD with log CI bands and numbers at risk at the published
 * risk-table times) and, when asked and at least two curves are drawn, the pooled curve (pooledSurvival: DL on
 * log(−log S); model-based curves enter with the binomial SE from n, reconstructed ones with their Greenwood SE).
 */
export function kmPanel(
  models: readonly ModelEntry[], recon: readonly ReconstructedEntry[], modality: string, options: KmPanelOptions = {},
): KmPanel {
  const hidden = options.hidden ?? new Set<string>();
  const ms = models.filter((m) => m.modality === modality && !hidden.has(m.id));
  const rs = recon.filter((r) => r.modality === modality && !hidden.has(r.id));
  const kms = rs.map(reconstructedKm);
  const lastRecon = kms.reduce((m, k) => Math.max(m, k.times.length ? k.times[k.times.length - 1] : 0), 0);
  const maxTime = Math.max(120, Math.ceil(lastRecon));
  const g = grid(maxTime, options.step ?? 1);
  const riskTimes = [...new Set(rs.flatMap((r) => r.riskTimes))].filter((t) => t <= maxTime).sort((a, b) => a - b);
  const ticks = riskTimes.length ? riskTimes : Array.from({ length: Math.floor(maxTime / 12) + 1 }, (_, i) => i * 12);

  const curves: KmCurve[] = [];
  const table: KmTableRow[] = [];
  const risk: KmRiskRow[] = [];
  for (const m of ms) {
    const median = piecewiseExponentialQuantile(m.curve, 0.5);
    const n = m.n;
    const atRisk = n !== null && Number.isInteger(n) && n >= 1
      ? pseudoIpdAtRisk(pseudoIpd(m.curve, n, maxTime), ticks)
      : undefined;
    curves.push({
      id: m.id, label: chartLabel(m.label), kind: 'model-based', times: g, surv: g.map((t) => piecewiseExponentialAt(m.curve, t)), median,
      ...(atRisk ? { atRisk } : {}),
    });
    if (atRisk) risk.push({ id: m.id, label: `${m.label} ${MODEL_RISK_SUFFIX}`, kind: 'model-based', atRisk });
    table.push({ id: m.id, label: m.label, kind: 'model-based', surv: TABLE_TIMES.map((t) => piecewiseExponentialAt(m.curve, t)), median });
  }
  rs.forEach((r, i) => {
    const km = kms[i];
    const last = km.times.length ? km.times[km.times.length - 1] : 0;
    const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);
    const atRisk = ticks.map((t) => atRiskAt(r.ipd, t));
    risk.push({ id: r.id, label: r.label, kind: 'reconstructed', atRisk });
    curves.push({
      id: r.id, label: chartLabel(r.label), kind: 'reconstructed', times: km.times, surv: km.surv,
      lower: km.lower.map(finiteOrNull), upper: km.upper.map(finiteOrNull), median: km.median,
      atRisk,
    });
    table.push({
      id: r.id, label: r.label, kind: 'reconstructed', surv: TABLE_TIMES.map((t) => (t <= last ? survivalAt(km, t) : null)), median: km.median,
    });
  });

  let poolNote: string | null = null;
  let poolWarnings: readonly string[] = [];
  const reps = cohortRepresentatives(models);
  const excludedCohorts = options.excludedCohorts ?? new Set<string>();
  const pooledModels = ms.filter((m) => reps.has(m.id) && !excludedCohorts.has(m.cohortId));
  const skipped = ms.filter((m) => !reps.has(m.id) && !excludedCohorts.has(m.cohortId)).map((m) => m.label);
  const userExcluded = ms.filter((m) => excludedCohorts.has(m.cohortId)).map((m) => m.label);
  if (options.pooled !== false && pooledModels.length + rs.length >= 2) {
    const studies: PoolStudyCurve[] = [
      ...pooledModels.map((m) => ({
        study: m.label, n: m.n, survAt: (t: number) => piecewiseExponentialAt(m.curve, t),
      })),
      ...rs.map((r, i) => {
        const km = kms[i];
        const last = km.times.length ? km.times[km.times.length - 1] : 0;
        const seAt = (t: number) => {
          if (t > last) return null;
          let j = -1;
          while (j + 1 < km.times.length && km.times[j + 1] <= t) j++;
          return j < 0 ? null : (Number.isFinite(km.stdErr[j]) ? km.stdErr[j] : null);
        };
        const survAt = (t: number) => (t <= last ? survivalAt(km, t) : NaN);
        return { study: r.label, n: null, survAt, stdErrAt: seAt };
      }),
    ];
    const pooled = pooledSurvival(studies, g);
    const pts = pooled.points.filter((p) => p.surv !== null);
    if (pts.length > 1) {
      const label = 'Pooled';
      const at = (t: number) => pooled.points.find((p) => p.time === t)?.surv ?? null;
      const med = pts.find((p) => (p.surv as number) <= 0.5)?.time ?? null;
      curves.push({
        id: 'pooled', label, kind: 'pooled', times: pts.map((p) => p.time), surv: pts.map((p) => p.surv as number),
        lower: pts.map((p) => p.lower), upper: pts.map((p) => p.upper), median: med,
      });
      table.push({ id: 'pooled', label, kind: 'pooled', surv: TABLE_TIMES.map(at), median: med });
      const kMax = pts.reduce((m, p) => Math.max(m, p.k), 0);
      poolNote = `Pooled: DerSimonian–Laird random effects on log(−log S) at each month, up to ${kMax} curves; `
        + 'model-based curves enter with the binomial SE from n (too small when there was censoring).';
    }
    poolWarnings = [
      ...pooled.warnings,
      ...skipped.map((l) => `${l}: a subgroup of a cohort already pooled; drawn, not pooled`),
      ...userExcluded.map((l) => `${l}: excluded by you; drawn, not pooled`),
    ];
  }
  return {
    spec: {
      curves, riskTimes: ticks, maxTime, xLabel: 'Time (months)',
      caption: risk.some((r) => r.kind === 'model-based')
        ? 'Dashed: model-based from published landmarks, not patient data (at risk: n·S(t), no censoring). Solid: Guyot 2012.'
        : 'Dashed: model-based from published landmarks (not patient data). Solid: reconstructed (Guyot 2012).',
    },
    table, risk, poolNote, poolWarnings,
  };
}

/**
 * The S(t) table as CSV, through the one CSV writer (resultsToCsv: formula guard, quoting):
 * curve, kind, s_12 … s_120 (proportions; empty where unknown), median_months.
 */
export function kmTableCsv(table: readonly KmTableRow[]): string {
  const times = TABLE_TIMES.map((t, i) => ({ header: `s_${t}`, value: (r: KmTableRow) => r.surv[i] }));
  return resultsToCsv(table, [
    { header: 'curve', value: (r) => r.label }, 'kind', ...times, { header: 'median_months', value: (r) => r.median },
  ]);
}
