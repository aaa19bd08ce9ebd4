/**
 * A GRADE-style summary of findings of a study table: one row per modality × key outcome (5-year OS, response,
 * median OS, median PFS, hazard ratio, perioperative mortality) with its studies (k), patients (N), the effect
 * (pooled by analyse() for proportions, analyseMedians for medians, the trials' hazard ratios and arm-vs-comparator
 * figures from trialsOf), the designs, and a certainty rating whose every step is a record built from the numbers.
 * The same exclusion ids as every view apply. Computed, GRADE-style: the panel's judgement prevails.
 *
 * Rules, thresholds and their sources: docs/methods/summary-of-findings.md. In one line each:
 * - starting level: a randomised comparison (arm vs comparator within a trial) starts high; pooled single-arm series
 *   and review-level statements are observational and start low (Balshem et al. 2011, J Clin Epidemiol 64:401);
 * - risk of bias: down one level when retrospective or design-unknown series hold more than half of the patients
 *   (of the studies when one prints no n) (Guyatt et al. 2011, J Clin Epidemiol 64:407);
 * - inconsistency: down one level when I² > 50 % or the 95 % prediction interval includes the decision threshold;
 *   medians: when the largest study median is more than twice the smallest (Guyatt et al. 2011, 64:1294);
 * - imprecision: the 95 % CI against the decision threshold and a target width, total N against an optimal
 *   information size (OIS) (Guyatt et al. 2011, 64:1283);
 * - publication bias: not assessable at k < 10 (never rated down on that alone); from k = 10 Egger's test,
 *   p < 0.10 (Guyatt et al. 2011, 64:1277; Sterne et al. 2011, BMJ 343:d4002);
 * - indirectness: down one level for review-level statements, or when subgroup rows hold more than half of the
 *   patients (Guyatt et al. 2011, 64:1303).
 * Rating up (large effect, dose–response, opposing confounding) is never computed.
 */
import { max, min } from 'simple-statistics';
import type { AnalysisInput, StudyRecord } from '../data/types.ts';
import { MODALITIES } from '../data/vocabulary.ts';
import type { Interval, Measure, Test } from '../meta/types.ts';
import { analyse, type Analysis } from './analyse.ts';
import { biasOf } from './derived.ts';
import { analyseMedians, type MedianOutcome } from './medians.ts';
import { printedValue } from './printedValue.ts';
import { resolveExclusions } from './selection.ts';
import type { AnalysisMethod } from './spec.ts';
import { isSubgroupRow } from './subgroupRow.ts';
import { trialsOf, type Endpoint, type Trial, type TrialValue } from './trials.ts';

export const SOF_OUTCOMES = ['os_5y', 'orr', 'os_median_months', 'pfs_median_months', 'hazard_ratio', 'mortality_periop'] as const;
export type SofOutcome = (typeof SOF_OUTCOMES)[number];

/** From best to worst. */
export const CERTAINTIES = ['high', 'moderate', 'low', 'very low'] as const;
export type Certainty = (typeof CERTAINTIES)[number];

export const SOF_DOMAINS = ['risk of bias', 'inconsistency', 'imprecision', 'publication bias', 'indirectness'] as const;
export type SofDomain = (typeof SOF_DOMAINS)[number];

export type StepDecision = 'downgrade' | 'no change' | 'not assessable';

/** One step of the rating: what was decided in one domain, by how many levels, and why (from the numbers). */
export interface CertaintyStep {
  readonly domain: SofDomain;
  readonly decision: StepDecision;
  /** levels rated down (0 unless decision is 'downgrade') */
  readonly levels: number;
  readonly reason: string;
}

/** The GRADE guidance behind each domain, one line each. */
export const GRADE_SOURCES: Readonly<Record<SofDomain | 'starting level', string>> = {
  'starting level': 'Balshem H, et al. GRADE guidelines: 3. Rating the quality of evidence. J Clin Epidemiol 2011;64:401–406.',
  'risk of bias': 'Guyatt GH, et al. GRADE guidelines: 4. Rating the quality of evidence—study limitations (risk of bias). J Clin Epidemiol 2011;64:407–415.',
  'inconsistency': 'Guyatt GH, et al. GRADE guidelines: 7. Rating the quality of evidence—inconsistency. J Clin Epidemiol 2011;64:1294–1302.',
  'imprecision': 'Guyatt GH, et al. GRADE guidelines: 6. Rating the quality of evidence—imprecision. J Clin Epidemiol 2011;64:1283–1293.',
  'publication bias': 'Guyatt GH, et al. GRADE guidelines: 5. Rating the quality of evidence—publication bias. J Clin Epidemiol 2011;64:1277–1282.',
  'indirectness': 'Guyatt GH, et al. GRADE guidelines: 8. Rating the quality of evidence—indirectness. J Clin Epidemiol 2011;64:1303–1310.',
};

