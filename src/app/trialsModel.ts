/**
 * The trials view's model (pure, no DOM): every randomised trial of the study table (trialsOf) as a card — its arms
 * side by side (n, median PFS / TTP / OS, response, stable disease, …) with both seeds' figures where they disagree,
 * its hazard ratios, and model-based two-arm curves (exponential through each arm's published median) with the HR the
 * medians imply beside the published one — and the forest plot of all hazard ratios by endpoint (published, implied,
 * and pooled where two or more trials report the same comparison and endpoint).
 */
import {
  ENDPOINT_LABELS, exponentialCurve, trialsOf, type Endpoint, type ModelCurvePair, type Trial, type TrialOutcome,
} from '../analysis/index.ts';
import type { HrForestSpec, HrGroup, HrRow } from '../charts/hazardRatioForest.ts';
import type { KmSpec } from '../charts/kmPlot.ts';
import type { StudyRecord } from '../data/types.ts';
import { OUTCOME_LABELS, type OutcomeName } from '../data/vocabulary.ts';
import { modalityLabel } from './labels.ts';

export interface TrialCell {
  readonly text: string;
  /** the seeds print different numbers */
  readonly disagree: boolean;
  readonly rowIds: readonly string[];
}

export interface TrialTableRow {
  readonly outcome: OutcomeName | 'n';
  readonly label: string;
  /** one per arm, in the card's arm order; null where the arm does not report it */
  readonly cells: readonly (TrialCell | null)[];
}

export interface TrialCurves {
  readonly endpoint: string;
  readonly spec: KmSpec;
  /** "HR implied by the medians: 6 / 14.3 = 0.42 (model-based)" */
  readonly implied: string;
  /** "published HR 0.34 (0.20–0.59)", or "no published HR in the seeds" */
  readonly published: string;
}

export interface TrialCard {
  readonly cohortId: string;
  readonly title: string;
  /** "randomised phase III · 171 randomised" */
  readonly subtitle: string;
  readonly excluded: boolean;
  /** "Sunitinib: sunitinib", "comparator: Placebo" */
  readonly arms: readonly { readonly id: string; readonly label: string; readonly comparator: boolean }[];
  readonly table: readonly TrialTableRow[];
  /** "HR 0.34 (0.20–0.59), time to progression, octreotide LAR vs placebo" */
  readonly hazardRatios: readonly string[];
  /** disagreement clauses of the notes (cross-seed and within-seed) */
  readonly disagreements: readonly string[];
  readonly curves: readonly TrialCurves[];
}

export interface TrialsModel {
  readonly cards: readonly TrialCard[];
  readonly forest: HrForestSpec;
  /** what the forest plot's marks mean, for its caption */
  readonly forestCaption: string;
  /** hazard ratios pooled across trials: "ssa vs placebo, TTP: 0.40 [0.25, 0.64] (k = 2)"; empty when none is */
  readonly pooled: readonly string[];
}

const ORDER: readonly OutcomeName[] = [
  'pfs_median_months', 'ttp_median_months', 'os_median_months', 'os_5y', 'orr', 'stable_disease', 'dcr', 'progression',
];
const unit = (o: OutcomeName) => (o.endsWith('_months') ? ' months' : o === 'other' ? '' : ' %');

function cellOf(o: TrialOutcome): TrialCell {
  const u = o.outcome === 'other' ? otherOf(o).unit : unit(o.outcome);
  const rowIds = o.values.map((v) => v.rowId);
  if (!o.seedsDisagree) return { text: `${o.preferred.printed}${u}`, disagree: false, rowIds };
  // seed 001 first (the figure shown elsewhere), then seed 000
  const bySeed = [...new Map(o.values.map((v) => [v.seed, v.printed]))].sort((a, b) => b[0].localeCompare(a[0]));
  return { text: bySeed.map(([seed, p]) => `${p}${u} (seed ${seed})`).join(' vs '), disagree: true, rowIds };
}

/** An `other` row's label from its note ("progression-free at 18 weeks (percent)" → label and ' %'). */
function otherOf(o: TrialOutcome): { label: string; unit: string } {
  const first = (o.values[0]?.note ?? '').split(';')[0].trim();
  return /\(percent\)/.test(first)
    ? { label: first.replace(/\s*\(percent\)/, ''), unit: ' %' }
    : { label: first.split('(')[0].trim() || 'other', unit: '' };
}

function tableOf(t: Trial): TrialTableRow[] {
  const rows: TrialTableRow[] = [{
    outcome: 'n', label: 'Patients (n)',
    cells: t.arms.map((a) => ({
      text: a.n !== null ? String(a.n) : t.randomised !== null ? `arm size not given (${t.randomised} randomised)` : 'not given',
      disagree: false, rowIds: [],
    })),
  }];
  const present = new Set(t.arms.flatMap((a) => a.outcomes.map((o) => o.outcome)));
  const outcomes = [...ORDER.filter((o) => present.has(o)), ...[...present].filter((o) => !ORDER.includes(o))];
  for (const outcome of outcomes) {
    const first = t.arms.flatMap((a) => a.outcomes).find((o) => o.outcome === outcome)!;
    rows.push({
      outcome, label: outcome === 'other' ? otherOf(first).label : OUTCOME_LABELS[outcome],
      cells: t.arms.map((a) => {
        const o = a.outcomes.find((x) => x.outcome === outcome);
        return o ? cellOf(o) : null;
      }),
    });
  }
  return rows;
}

