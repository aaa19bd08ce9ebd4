/** Controlled vocabularies of the study table (docs/data-dictionary.md documents each value). */

export const MODALITIES = [
  'resection', 'resection_rfa', 'rfa', 'transplant', 'tae', 'tace', 'tae_or_tace', 'y90', 'prrt', 'ssa',
  'interferon', 'ssa_interferon', 'everolimus', 'sunitinib', 'bevacizumab', 'chemotherapy', 'ebrt', 'iat',
  'supportive_care', 'placebo', 'other',
] as const;
export type Modality = (typeof MODALITIES)[number];

export const DESIGNS = [
  'rct', 'phase2', 'phase3', 'prospective', 'retrospective', 'registry', 'review_range', 'unknown',
] as const;
export type Design = (typeof DESIGNS)[number];

export const OUTCOMES = [
  'os_1y', 'os_2y', 'os_3y', 'os_5y', 'os_10y', 'os_median_months', 'os_mean_months', 'dfs_5y',
  'pfs_median_months', 'ttp_median_months', 'orr', 'dcr', 'stable_disease', 'progression',
  'complete_response', 'partial_response', 'symptom_response', 'mortality_periop', 'morbidity', 'recurrence',
  'hazard_ratio', 'other',
] as const;
export type OutcomeName = (typeof OUTCOMES)[number];

/** How an outcome's `value` is measured. */
export type OutcomeUnit = 'percent' | 'months' | 'ratio' | 'other';

export function outcomeUnit(outcome: OutcomeName): OutcomeUnit {
  if (outcome.endsWith('_months')) return 'months';
  if (outcome === 'hazard_ratio') return 'ratio';
  if (outcome === 'other') return 'other';
  return 'percent';
}

/** Landmark survival outcomes and their time in months. */
export const LANDMARK_MONTHS: Partial<Record<OutcomeName, number>> = {
  os_1y: 12, os_2y: 24, os_3y: 36, os_5y: 60, os_10y: 120, dfs_5y: 60,
};

/** Outcomes that are proportions of patients and can be pooled as events / n. */
export const POOLABLE_OUTCOMES: readonly OutcomeName[] = [
  'os_1y', 'os_2y', 'os_3y', 'os_5y', 'os_10y', 'dfs_5y', 'orr', 'dcr', 'stable_disease', 'progression',
  'complete_response', 'partial_response', 'symptom_response', 'mortality_periop', 'morbidity', 'recurrence',
];

/** The seed files the study table is extracted from. */
export const SEEDS = ['000_a998f2521d828f35.txt', '001_9c5965bc9c202e25.txt'] as const;
export type Seed = (typeof SEEDS)[number];
/** `seed` of a row a user added from a source outside the two reviews (named in `seed_ref`); never in the bundled table. */
export const OTHER_SOURCE = 'other';

/** Columns of the study table, in file order. */
export const STUDY_COLUMNS = [
  'row_id', 'cohort_id', 'study', 'first_author', 'year', 'modality', 'arm', 'design', 'n', 'outcome', 'value',
  'low', 'high', 'time_months', 'seed', 'seed_ref', 'section', 'quote', 'note',
] as const;
export type StudyColumn = (typeof STUDY_COLUMNS)[number];

/** Display names of the modalities. */
export const MODALITY_LABELS: Readonly<Record<Modality, string>> = {
  resection: 'Hepatic resection', resection_rfa: 'Resection + RFA', rfa: 'Radiofrequency ablation',
  transplant: 'Liver transplantation', tae: 'Transarterial embolisation (TAE)', tace: 'Chemoembolisation (TACE)',
  tae_or_tace: 'TAE or TACE', y90: 'Y-90 radioembolisation', prrt: 'Peptide receptor radionuclide therapy',
  ssa: 'Somatostatin analogue', interferon: 'Interferon-α', ssa_interferon: 'SSA + interferon-α',
  everolimus: 'Everolimus', sunitinib: 'Sunitinib', bevacizumab: 'Bevacizumab', chemotherapy: 'Chemotherapy',
  ebrt: 'External-beam radiotherapy', iat: 'Intra-arterial therapy (any)', supportive_care: 'Supportive care',
  placebo: 'Placebo', other: 'Other',
};

/** Display names of the outcomes. */
export const OUTCOME_LABELS: Readonly<Record<OutcomeName, string>> = {
  os_1y: '1-year overall survival', os_2y: '2-year overall survival', os_3y: '3-year overall survival',
  os_5y: '5-year overall survival', os_10y: '10-year overall survival', os_median_months: 'Median overall survival',
  os_mean_months: 'Mean overall survival', dfs_5y: '5-year disease-free survival',
  pfs_median_months: 'Median progression-free survival', ttp_median_months: 'Median time to progression',
  orr: 'Objective response', dcr: 'Disease control', stable_disease: 'Stable disease', progression: 'Progression',
  complete_response: 'Complete response', partial_response: 'Partial response', symptom_response: 'Symptom response',
  mortality_periop: 'Perioperative mortality', morbidity: 'Morbidity', recurrence: 'Recurrence',
  hazard_ratio: 'Hazard ratio', other: 'Other',
};