/** The numbers the rules compare against (docs/methods/summary-of-findings.md says why each). */
export interface SofThresholds {
  /** I² (percent) above which inconsistency is serious */
  readonly i2: number;
  /** decision thresholds: proportions as fractions, the hazard ratio as a ratio; an outcome without one has none */
  readonly decision: Readonly<Partial<Record<SofOutcome, number>>>;
  /** target half-width of a proportion's 95 % CI (fraction); below 2 × this proportion, half the proportion */
  readonly halfWidth: number;
  /** medians: the largest study median more than this many times the smallest is serious inconsistency */
  readonly medianSpread: number;
  /** OIS of a pooled median: patients to estimate S = 0.5 at the median to ± this (fraction) */
  readonly medianHalfWidth: number;
  /** OIS of a randomised comparison: events to detect this hazard ratio (α 0.05 two-sided, power 0.80) */
  readonly hazardRatio: number;
  /** publication bias is assessed from this many studies */
  readonly minKBias: number;
  /** Egger's test p below this is a small-study effect */
  readonly eggerP: number;
  /** share of patients (studies) in high-risk or subgroup rows above which the domain is rated down */
  readonly share: number;
}

export const DEFAULT_THRESHOLDS: SofThresholds = {
  i2: 50,
  decision: { os_5y: 0.4, orr: 0.2, mortality_periop: 0.05, hazard_ratio: 1 },
  halfWidth: 0.1,
  medianSpread: 2,
  medianHalfWidth: 0.1,
  hazardRatio: 0.75,
  minKBias: 10,
  eggerP: 0.1,
  share: 0.5,
};

/** A study (or trial) behind a row. */
export interface SofStudy {
  /** row_id (the row that is pooled or that states the number) */
  readonly key: string;
  readonly cohortId: string;
  readonly label: string;
  /** the design code (retrospective, prospective, …) or, for a trial, its description */
  readonly design: string;
  readonly n: number | null;
  /** the row reports a subgroup of its cohort */
  readonly subgroup: boolean;
}

/** An arm against its comparator within one trial, as printed. */
export interface TrialComparison {
  readonly cohortId: string;
  readonly trial: string;
  readonly arm: string;
  readonly comparator: string;
  readonly treatment: string;
  readonly control: string;
  readonly treatmentValue: number;
  readonly controlValue: number;
  /** '%' or 'months' */
  readonly unit: string;
}

export interface TrialHr {
  readonly cohortId: string;
  readonly trial: string;
  readonly estimate: number;
  readonly ci: Interval | null;
}

export type SofEffect =
  | {
    readonly kind: 'proportion'; readonly estimate: number; readonly ci: Interval; readonly pi: Interval | null;
    readonly I2: number | null; readonly method: string;
  }
  | {
    readonly kind: 'median'; readonly estimate: number; readonly ci: Interval | null; readonly range: Interval;
    readonly weighted: { readonly estimate: number; readonly ci: Interval | null } | null;
  }
  | {
    readonly kind: 'ratio'; readonly endpoint: Endpoint; readonly comparison: string; readonly estimate: number | null;
    readonly ci: Interval | null; readonly pi: Interval | null; readonly I2: number | null; readonly pooled: boolean;
    readonly trials: readonly TrialHr[];
  }
  | { readonly kind: 'comparison'; readonly comparisons: readonly TrialComparison[] }
  | { readonly kind: 'review'; readonly statements: readonly { readonly rowId: string; readonly printed: string; readonly seed: string }[] };

/** pooled: single-arm series pooled; trial: randomised comparisons; review: review-level statements only. */
export type SofBasis = 'pooled' | 'trial' | 'review';

/** What the certainty rules read: the row's evidence, reduced to numbers. */
export interface SofFacts {
  readonly basis: SofBasis;
  readonly outcome: SofOutcome;
  readonly effect: SofEffect;
  readonly studies: readonly SofStudy[];
  /** total patients; null when no study prints n */
  readonly n: number | null;
  /** Egger's test of the row's studies (k ≥ minKBias, proportions and ratios), else null */
  readonly eggerP: number | null;
}