const ciText = (ci: readonly [number, number] | null) => (ci ? ` (${ci[0].toFixed(2)}–${ci[1].toFixed(2)})` : '');

function curvesOf(t: Trial, c: ModelCurvePair): TrialCurves {
  const maxTime = Math.ceil(Math.max(c.treatment.median, c.control.median) * 3 / 6) * 6;
  const curve = (arm: typeof c.treatment, comparator: boolean) => {
    const { times, surv } = exponentialCurve(arm.median, maxTime);
    return {
      id: `${t.cohortId}-${comparator ? 'control' : 'treatment'}`, label: arm.arm,
      kind: 'model-based' as const, shape: 'line' as const, times, surv, median: arm.median,
    };
  };
  const alt = c.alternatives.map((a) => `with the other seed's medians ${a.controlMedian} / ${a.treatmentMedian} = ${a.impliedHr.toFixed(2)}`);
  const implied = `HR implied by the medians (model-based): ${c.control.printed} / ${c.treatment.printed} = ${c.impliedHr.toFixed(2)}`
    + (alt.length ? `; ${alt.join('; ')}` : '');
  const published = c.published
    ? `published HR ${c.published.estimate.toFixed(2)}${ciText(c.published.ci)}`
    : 'no published HR for this endpoint in the seeds';
  return {
    endpoint: ENDPOINT_LABELS[c.endpoint],
    spec: {
      curves: [curve(c.treatment, false), curve(c.control, true)], maxTime, xLabel: 'months',
      caption: `Model-based: exponential S(t) = exp(−ln 2 · t / median) through each arm's published median (not patient data). ${implied}; ${published}.`,
    },
    implied, published,
  };
}

function cardOf(t: Trial): TrialCard {
  const arms = t.arms.map((a) => ({ id: a.id, label: `${modalityLabel(a.modality)}: ${a.id}`, comparator: a.comparator }));
  const disagreements = [...new Set(t.arms.flatMap((a) => a.outcomes.flatMap((o) => o.disagreements)))];
  return {
    cohortId: t.cohortId, title: t.title,
    subtitle: [t.design, t.randomised !== null ? `${t.randomised} randomised` : null, t.excluded ? 'excluded by you' : null].filter(Boolean).join(' · '),
    excluded: t.excluded, arms, table: tableOf(t),
    hazardRatios: t.hazardRatios.map((h) => `HR ${h.estimate.toFixed(2)}${ciText(h.ci)}, ${ENDPOINT_LABELS[h.endpoint].toLowerCase()}, ${h.label}`),
    disagreements, curves: t.curves.map((c) => curvesOf(t, c)),
  };
}

const ENDPOINT_ORDER: readonly Endpoint[] = ['ttp', 'pfs', 'os', 'unspecified'];

/** The model of the trials in `records`; `exclude` (cohort or row ids) marks trials excluded and leaves them out of pools. */
export function trialsModel(records: readonly StudyRecord[], exclude: readonly string[] = []): TrialsModel {
  const { trials, hazardRatioGroups } = trialsOf(records, exclude);
  const groups: HrGroup[] = [];
  const pooled: string[] = [];
  for (const endpoint of ENDPOINT_ORDER) {
    const rows: HrRow[] = [];
    for (const t of trials) {
      for (const h of t.hazardRatios.filter((x) => x.endpoint === endpoint)) {
        rows.push({ id: h.rowId, label: `${t.title}: ${h.label}`, kind: 'published', estimate: h.estimate, ci: h.ci });
      }
      for (const c of t.curves.filter((x) => x.endpoint === endpoint)) {
        rows.push({
          id: `${t.cohortId}-${endpoint}-implied`, label: `${t.title}: medians ${c.treatment.printed} vs ${c.control.printed} months`,
          kind: 'implied', estimate: c.impliedHr, ci: null,
        });
      }
    }
    for (const g of hazardRatioGroups.filter((x) => x.endpoint === endpoint && x.analysis?.pooled)) {
      const f = g.analysis!.pooled!.overall;
      rows.push({ id: `pooled-${g.comparison}-${endpoint}`, label: `Pooled: ${g.comparison} (k = ${f.k})`, kind: 'pooled', estimate: f.back.estimate, ci: f.back.ci });
      pooled.push(`${g.comparison}, ${ENDPOINT_LABELS[endpoint].toLowerCase()}: ${f.back.estimate.toFixed(2)}${ciText(f.back.ci)} (k = ${f.k})`);
    }
    if (rows.length > 0) groups.push({ id: endpoint, label: ENDPOINT_LABELS[endpoint], rows });
  }
  return {
    cards: trials.map(cardOf),
    forest: { groups },
    forestCaption: 'Square: published HR with its 95% CI. Circle: HR implied by the two arms\' medians under exponential '
      + 'survival (model-based, no CI). Diamond: pooled (inverse variance on log HR), only where two or more trials report '
      + 'the same comparison and endpoint.',
    pooled,
  };
}
