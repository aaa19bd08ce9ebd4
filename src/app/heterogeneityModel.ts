/**
 * The heterogeneity view's model: for the Analysis of the current outcome, modality and exclusions (the forest
 * view's spec, appAnalysis), the meta-regression on one moderator — a study-table column (year, n, design) or a
 * moderator of the moderator table (public/moderators.csv, bundled with the page) — from the analysis layer
 * (src/analysis/regression.ts): coefficients, tests, the fitted line with its CI and the studies with their weights,
 * on the display scale the analysis layer gives. Nothing here computes a statistic; it picks and labels.
 */
import { validOf } from './appAnalysis.ts';
import type { Analysis } from '../analysis/analyse.ts';
import {
  moderatorCoverage, permutationOf, regressionDisplay, regressionLevels, regressionLine, regressionOf,
  type LevelPrediction, type ModeratorCoverage, type ModeratorSources, type RegressionAnalysis,
  type RegressionLinePoint,
} from '../analysis/regression.ts';
import type { BubbleStudy } from '../charts/bubblePlot.ts';
import { MODERATORS, moderatorLabel, readModerators, type ModeratorRecord } from '../data/readModerators.ts';
import type { PermutationResult } from '../meta/permutationTest.ts';
import type { Method } from '../meta/types.ts';
import type { RegressionTest } from '../meta/regressionFit.ts';
import type { Dataset } from './dataset.ts';
import type { AppState } from './state.ts';
import moderatorsCsv from '../../public/moderators.csv?raw';

/** The bundled moderator table, read once. */
let bundledModerators: readonly ModeratorRecord[] | null = null;
export function bundledModeratorTable(): readonly ModeratorRecord[] {
  bundledModerators ??= readModerators(moderatorsCsv).records;
  return bundledModerators;
}

/** The study-table columns offered as moderators, before the moderator table's. */
export const TABLE_MODERATORS = ['year', 'n', 'design'] as const;

export interface ModeratorChoice extends ModeratorCoverage {
  readonly label: string;
}

export interface HeterogeneityModel {
  /** the moderators offered: name, label, how many included studies have a value */
  readonly choices: readonly ModeratorChoice[];
  /** the moderator shown (the state's, or the first offered when the state's does not apply) */
  readonly moderator: string;
  readonly label: string;
  /** studies the analysis pools (before the moderator's missing values) */
  readonly included: number;
  /** why there is no regression (too few studies, a constant moderator, …); null when there is one */
  readonly error: string | null;
  readonly regression: RegressionAnalysis | null;
  /** the moderator is continuous: the plot has a fitted line; categorical: a prediction per level */
  readonly continuous: boolean;
  /** effects are proportions shown as percent */
  readonly percent: boolean;
  /** bubbles on the display scale; a categorical moderator's x is its level's position (1, 2, …) */
  readonly studies: readonly (BubbleStudy & { readonly value: number | string; readonly key: string })[];
  readonly line: readonly RegressionLinePoint[];
  readonly levels: readonly LevelPrediction[];
  /** the method and test of the regression, and why they differ from the state's when they do */
  readonly method: Method;
  readonly test: RegressionTest;
  readonly notes: readonly string[];
}

/** The inverse-variance methods only: GLMM and Bayes fall back to REML (the regression has no GLMM form here). */
function regressionMethod(state: AppState): { method: Method; test: RegressionTest; notes: string[] } {
  const notes: string[] = [];
  let method: Method;
  if (state.method === 'GLMM' || state.method === 'BAYES') {
    method = 'REML';
    notes.push(`The meta-regression uses REML τ² (${state.method} has no meta-regression here).`);
  } else method = state.method;
  let test: RegressionTest;
  if (state.test === 'adhoc') {
    test = 'knha';
    notes.push('Hartung–Knapp without the ad hoc correction (the regression offers z or Hartung–Knapp).');
  } else test = state.test;
  return { method, test, notes };
}

/** Where moderator values come from for this dataset: the bundled table joins the moderator table. */
export function sourcesOf(dataset: Dataset): ModeratorSources {
  return dataset.source === 'bundled' && dataset.input.kind === 'studies'
    ? { input: validOf(dataset.input), moderators: bundledModeratorTable() }
    : { input: validOf(dataset.input) };
}

/** Names that could be moderators of this dataset: study-table columns and the moderator table, or an upload's columns. */
function candidateNames(dataset: Dataset): string[] {
  const input = dataset.input;
  if (input.kind === 'studies') return [...TABLE_MODERATORS, ...(dataset.source === 'bundled' ? Object.keys(MODERATORS) : [])];
  if (input.kind === 'proportions' || input.kind === 'generic') return Object.keys(input.rows[0]?.extra ?? {});
  return [];
}

export function heterogeneityModel(dataset: Dataset, analysis: Analysis, state: AppState): HeterogeneityModel {
  const sources = sourcesOf(dataset);
  const included = analysis.rows.filter((r) => r.status === 'included').length;
  const choices = moderatorCoverage(analysis, candidateNames(dataset), sources)
    .map((c) => ({ ...c, label: moderatorLabel(c.name) }));
  const chosen = choices.find((c) => c.name === state.moderator) ?? choices.find((c) => c.distinct > 1) ?? choices[0];
  const { method, test, notes } = regressionMethod(state);
  const fallback = chosen !== undefined && chosen.name !== state.moderator
    ? [`${moderatorLabel(state.moderator)} is not a column of this data; showing ${chosen.label}.`]
    : [];
  const base = {
    choices, moderator: chosen?.name ?? state.moderator, label: chosen?.label ?? moderatorLabel(state.moderator),
    included, method, test, percent: analysis.spec.measure !== 'GEN' && !analysis.spec.exponentiate,
    notes: [...notes, ...fallback],
  };
  const empty = { regression: null, continuous: false, studies: [], line: [], levels: [] };
  if (chosen === undefined) return { ...base, ...empty, error: 'This data has no column to use as a moderator.' };
  let ra: RegressionAnalysis;
  try {
    ra = regressionOf(analysis, { mods: [chosen.name], method, test }, sources);
  } catch (err) {
    return { ...base, ...empty, error: err instanceof Error ? err.message : String(err) };
  }
  const term = ra.result.design.terms[0];
  const continuous = term.kind === 'continuous';
  const levels = term.levels ?? [];
  const studies = ra.rows.flatMap((r) => {
    const v = r.values[0];
    if (r.weight === null || v === null) return [];
    const x = typeof v === 'number' ? v : levels.indexOf(v) + 1;
    return [{ key: r.key, label: r.label, value: v, x, y: regressionDisplay(ra, r.yi), weight: r.weight }];
  });
  return {
    ...base, error: null, regression: ra, continuous, studies,
    line: continuous ? regressionLine(ra, chosen.name) : [],
    levels: continuous ? [] : regressionLevels(ra, chosen.name),
  };
}

/** The permutation test of the model's regression (on request: 1 000 permutations, seed 1, as `nelm regress`). */
export function heterogeneityPermutation(model: HeterogeneityModel, iterations = 1000): PermutationResult | null {
  return model.regression === null ? null : permutationOf(model.regression, iterations);
}