export interface SofRow extends SofFacts {
  /** stable: `modality.outcome`, `.trial` for randomised comparisons, `.endpoint` for hazard ratios */
  readonly id: string;
  readonly modality: string;
  readonly k: number;
  readonly designs: readonly string[];
  readonly start: { readonly level: 'high' | 'low'; readonly reason: string };
  readonly steps: readonly CertaintyStep[];
  readonly certainty: Certainty;
  /** the fit's warnings */
  readonly warnings: readonly string[];
}

export interface SummaryOfFindings {
  readonly rows: readonly SofRow[];
  readonly thresholds: SofThresholds;
}

export interface SofSpec {
  readonly method: AnalysisMethod;
  readonly test: Test;
  readonly measure?: Measure;
  /** cohort_id or row_id, as everywhere */
  readonly exclude?: readonly string[];
  readonly thresholds?: Partial<SofThresholds>;
}

// ---------------------------------------------------------------------------------------------- formatting

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const points = (x: number): string => `${(100 * x).toFixed(1)} percentage points`;
const num = (x: number): string => String(Number(x.toFixed(2)));
const ratio = (x: number): string => x.toFixed(2);
const plural = (k: number, one: string, many = `${one}s`): string => `${k} ${k === 1 ? one : many}`;

/** z of the 97.5th and 80th normal percentiles (two-sided α = 0.05, power 0.80). */
const Z_975 = 1.959963984540054;
const Z_80 = 0.8416212335729143;

/** OIS of a proportion p estimated to ± d with 95 % confidence: ⌈z² p (1 − p) / d²⌉ (the normal-approximation sample size). */
export function proportionOis(p: number, d: number): number {
  return Math.ceil((Z_975 * Z_975 * p * (1 - p)) / (d * d));
}

/**
 * The target half-width d for a proportion p: `halfWidth`, or half of the rarer of p and 1 − p when that is smaller
 * (precision relative to a rare event), never below half a percentage point.
 */
export function targetHalfWidth(p: number, halfWidth: number): number {
  return Math.max(0.005, Math.min(halfWidth, Math.min(p, 1 - p) / 2));
}

/** Events to detect a hazard ratio hr (two-sided α 0.05, power 0.80): ⌈4 (z₀.₉₇₅ + z₀.₈₀)² / (ln hr)²⌉ (Schoenfeld 1983, Biometrics 39:499). */
export function hazardRatioOis(hr: number): number {
  return Math.ceil((4 * (Z_975 + Z_80) ** 2) / Math.log(hr) ** 2);
}

// ---------------------------------------------------------------------------------------------- the rules

const HIGH_RISK_DESIGNS = new Set(['retrospective', 'unknown']);

function unitText(outcome: SofOutcome): { show: (x: number) => string } {
  return outcome === 'hazard_ratio' ? { show: ratio } : { show: pct };
}

/** Where a study's share counts: by patients when every study prints n, else by studies. */
function share(studies: readonly SofStudy[], pick: (s: SofStudy) => boolean): { fraction: number; text: string } {
  const hit = studies.filter(pick);
  if (studies.every((s) => s.n !== null)) {
    const total = studies.reduce((a, s) => a + s.n!, 0);
    const part = hit.reduce((a, s) => a + s.n!, 0);
    const fraction = total > 0 ? part / total : hit.length / studies.length;
    return { fraction, text: `${pct(fraction)} of the patients (${part} of ${total}; ${hit.length} of ${plural(studies.length, 'study', 'studies')})` };
  }
  const fraction = hit.length / studies.length;
  return { fraction, text: `${hit.length} of ${plural(studies.length, 'study', 'studies')} (${pct(fraction)}; not every study prints n)` };
}

/** Starting level: randomised comparisons high, observational evidence (single-arm series, review statements) low. */
export function startingLevel(f: SofFacts): { level: 'high' | 'low'; reason: string } {
  const k = f.studies.length;
  if (f.basis === 'trial') {
    return { level: 'high', reason: `randomised: ${plural(k, 'trial')} (${f.studies.map((s) => s.label).join('; ')}), arm against comparator within the trial: starts at high` };
  }
  if (f.basis === 'review') {
    return { level: 'low', reason: `observational: ${plural(k, 'review-level statement')} (ranges across single-arm series): starts at low` };
  }
  const arms = f.studies.filter((s) => s.design === 'rct' || s.design === 'phase3').length;
  const note = arms > 0 ? `; ${arms} of them an arm of a randomised trial, read without its comparator` : '';
  return { level: 'low', reason: `observational: ${plural(k, 'single-arm series', 'single-arm series')} pooled (non-comparative)${note}: starts at low` };
}

