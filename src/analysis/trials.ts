/**
 * The randomised trials of a study table, each with its arms side by side: what every arm reports (n, median
 * PFS / TTP / OS, response, stable disease, …) with the values of both seeds and their disagreements, the hazard
 * ratios it prints, and model-based two-arm curves (exponential through each arm's published median) with the
 * hazard ratio the medians imply. Hazard ratios are pooled (analyse(), inverse variance on log HR from the printed
 * CI) only where two or more trials report the same comparison and endpoint (`hazardRatioGroups`).
 *
 * Rules (docs/methods/medians-and-trials.md):
 * - a trial is a cohort with a row of design `rct` or `phase3`, or whose note says it was randomised
 *   ("randomised", "randomized", "random-assignment", "randomly assigned"), and that reports at least two arms;
 * - an arm is a distinct `arm` text (the modality when empty); a row whose arm reads "A vs B" is a comparison of the
 *   trial (its hazard ratio), not an arm;
 * - the comparator arm is the `placebo` or `supportive_care` arm; else an arm whose modality is part of another
 *   arm's combined modality (`ssa` in `ssa_interferon`); else the trial has none (two active arms);
 * - a hazard ratio's endpoint is read from its note ("time to progression", "progression-free", "overall
 *   survival"); its comparison is the modality of its row against the comparator's modality.
 */
import { max } from 'simple-statistics';
import type { StudyRecord } from '../data/types.ts';
import type { OutcomeName } from '../data/vocabulary.ts';
import { landmarkCurve, piecewiseExponentialAt } from '../survival/landmarkCurve.ts';
import { analyse, type Analysis } from './analyse.ts';
import { printedValue } from './printedValue.ts';
import { resolveExclusions } from './selection.ts';

const TRIAL_DESIGNS = new Set(['rct', 'phase3']);
const RANDOMISED = /\brandomi[sz]ed\b|\brandom-assignment\b|\brandomly assigned\b/i;
const COMPARATOR_MODALITIES = new Set(['placebo', 'supportive_care']);
const isComparison = (r: StudyRecord): boolean => / vs\.? /i.test(r.arm);

export type Endpoint = 'pfs' | 'ttp' | 'os' | 'unspecified';

/** The median outcome of each endpoint. */
export const ENDPOINT_OUTCOMES: Readonly<Record<Exclude<Endpoint, 'unspecified'>, OutcomeName>> = {
  pfs: 'pfs_median_months', ttp: 'ttp_median_months', os: 'os_median_months',
};

export const ENDPOINT_LABELS: Readonly<Record<Endpoint, string>> = {
  pfs: 'Progression-free survival', ttp: 'Time to progression', os: 'Overall survival', unspecified: 'Endpoint not stated',
};

/** One printed number of an arm: its row, seed ('000' or '001'), value (or range) and note. */
export interface TrialValue {
  readonly rowId: string;
  readonly seed: string;
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
  /** the value (or range) as the seed prints it: "11.0", "80–90" */
  readonly printed: string;
  readonly n: number | null;
  readonly note: string;
}

export interface TrialOutcome {
  readonly outcome: OutcomeName;
  /** every row of this arm and outcome, in file order */
  readonly values: readonly TrialValue[];
  /** the value shown first: seed 001's (it has the tables and reference list), then the earlier row */
  readonly preferred: TrialValue;
  /** the seeds print different numbers for it */
  readonly seedsDisagree: boolean;
  /** disagreement clauses of the rows' notes ("disagrees with seed 001: …"), de-duplicated */
  readonly disagreements: readonly string[];
}

export interface TrialArm {
  /** the arm text as printed (the modality when empty) */
  readonly id: string;
  readonly modality: string;
  readonly comparator: boolean;
  /** the largest n any row of the arm prints; null when none does */
  readonly n: number | null;
  readonly outcomes: readonly TrialOutcome[];
}

export interface TrialHazardRatio {
  readonly rowId: string;
  readonly seed: string;
  readonly cohortId: string;
  /** the trial's title ("PROMID (Rinke 2009)") */
  readonly trial: string;
  readonly endpoint: Endpoint;
  /** "ssa vs placebo": the row's modality against the comparator's */
  readonly comparison: string;
  /** the arm text of the comparison row ("octreotide LAR vs placebo") */
  readonly label: string;
  readonly estimate: number;
  /** the printed CI; null when none is printed */
  readonly ci: readonly [number, number] | null;
  readonly note: string;
}

