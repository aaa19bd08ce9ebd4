/**
 * The survival panel's analysis (pure, no DOM): model-based curves per cohort and arm from the study table's
 * published landmarks, one curve per cohort for pooling, the user's exclusions by cohort (the same units as every
 * other pool: resolveExclusions), and the pooled curve of a modality (pooledSurvival). Model-based curves enter the
 * pool only within their published landmarks; reconstructed (IPD) curves are pooled with model-based ones only when
 * the user asks for it.
 */
import type { AnalysisInput, StudyRecord } from '../data/types.ts';
import { LANDMARK_MONTHS, type OutcomeName } from '../data/vocabulary.ts';
import type { IpdRow } from '../survival/guyot.ts';
import { kaplanMeier, survivalAt, type KmResult } from '../survival/kaplanMeier.ts';
import {
  landmarkCurve, piecewiseExponentialAt, piecewiseExponentialQuantile, type Landmark, type PiecewiseExponentialCurve,
} from '../survival/landmarkCurve.ts';
import { pooledSurvival, type PooledSurvivalPoint, type PoolStudyCurve } from '../survival/pooledSurvival.ts';
import { resolveExclusions } from './selection.ts';

/** Overall-survival landmarks a model-based curve is built from (dfs_5y is another endpoint and is left out). */
export const OS_LANDMARKS: readonly OutcomeName[] = ['os_1y', 'os_2y', 'os_3y', 'os_5y', 'os_10y'];

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

/** A curve of (reconstructed) individual patient data, e.g. from the reconstruct dialog (Guyot et al. 2012). */
export interface IpdCurveInput {
  readonly id: string;
  readonly label: string;
  readonly modality: string;
  readonly ipd: readonly IpdRow[];
}

const armLabel = (r: StudyRecord) => (r.arm ? `${r.study} — ${r.arm}` : r.study);