/** Risk of bias (Guyatt 2011, 64:407): most of the information from retrospective or design-unknown series. */
export function riskOfBias(f: SofFacts, t: SofThresholds = DEFAULT_THRESHOLDS): CertaintyStep {
  const domain = 'risk of bias';
  if (f.basis === 'review') return { domain, decision: 'not assessable', levels: 0, reason: 'the studies behind a review-level range are not named: their design cannot be read' };
  if (f.basis === 'trial') {
    return { domain, decision: 'not assessable', levels: 0, reason: 'randomised; the table records no item of risk of bias (allocation concealment, blinding, attrition): the panel\'s judgement' };
  }
  const s = share(f.studies, (x) => HIGH_RISK_DESIGNS.has(x.design));
  const what = `retrospective or design-unknown series hold ${s.text}`;
  if (s.fraction > t.share) {
    return { domain, decision: 'downgrade', levels: 1, reason: `${what}: more than ${pct(t.share)}, so most of the information is at high risk of bias (no protocol, selection and loss to follow-up unrecorded)` };
  }
  return { domain, decision: 'no change', levels: 0, reason: `${what}: not more than ${pct(t.share)}` };
}

/** Inconsistency (Guyatt 2011, 64:1294): I² and the prediction interval against the decision threshold; medians: their spread. */
export function inconsistency(f: SofFacts, t: SofThresholds = DEFAULT_THRESHOLDS): CertaintyStep {
  const domain = 'inconsistency';
  const k = f.studies.length;
  const e = f.effect;
  if (e.kind === 'review') return { domain, decision: 'not assessable', levels: 0, reason: 'a review-level range: no study results to compare' };
  if (k < 2) return { domain, decision: 'not assessable', levels: 0, reason: `one ${f.basis === 'trial' ? 'trial' : 'study'}: consistency cannot be judged` };
  if (e.kind === 'median') {
    const spread = e.range[0] > 0 ? e.range[1] / e.range[0] : Number.POSITIVE_INFINITY;
    const fires = spread > t.medianSpread;
    return {
      domain, decision: fires ? 'downgrade' : 'no change', levels: fires ? 1 : 0,
      reason: `study medians range ${num(e.range[0])}–${num(e.range[1])} months: the largest is ${num(spread)} times the smallest (${fires ? '>' : '≤'} ${num(t.medianSpread)})`,
    };
  }
  if (e.kind === 'comparison') {
    const better = e.comparisons.map((c) => Math.sign(c.treatmentValue - c.controlValue));
    const fires = new Set(better).size > 1;
    return {
      domain, decision: fires ? 'downgrade' : 'no change', levels: fires ? 1 : 0,
      reason: fires ? `the ${plural(k, 'trial')} point in different directions` : `the ${plural(k, 'trial')} point in the same direction`,
    };
  }
  const show = unitText(f.outcome).show;
  const threshold = t.decision[f.outcome];
  const parts: string[] = [];
  let fires = false;
  if (e.I2 === null) parts.push('I² not estimated by this model');
  else {
    const high = e.I2 > t.i2;
    fires ||= high;
    parts.push(`I² = ${e.I2.toFixed(1)}% ${high ? '>' : '≤'} ${t.i2}%`);
  }
  if (e.pi === null) parts.push('no prediction interval');
  else if (threshold === undefined) parts.push(`95% PI ${show(e.pi[0])}–${show(e.pi[1])}; no decision threshold for this outcome`);
  else {
    const crosses = e.pi[0] < threshold && threshold < e.pi[1];
    fires ||= crosses;
    parts.push(`95% PI ${show(e.pi[0])}–${show(e.pi[1])} ${crosses ? 'includes' : 'does not include'} the decision threshold ${show(threshold)}`);
  }
  return { domain, decision: fires ? 'downgrade' : 'no change', levels: fires ? 1 : 0, reason: parts.join('; ') };
}

function levelsOf(criteria: readonly boolean[], twoWhen: boolean): number {
  if (twoWhen) return 2;
  return criteria.some(Boolean) ? 1 : 0;
}