export interface ModelArmCurve {
  readonly arm: string;
  readonly modality: string;
  readonly median: number;
  /** the median as printed ("11.0") */
  readonly printed: string;
  readonly seed: string;
  /** constant hazard ln 2 / median, per month */
  readonly hazard: number;
}

export interface ImpliedAlternative {
  readonly treatmentMedian: number;
  readonly controlMedian: number;
  readonly impliedHr: number;
}

/**
 * Two arms' exponential curves through their published medians for one endpoint, and the HR they imply: with
 * S(t) = exp(−λt), λ = ln 2 / median, so HR = median_control / median_treatment (the exponential assumption behind an
 * HR from two medians; Michiels et al. 2005, Int J Technol Assess Health Care 21:119–125).
 */
export interface ModelCurvePair {
  readonly endpoint: Exclude<Endpoint, 'unspecified'>;
  readonly treatment: ModelArmCurve;
  readonly control: ModelArmCurve;
  /** median_control / median_treatment (the ratio of the exponential hazards, treatment / control) */
  readonly impliedHr: number;
  /** the same with the other seed's medians, where they differ */
  readonly alternatives: readonly ImpliedAlternative[];
  /** the published HR of this endpoint, if the trial prints one */
  readonly published: TrialHazardRatio | null;
}

export interface Trial {
  readonly cohortId: string;
  readonly study: string;
  /** the trial's acronym from the notes ("PROMID", "RADIANT-3"), or null */
  readonly acronym: string | null;
  /** "PROMID (Rinke 2009)", or the study label */
  readonly title: string;
  /** "randomised phase III", "randomised controlled trial", "randomised phase II" */
  readonly design: string;
  /** patients randomised (both arms), from a note ("85 … patients randomised"); null when not printed */
  readonly randomised: number | null;
  readonly arms: readonly TrialArm[];
  readonly hazardRatios: readonly TrialHazardRatio[];
  readonly curves: readonly ModelCurvePair[];
  /** excluded by the user (shown, but left out of pooled hazard ratios) */
  readonly excluded: boolean;
}

/** Hazard ratios of one comparison and endpoint: pooled when two or more trials report it. */
export interface HazardRatioGroup {
  readonly endpoint: Endpoint;
  readonly comparison: string;
  readonly hazardRatios: readonly TrialHazardRatio[];
  /** analyse() of these rows (outcome hazard_ratio) when at least two trials report the comparison; else null */
  readonly analysis: Analysis | null;
}

export interface Trials {
  readonly trials: readonly Trial[];
  readonly hazardRatioGroups: readonly HazardRatioGroup[];
}

const seedOf = (r: StudyRecord): string => r.seed.slice(0, 3);

/** Cohorts of the table that are randomised trials with at least two arms, by cohort id, in order of first row. */
export function trialCohortIds(records: readonly StudyRecord[]): Set<string> {
  const byCohort = new Map<string, StudyRecord[]>();
  for (const r of records) byCohort.set(r.cohort_id, [...(byCohort.get(r.cohort_id) ?? []), r]);
  const out = new Set<string>();
  for (const [id, rows] of byCohort) {
    const randomised = rows.some((r) => TRIAL_DESIGNS.has(r.design) || (r.design !== 'review_range' && RANDOMISED.test(r.note)));
    const arms = new Set(rows.filter((r) => !isComparison(r)).map(armId));
    if (randomised && arms.size >= 2) out.add(id);
  }
  return out;
}

function armId(r: StudyRecord): string {
  return r.arm.trim() || r.modality;
}

/** The endpoint a hazard ratio's note names. */
export function endpointOfNote(note: string): Endpoint {
  if (/time to progression/i.test(note)) return 'ttp';
  if (/progression-free/i.test(note)) return 'pfs';
  if (/overall survival/i.test(note)) return 'os';
  return 'unspecified';
}

function acronymOf(rows: readonly StudyRecord[]): string | null {
  for (const r of rows) {
    for (const part of r.note.split(';')) {
      const p = part.trim();
      if (/^[A-Z][A-Z0-9]{2,}(?:-[0-9A-Z]+)?$/.test(p)) return p;
    }
  }
  return null;
}