/**
 * Model-based curves from the study table: rows of os_1y … os_10y and os_median_months with a value, grouped by
 * cohort_id and arm; review-level ranges are left out (not a cohort). When a cohort and arm repeat an outcome, the
 * first row in table order is used and a differing value is noted. Sorted by label.
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
      id: `model:${key}`, cohortId: rows[0].cohort_id, arm: rows[0].arm, label: armLabel(rows[0]), modality: rows[0].modality,
      n: ns.length ? ns.reduce((a, b) => Math.max(a, b)) : null,
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

/** One entry per cohort and arm, the first of each in the given order (so styles assigned by order stay put). */
export function onePerCohortArm<T extends { readonly cohortId: string; readonly arm: string }>(
  entries: readonly T[],
): T[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const key = JSON.stringify([e.cohortId, e.arm]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The end of a model-based curve's data: the time of its last published landmark or median (0 when none). */
export function lastLandmarkOf(m: ModelEntry): number {
  const k = m.curve.knots;
  return k[k.length - 1].time;
}

/** A model-based curve as the panel draws and pools it. */
export interface ModelCurve {
  readonly entry: ModelEntry;
  /** the time of the last published landmark (or median): the curve's data end there, the rest is extrapolation */
  readonly dataEnd: number;
  /** where the curve reaches 0.5 within its data; null: not reached within follow-up (never a time after the data) */
  readonly median: number | null;
  readonly pooled: boolean;
}

/** A reconstructed curve: the Kaplan–Meier estimate of its IPD (log limits, as R survfit). */
export interface IpdCurve {
  readonly entry: IpdCurveInput;
  readonly km: KmResult;
  /** the last time of follow-up */
  readonly dataEnd: number;
  readonly pooled: boolean;
}

/** Which curves a pool mixes: model-based only, reconstructed only, or both (only when the user asked). */
export type PoolKind = 'model-based' | 'reconstructed' | 'mixed';

export interface SurvivalPool {
  readonly kind: PoolKind;
  /** points with a pooled value, ascending in time (pooledSurvival: never rising) */
  readonly points: readonly (PooledSurvivalPoint & { readonly surv: number })[];
  /** first grid time at which the pooled S ≤ 0.5; null: not reached within the pooled curves' data */
  readonly median: number | null;
  /** ids of the curves that entered the pool */
  readonly members: readonly string[];
  /** the most curves pooled at any time */
  readonly kMax: number;
  /** grid step in months */
  readonly step: number;
}

export interface SurvivalCurvesSpec {
  readonly modality: string;
  /** ids of curves not drawn (so not pooled either) */
  readonly hidden?: ReadonlySet<string>;
  /** reconstructed curves of the session (any modality; those of `modality` are used) */
  readonly reconstructed?: readonly IpdCurveInput[];
  /** pool reconstructed curves together with model-based ones (default false: never without the user's choice) */
  readonly poolReconstructed?: boolean;
  /** grid step of the pooled curve, months (default 1) */
  readonly step?: number;
  /** compute the pooled curve (default true) */
  readonly pool?: boolean;
}

export interface SurvivalCurves {
  readonly modality: string;
  /** the drawn model-based curves of the modality, one per cohort and arm, in label order */
  readonly models: readonly ModelCurve[];
  readonly reconstructed: readonly IpdCurve[];
  /** null when fewer than two curves can be pooled */
  readonly pool: SurvivalPool | null;
  /** why drawn curves are not pooled */
  readonly warnings: readonly string[];
}

/** Kaplan–Meier of a reconstructed curve's IPD (log limits, as R survfit). */
export function ipdKm(e: { readonly ipd: readonly IpdRow[] }): KmResult {
  return kaplanMeier({ time: e.ipd.map((r) => r.time), event: e.ipd.map((r) => r.event) });
}

function poolGrid(ends: readonly number[], step: number): number[] {
  const last = ends.reduce((m, t) => Math.max(m, t), 0);
  const g = new Set<number>();
  for (let t = 0; t < last; t += step) g.add(t);
  for (const t of ends) g.add(t);
  return [...g].sort((a, b) => a - b);
}

/**
 * The survival curves of one modality from model entries: the drawn ones (not hidden), one per cohort and arm;
 * and the pooled curve when at least two can be pooled. Model-based curves pool one per cohort
 * (cohortRepresentatives), without the cohorts in `excludedCohorts`, each only up to its last published landmark.
 * Reconstructed curves pool (up to their last time, with their Greenwood SE) among themselves when no model-based
 * curve is pooled, and with the model-based ones only when `poolReconstructed`.
 */
export function survivalCurves(
  models: readonly ModelEntry[], spec: SurvivalCurvesSpec & { readonly excludedCohorts?: ReadonlySet<string> },
): SurvivalCurves {
  const hidden = spec.hidden ?? new Set<string>();
  const excluded = spec.excludedCohorts ?? new Set<string>();
  const reps = cohortRepresentatives(models);
  const drawn = onePerCohortArm(models.filter((m) => m.modality === spec.modality && !hidden.has(m.id)));
  const poolable = drawn.filter((m) => reps.has(m.id) && !excluded.has(m.cohortId) && lastLandmarkOf(m) > 0);
  const recon = (spec.reconstructed ?? []).filter((r) => r.modality === spec.modality && !hidden.has(r.id))
    .map((entry) => {
      const km = ipdKm(entry);
      return { entry, km, dataEnd: km.times.length ? km.times[km.times.length - 1] : 0 };
    });
  const mixed = spec.poolReconstructed === true;
  const reconPooled = poolable.length === 0 || mixed ? recon.filter((r) => r.dataEnd > 0) : [];
  const kind: PoolKind = poolable.length === 0 ? 'reconstructed' : reconPooled.length ? 'mixed' : 'model-based';
  const canPool = spec.pool !== false && poolable.length + reconPooled.length >= 2;
  const inPool = new Set(canPool ? [...poolable.map((m) => m.id), ...reconPooled.map((r) => r.entry.id)] : []);

  const warnings: string[] = [];
  let pool: SurvivalPool | null = null;
  if (canPool) {
    const step = spec.step ?? 1;
    const studies: PoolStudyCurve[] = [
      ...poolable.map((m) => ({
        study: m.label, n: m.n, until: lastLandmarkOf(m), survAt: (t: number) => piecewiseExponentialAt(m.curve, t),
      })),
      ...reconPooled.map(({ entry, km, dataEnd }) => ({
        study: entry.label, until: dataEnd, survAt: (t: number) => survivalAt(km, t),
        stdErrAt: (t: number) => {
          let j = -1;
          while (j + 1 < km.times.length && km.times[j + 1] <= t) j++;
          return j < 0 || !Number.isFinite(km.stdErr[j]) ? null : km.stdErr[j];
        },
      })),
    ];
    const grid = poolGrid([...poolable.map(lastLandmarkOf), ...reconPooled.map((r) => r.dataEnd)], step);
    const res = pooledSurvival(studies, grid);
    const points = res.points.flatMap((p) => (p.surv === null ? [] : [{ ...p, surv: p.surv }]));
    if (points.length > 1) {
      pool = {
        kind, points, median: points.find((p) => p.surv <= 0.5)?.time ?? null, members: [...inPool],
        kMax: points.reduce((m, p) => Math.max(m, p.k), 0), step,
      };
    }
    warnings.push(...res.warnings);
    for (const m of drawn) {
      if (excluded.has(m.cohortId)) warnings.push(`${m.label}: excluded by you; drawn, not pooled`);
      else if (!reps.has(m.id)) warnings.push(`${m.label}: a subgroup of a cohort already pooled; drawn, not pooled`);
    }
    if (!mixed && poolable.length > 0) {
      for (const r of recon) {
        warnings.push(`${r.entry.label}: reconstructed from a figure; not pooled with the model-based curves unless you choose to`);
      }
    }
  }
  return {
    modality: spec.modality,
    models: drawn.map((m) => {
      const dataEnd = lastLandmarkOf(m);
      const q = piecewiseExponentialQuantile(m.curve, 0.5);
      const median = q !== null && q <= dataEnd ? q : null;
      return { entry: m, dataEnd, median, pooled: pool !== null && inPool.has(m.id) };
    }),
    reconstructed: recon.map((r) => ({ ...r, pooled: pool !== null && inPool.has(r.entry.id) })),
    pool,
    warnings,
  };
}

/**
 * The survival curves of one modality of an analysis input: the model entries of its study table (none for other
 * uploads), the user's exclusion ids resolved to cohorts as every other pool resolves them, then survivalCurves.
 */
export function survivalCurvesOf(
  input: AnalysisInput, spec: SurvivalCurvesSpec & { readonly exclude?: readonly string[] },
): SurvivalCurves {
  const records = input.kind === 'studies' ? input.records : [];
  const excludedCohorts = resolveExclusions(input, spec.exclude ?? []).units;
  return survivalCurves(modelEntries(records), { ...spec, excludedCohorts });
}