/** Imprecision (Guyatt 2011, 64:1283): the CI against the decision threshold and a target width; N against the OIS. */
export function imprecision(f: SofFacts, t: SofThresholds = DEFAULT_THRESHOLDS): CertaintyStep {
  const domain = 'imprecision';
  const e = f.effect;
  const n = f.n;
  const step = (levels: number, reason: string): CertaintyStep => ({ domain, decision: levels > 0 ? 'downgrade' : 'no change', levels, reason });
  if (e.kind === 'review') return { domain, decision: 'not assessable', levels: 0, reason: 'a review-level range: no patients are counted' };
  if (e.kind === 'proportion') {
    const p = e.estimate;
    const d = targetHalfWidth(p, t.halfWidth);
    const ois = proportionOis(p, d);
    const threshold = t.decision[f.outcome];
    const width = e.ci[1] - e.ci[0];
    const crosses = threshold !== undefined && e.ci[0] < threshold && threshold < e.ci[1];
    const wide = width > 2 * d;
    const small = n === null || n < ois;
    const ci = `95% CI ${pct(e.ci[0])}–${pct(e.ci[1])} (width ${points(width)})`;
    const against = threshold === undefined ? 'no decision threshold for this outcome'
      : `${crosses ? 'includes' : 'does not include'} the decision threshold ${pct(threshold)}`;
    const target = `${wide ? 'wider' : 'not wider'} than 2d = ${points(2 * d)}`;
    const size = n === null ? `N not printed: the OIS of ${ois} cannot be shown to be met`
      : `N = ${n} ${small ? '<' : '≥'} OIS ${ois} (z²·p(1−p)/d², p = ${pct(p)}, d = ${points(d)})`;
    return step(levelsOf([crosses, wide, small], crosses && small), `${ci} ${against} and is ${target}; ${size}`);
  }
  if (e.kind === 'median') {
    const ois = proportionOis(0.5, t.medianHalfWidth);
    const noCi = e.ci === null;
    const wide = e.ci !== null && e.ci[1] - e.ci[0] > e.estimate;
    const small = n === null || n < ois;
    const ci = e.ci === null ? `no 95% CI (k = ${f.studies.length}: too few medians for a distribution-free interval)`
      : `95% CI ${num(e.ci[0])}–${num(e.ci[1])} months is ${wide ? 'wider' : 'not wider'} than the pooled median (${num(e.estimate)} months)`;
    const size = n === null ? `N not printed: the OIS of ${ois} cannot be shown to be met`
      : `N = ${n} ${small ? '<' : '≥'} OIS ${ois} (S = 50% at the median to ± ${points(t.medianHalfWidth)})`;
    return step(levelsOf([noCi, wide, small], false), `${ci}; ${size}`);
  }
  const ois = hazardRatioOis(t.hazardRatio);
  const oisText = `OIS ${ois} (events to detect HR ${t.hazardRatio} with α = 5%, power 80%; patients ≥ events)`;
  const small = n === null || n < ois;
  const size = n === null ? `patients randomised not printed: the ${oisText} cannot be shown to be met`
    : small ? `N = ${n} < ${oisText}` : `N = ${n} ≥ ${oisText}; events are not in the table`;
  if (e.kind === 'comparison') {
    return step(small ? 1 : 0, `no CI of the difference is printed; ${size}`);
  }
  if (e.ci === null || e.estimate === null) return step(small ? 1 : 0, `no 95% CI is printed; ${size}`);
  const crosses = e.ci[0] < 1 && 1 < e.ci[1];
  return step(levelsOf([crosses, small], crosses && small),
    `95% CI ${ratio(e.ci[0])}–${ratio(e.ci[1])} ${crosses ? 'includes' : 'does not include'} 1 (no difference); ${size}`);
}

/** Publication bias (Guyatt 2011, 64:1277): not assessable at k < 10; from k = 10, Egger's test. */
export function publicationBias(f: SofFacts, t: SofThresholds = DEFAULT_THRESHOLDS): CertaintyStep {
  const domain = 'publication bias';
  const k = f.studies.length;
  if (k < t.minKBias) {
    return { domain, decision: 'not assessable', levels: 0, reason: `k = ${k} < ${t.minKBias}: funnel-plot tests have too little power; not rated down on that alone` };
  }
  if (f.eggerP === null) return { domain, decision: 'not assessable', levels: 0, reason: `k = ${k}, but no funnel-plot test applies to ${f.effect.kind === 'median' ? 'medians' : 'this evidence'}` };
  const fires = f.eggerP < t.eggerP;
  return {
    domain, decision: fires ? 'downgrade' : 'no change', levels: fires ? 1 : 0,
    reason: `k = ${k}; Egger's test ${f.eggerP < 0.001 ? 'p < 0.001' : `p = ${f.eggerP.toFixed(3)}`} ${fires ? '<' : '≥'} ${num(t.eggerP)}${fires ? ': small-study effects' : ''}`,
  };
}