/** The number of patients randomised, from the first note clause that prints one before "randomised". */
function randomisedOf(rows: readonly StudyRecord[]): number | null {
  for (const r of rows) {
    for (const part of r.note.split(';')) {
      const m = /\b(\d+)\b[^;(\d]*?\brandomi[sz]ed\b/i.exec(part);
      if (m) return Number(m[1]);
    }
  }
  return null;
}

function designOf(rows: readonly StudyRecord[]): string {
  if (rows.some((r) => r.design === 'phase3')) return 'randomised phase III';
  if (rows.some((r) => r.design === 'rct')) return 'randomised controlled trial';
  if (rows.some((r) => r.design === 'phase2')) return 'randomised phase II';
  return 'randomised';
}

function disagreementClauses(note: string): string[] {
  return note.split(';').map((s) => s.trim()).filter((s) => /^disagrees with seed|^differs from seed/i.test(s));
}

function valueOf(r: StudyRecord): TrialValue {
  return {
    rowId: r.row_id, seed: seedOf(r), value: r.value, low: r.low, high: r.high, printed: printedValue(r), n: r.n,
    note: r.note,
  };
}

function outcomesOf(rows: readonly StudyRecord[]): TrialOutcome[] {
  const byOutcome = new Map<OutcomeName, StudyRecord[]>();
  for (const r of rows) byOutcome.set(r.outcome, [...(byOutcome.get(r.outcome) ?? []), r]);
  return [...byOutcome].map(([outcome, rs]) => {
    const values = rs.map(valueOf);
    const preferred = values.find((v) => v.seed === '001') ?? values[0];
    const key = (v: TrialValue) => `${v.value}|${v.low}|${v.high}`;
    const seeds = new Map<string, Set<string>>();
    for (const v of values) seeds.set(v.seed, (seeds.get(v.seed) ?? new Set()).add(key(v)));
    const printed = new Set(values.map(key));
    const seedsDisagree = seeds.size > 1 && printed.size > 1;
    const disagreements = [...new Set(rs.flatMap((r) => disagreementClauses(r.note)))];
    return { outcome, values, preferred, seedsDisagree, disagreements };
  });
}

function comparatorIds(arms: readonly { id: string; modality: string }[]): Set<string> {
  const hard = arms.filter((a) => COMPARATOR_MODALITIES.has(a.modality));
  if (hard.length > 0) return new Set(hard.map((a) => a.id));
  const parts = (m: string) => m.split('_');
  const within = (a: string, b: string) => parts(b).length > parts(a).length
    && parts(a).every((p) => parts(b).includes(p));
  const contained = arms.filter((a) => arms.some((b) => b !== a && within(a.modality, b.modality)));
  return new Set(contained.map((a) => a.id));
}

/** Exponential S(t) = exp(−ln 2 · t / median) on a grid 0, step, …, maxTime (landmarkCurve with the median only). */
export function exponentialCurve(median: number, maxTime: number, step = 0.5): { times: number[]; surv: number[] } {
  const curve = landmarkCurve({ median });
  const times: number[] = [];
  for (let t = 0; t <= maxTime + 1e-9; t += step) times.push(Math.round(t * 1e6) / 1e6);
  return { times, surv: times.map((t) => piecewiseExponentialAt(curve, t)) };
}

function curvesOf(arms: readonly TrialArm[], hrs: readonly TrialHazardRatio[]): ModelCurvePair[] {
  const control = arms.find((a) => a.comparator);
  if (!control) return [];
  const out: ModelCurvePair[] = [];
  for (const endpoint of ['pfs', 'ttp', 'os'] as const) {
    const outcome = ENDPOINT_OUTCOMES[endpoint];
    const c = control.outcomes.find((o) => o.outcome === outcome);
    if (!c || c.preferred.value === null) continue;
    for (const arm of arms) {
      if (arm.comparator) continue;
      const t = arm.outcomes.find((o) => o.outcome === outcome);
      if (!t || t.preferred.value === null) continue;
      const curve = (a: TrialArm, v: TrialValue): ModelArmCurve => ({
        arm: a.id, modality: a.modality, median: v.value!, printed: v.printed, seed: v.seed,
        hazard: Math.LN2 / v.value!,
      });
      const treatment = curve(arm, t.preferred);
      const ctrl = curve(control, c.preferred);
      const alternatives: ImpliedAlternative[] = [];
      const tMedians = [...new Set(t.values.map((v) => v.value).filter((v): v is number => v !== null))];
      const cMedians = [...new Set(c.values.map((v) => v.value).filter((v): v is number => v !== null))];
      for (const tm of tMedians) {
        for (const cm of cMedians) {
          if (tm === treatment.median && cm === ctrl.median) continue;
          alternatives.push({ treatmentMedian: tm, controlMedian: cm, impliedHr: cm / tm });
        }
      }
      out.push({
        endpoint, treatment, control: ctrl, impliedHr: ctrl.median / treatment.median, alternatives,
        published: hrs.find((h) => h.endpoint === endpoint && h.comparison.startsWith(`${arm.modality} vs`)) ?? null,
      });
    }
  }
  return out;
}

function trialOf(cohortId: string, rows: readonly StudyRecord[], excluded: boolean): Trial {
  const study = rows.find((r) => r.seed.startsWith('001'))?.study ?? rows[0].study;
  const acronym = acronymOf(rows);
  const title = acronym ? `${acronym} (${study})` : study;
  const armRows = new Map<string, StudyRecord[]>();
  for (const r of rows) if (!isComparison(r)) armRows.set(armId(r), [...(armRows.get(armId(r)) ?? []), r]);
  const armList = [...armRows].map(([id, rs]) => ({ id, modality: rs[0].modality, rows: rs }));
  const comparators = comparatorIds(armList);
  const arms: TrialArm[] = armList.map((a) => {
    const ns = a.rows.map((r) => r.n).filter((n): n is number => n !== null);
    return {
      id: a.id, modality: a.modality, comparator: comparators.has(a.id), n: ns.length ? max(ns) : null,
      outcomes: outcomesOf(a.rows),
    };
  });
  const comparatorModality = arms.find((a) => a.comparator)?.modality ?? null;
  const hazardRatios: TrialHazardRatio[] = rows.filter((r) => r.outcome === 'hazard_ratio' && r.value !== null).map((r) => {
    const other = r.arm.split(/ vs\.? /i)[1]?.trim() ?? '';
    const against = arms.find((a) => a.id.toLowerCase() === other.toLowerCase())?.modality ?? comparatorModality ?? (other || 'control');
    return {
      rowId: r.row_id, seed: seedOf(r), cohortId, trial: title, endpoint: endpointOfNote(r.note),
      comparison: `${r.modality} vs ${against}`, label: r.arm || r.modality, estimate: r.value!,
      ci: r.low !== null && r.high !== null ? [r.low, r.high] : null, note: r.note,
    };
  });
  return {
    cohortId, study, acronym, title, design: designOf(rows), randomised: randomisedOf(rows), arms, hazardRatios,
    curves: curvesOf(arms, hazardRatios), excluded,
  };
}

/**
 * The trials of a study table (`records`), in order of their first row, and their hazard ratios by comparison and
 * endpoint; `exclude` (cohort or row ids, as everywhere) marks trials as excluded and leaves them out of pooled HRs.
 */
export function trialsOf(records: readonly StudyRecord[], exclude: readonly string[] = []): Trials {
  const input = { kind: 'studies' as const, records, problems: [] };
  const { units } = resolveExclusions(input, exclude);
  const ids = trialCohortIds(records);
  const trials = [...ids].map((id) => trialOf(id, records.filter((r) => r.cohort_id === id), units.has(id)));
  const groups = new Map<string, TrialHazardRatio[]>();
  for (const t of trials) {
    for (const h of t.hazardRatios) {
      const key = `${h.comparison}\u0000${h.endpoint}`;
      groups.set(key, [...(groups.get(key) ?? []), h]);
    }
  }
  const hazardRatioGroups: HazardRatioGroup[] = [...groups.values()].map((hrs) => {
    const cohorts = new Set(hrs.map((h) => h.cohortId));
    // one hazard ratio per trial (seed 001's when both seeds print it), with an endpoint and a CI
    const perTrial = new Map<string, TrialHazardRatio>();
    for (const h of hrs) {
      if (h.endpoint === 'unspecified' || h.ci === null) continue;
      const held = perTrial.get(h.cohortId);
      if (!held || (held.seed !== '001' && h.seed === '001')) perTrial.set(h.cohortId, h);
    }
    const usable = [...perTrial.values()];
    let analysis: Analysis | null = null;
    if (cohorts.size >= 2 && usable.length >= 2) {
      const keep = new Set(usable.map((h) => h.rowId));
      analysis = analyse(
        { kind: 'studies', records: records.filter((r) => keep.has(r.row_id)), problems: [] },
        { outcome: 'hazard_ratio', method: 'REML', test: 'knha', exclude: [...exclude] },
      );
    }
    return { endpoint: hrs[0].endpoint, comparison: hrs[0].comparison, hazardRatios: hrs, analysis };
  });
  return { trials, hazardRatioGroups };
}