/** Indirectness (Guyatt 2011, 64:1303): review-level statements, or evidence mostly from subgroups of cohorts. */
export function indirectness(f: SofFacts, t: SofThresholds = DEFAULT_THRESHOLDS): CertaintyStep {
  const domain = 'indirectness';
  if (f.basis === 'review') {
    return { domain, decision: 'downgrade', levels: 1, reason: 'review-level statement only: a range across studies the review does not name, not study data' };
  }
  const subgroups = f.studies.filter((s) => s.subgroup);
  if (subgroups.length === 0) {
    return { domain, decision: 'no change', levels: 0, reason: `no ${f.basis === 'trial' ? 'trial result' : 'pooled row'} reports a subgroup of its cohort` };
  }
  const s = share(f.studies, (x) => x.subgroup);
  const fires = s.fraction > t.share;
  const names = subgroups.map((x) => x.label).join('; ');
  return {
    domain, decision: fires ? 'downgrade' : 'no change', levels: fires ? 1 : 0,
    reason: `rows reporting a subgroup of their cohort (${names}) hold ${s.text}: ${fires ? 'more' : 'not more'} than ${pct(t.share)}`,
  };
}

/** The rating: the starting level lowered by every step's levels, never below very low. */
export function rate(f: SofFacts, t: SofThresholds = DEFAULT_THRESHOLDS): Pick<SofRow, 'start' | 'steps' | 'certainty'> {
  const start = startingLevel(f);
  const steps = [riskOfBias(f, t), inconsistency(f, t), imprecision(f, t), publicationBias(f, t), indirectness(f, t)];
  const down = steps.reduce((a, s) => a + s.levels, 0);
  const from = start.level === 'high' ? 0 : 2;
  return { start, steps, certainty: CERTAINTIES[Math.min(CERTAINTIES.length - 1, from + down)] };
}

// ---------------------------------------------------------------------------------------------- the rows

type Studies = AnalysisInput & { readonly kind: 'studies' };
type Draft = Omit<SofRow, 'start' | 'steps' | 'certainty' | 'k' | 'designs'>;

const PROPORTION_OUTCOMES = ['os_5y', 'orr', 'mortality_periop'] as const;
const MEDIAN_SOF: readonly (SofOutcome & MedianOutcome)[] = ['os_median_months', 'pfs_median_months'];

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function proportionDrafts(input: Studies, spec: SofSpec, t: SofThresholds): Draft[] {
  const records = input.records;
  const out: Draft[] = [];
  for (const outcome of PROPORTION_OUTCOMES) {
    const base = {
      method: spec.method, test: spec.test, exclude: spec.exclude ?? [],
      ...(spec.measure ? { measure: spec.measure } : {}),
    };
    const a: Analysis = analyse(input, { ...base, outcome, by: 'modality' });
    for (const g of a.pooled?.groups ?? []) {
      const modality = g.group ?? '';
      const rows = a.rows.filter((r) => r.status === 'included' && r.group === g.group);
      const studies: SofStudy[] = rows.map((r) => ({
        key: r.key, cohortId: r.unit, label: r.label, design: r.record?.design ?? 'unknown', n: r.n,
        subgroup: r.record !== null && isSubgroupRow(r.record, records),
      }));
      let eggerP: number | null = null;
      if (g.k >= t.minKBias) {
        eggerP = finite(biasOf(analyse(input, { ...base, outcome, modality })).egger.p);
      }
      out.push({
        id: `${modality}.${outcome}`, modality, outcome, basis: 'pooled', studies,
        n: studies.some((s) => s.n !== null) ? studies.reduce((s, x) => s + (x.n ?? 0), 0) : null,
        effect: {
          kind: 'proportion', estimate: g.back.estimate, ci: g.back.ci, pi: g.back.pi, I2: finite(g.I2),
          method: `${g.method}, ${g.test ?? 'credible interval'}, ${g.measure}`,
        },
        eggerP, warnings: g.warnings.map((w) => w.message),
      });
    }
  }
  return out;
}

function medianDrafts(input: Studies, spec: SofSpec): Draft[] {
  const out: Draft[] = [];
  for (const outcome of MEDIAN_SOF) {
    const m = analyseMedians(input, { outcome, by: 'modality', exclude: spec.exclude ?? [] });
    for (const g of m.groups) {
      const [mm, wm] = g.fits;
      if (mm.estimate === null) continue;
      const modality = g.group ?? '';
      const values = g.rows.map((r) => r.median!);
      out.push({
        id: `${modality}.${outcome}`, modality, outcome, basis: 'pooled',
        studies: g.rows.map((r) => ({
          key: r.key, cohortId: r.unit, label: r.label, design: r.record?.design ?? 'unknown', n: r.n, subgroup: r.subgroup,
        })),
        n: mm.n,
        effect: {
          kind: 'median', estimate: mm.estimate, ci: mm.ci, range: [min(values), max(values)],
          weighted: wm.estimate === null ? null : { estimate: wm.estimate, ci: wm.ci },
        },
        eggerP: null, warnings: [...mm.warnings, ...g.warnings].map((w) => w.message),
      });
    }
  }
  return out;
}

function trialN(trial: Trial): number | null {
  if (trial.randomised !== null) return trial.randomised;
  return trial.arms.every((a) => a.n !== null) ? trial.arms.reduce((s, a) => s + a.n!, 0) : null;
}

function trialStudy(trial: Trial, key: string): SofStudy {
  return { key, cohortId: trial.cohortId, label: trial.title, design: trial.design, n: trialN(trial), subgroup: false };
}

function sumOrNull(values: readonly (number | null)[]): number | null {
  return values.every((v) => v !== null) && values.length > 0 ? values.reduce((s: number, v) => s + v!, 0) : null;
}

/** Arm against comparator within each trial, for the outcomes a trial prints per arm. */
function comparisonDrafts(trials: readonly Trial[]): Draft[] {
  type Group = { modality: string; outcome: SofOutcome; comparisons: TrialComparison[]; studies: SofStudy[] };
  const groups = new Map<string, Group>();
  for (const trial of trials) {
    if (trial.excluded) continue;
    const control = trial.arms.find((a) => a.comparator);
    if (!control) continue;
    for (const arm of trial.arms) {
      if (arm.comparator) continue;
      for (const outcome of ['os_5y', 'orr', 'os_median_months', 'pfs_median_months', 'mortality_periop'] as const) {
        const mine = arm.outcomes.find((o) => o.outcome === outcome)?.preferred;
        const theirs = control.outcomes.find((o) => o.outcome === outcome)?.preferred;
        if (!mine || !theirs || mine.value === null || theirs.value === null) continue;
        const id = `${arm.modality}.${outcome}.trial`;
        const g = groups.get(id) ?? { modality: arm.modality, outcome, comparisons: [], studies: [] };
        g.comparisons.push(comparisonOf(trial, arm.id, control.id, mine, theirs, outcome.endsWith('_months') ? 'months' : '%'));
        if (!g.studies.some((s) => s.cohortId === trial.cohortId)) g.studies.push(trialStudy(trial, mine.rowId));
        groups.set(id, g);
      }
    }
  }
  return [...groups].map(([id, g]) => ({
    id, modality: g.modality, outcome: g.outcome, basis: 'trial', studies: g.studies, n: sumOrNull(g.studies.map((s) => s.n)),
    effect: { kind: 'comparison', comparisons: g.comparisons }, eggerP: null, warnings: [],
  }));
}

function comparisonOf(
  trial: Trial, arm: string, comparator: string, mine: TrialValue, theirs: TrialValue, unit: string,
): TrialComparison {
  return {
    cohortId: trial.cohortId, trial: trial.title, arm, comparator, treatment: mine.printed, control: theirs.printed,
    treatmentValue: mine.value!, controlValue: theirs.value!, unit,
  };
}

/** The trials' hazard ratios by comparison and endpoint: one per trial (seed 001's, with a CI, first), pooled where trialsOf pools. */
function hazardRatioDrafts(records: readonly StudyRecord[], exclude: readonly string[]): Draft[] {
  const { trials, hazardRatioGroups } = trialsOf(records, exclude);
  const byId = new Map(trials.map((x) => [x.cohortId, x]));
  const out: Draft[] = [];
  for (const g of hazardRatioGroups) {
    const perTrial = new Map<string, (typeof g.hazardRatios)[number]>();
    for (const h of g.hazardRatios) {
      if (byId.get(h.cohortId)?.excluded) continue;
      const held = perTrial.get(h.cohortId);
      const better = !held || (held.ci === null && h.ci !== null) || (held.seed !== '001' && h.seed === '001' && (h.ci !== null || held.ci === null));
      if (better) perTrial.set(h.cohortId, h);
    }
    if (perTrial.size === 0) continue;
    const hrs = [...perTrial.values()];
    const modality = g.comparison.split(' vs ')[0];
    const fit = g.analysis?.pooled?.overall ?? null;
    const single = hrs.length === 1 ? hrs[0] : null;
    out.push({
      id: `${modality}.hazard_ratio.${g.endpoint}`, modality, outcome: 'hazard_ratio', basis: 'trial',
      studies: hrs.map((h) => trialStudy(byId.get(h.cohortId)!, h.rowId)),
      n: sumOrNull(hrs.map((h) => trialN(byId.get(h.cohortId)!))),
      effect: {
        kind: 'ratio', endpoint: g.endpoint, comparison: g.comparison,
        estimate: fit ? fit.back.estimate : single?.estimate ?? null,
        ci: fit ? fit.back.ci : single?.ci ?? null,
        pi: fit ? fit.back.pi : null, I2: fit ? finite(fit.I2) : null, pooled: fit !== null,
        trials: hrs.map((h) => ({ cohortId: h.cohortId, trial: h.trial, estimate: h.estimate, ci: h.ci })),
      },
      eggerP: null, warnings: fit ? fit.warnings.map((w) => w.message) : [],
    });
  }
  return out;
}

/** Review-level statements of a modality and outcome that has no pooled or randomised evidence. */
function reviewDrafts(input: Studies, have: ReadonlySet<string>, exclude: readonly string[]): Draft[] {
  const { units } = resolveExclusions(input, exclude);
  const groups = new Map<string, StudyRecord[]>();
  for (const r of input.records) {
    if (r.design !== 'review_range' || units.has(r.cohort_id) || r.outcome === 'hazard_ratio') continue;
    if (!(SOF_OUTCOMES as readonly string[]).includes(r.outcome)) continue;
    const key = `${r.modality}.${r.outcome}`;
    if (have.has(key)) continue;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups].map(([id, rs]) => ({
    id, modality: rs[0].modality, outcome: rs[0].outcome as SofOutcome, basis: 'review',
    studies: rs.map((r) => ({
      key: r.row_id, cohortId: r.cohort_id, label: r.study, design: r.design, n: r.n, subgroup: false,
    })),
    n: null,
    effect: { kind: 'review', statements: rs.map((r) => ({ rowId: r.row_id, printed: printedValue(r), seed: r.seed.slice(0, 3) })) },
    eggerP: null, warnings: [],
  }));
}

const BASIS_ORDER: Readonly<Record<SofBasis, number>> = { pooled: 0, trial: 1, review: 2 };

/** The rated row of a draft. */
function rated(d: Draft, t: SofThresholds): SofRow {
  const designs = [...new Set(d.studies.map((s) => s.design))];
  return { ...d, k: d.studies.length, designs, ...rate(d, t) };
}

/**
 * The summary of findings of a study table under `spec` (method and exclusions as every view), one row per modality ×
 * key outcome and kind of evidence, in the order of the modality vocabulary, then SOF_OUTCOMES, then pooled, trial,
 * review.
 *
 * summaryOfFindings(input, { method: 'REML', test: 'knha' }).rows[0] → { id: 'resection.os_5y', k: 9, certainty: 'very low', … }
 */
export function summaryOfFindings(input: Studies, spec: SofSpec): SummaryOfFindings {
  const t: SofThresholds = {
    ...DEFAULT_THRESHOLDS, ...spec.thresholds,
    decision: { ...DEFAULT_THRESHOLDS.decision, ...spec.thresholds?.decision },
  };
  const exclude = spec.exclude ?? [];
  const { trials } = trialsOf(input.records, exclude);
  const drafts = [
    ...proportionDrafts(input, spec, t), ...medianDrafts(input, spec), ...comparisonDrafts(trials),
    ...hazardRatioDrafts(input.records, exclude),
  ];
  const have = new Set(drafts.map((d) => `${d.modality}.${d.outcome}`));
  drafts.push(...reviewDrafts(input, have, exclude));
  const modalityOrder = (m: string) => {
    const i = (MODALITIES as readonly string[]).indexOf(m);
    return i < 0 ? MODALITIES.length : i;
  };
  const rows = drafts.map((d) => rated(d, t)).sort((a, b) => modalityOrder(a.modality) - modalityOrder(b.modality)
    || SOF_OUTCOMES.indexOf(a.outcome) - SOF_OUTCOMES.indexOf(b.outcome)
    || BASIS_ORDER[a.basis] - BASIS_ORDER[b.basis] || a.id.localeCompare(b.id));
  return { rows, thresholds: t };
}
