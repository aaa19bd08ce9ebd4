/** Words for codes shown in the UI. */
const MODALITY_LABELS: Record<string, string> = {
  resection: 'Resection', resection_rfa: 'Resection + RFA', rfa: 'RFA', transplant: 'Liver transplant', tae: 'TAE',
  tace: 'TACE', tae_or_tace: 'TAE or TACE', y90: 'Y-90 radioembolisation', prrt: 'PRRT', ssa: 'Somatostatin analogue',
  interferon: 'Interferon', ssa_interferon: 'SSA + interferon', everolimus: 'Everolimus', sunitinib: 'Sunitinib',
  bevacizumab: 'Bevacizumab', chemotherapy: 'Chemotherapy', ebrt: 'External-beam RT', iat: 'Intra-arterial therapy',
  supportive_care: 'Supportive care', placebo: 'Placebo', other: 'Other',
};

const OUTCOME_LABELS: Record<string, string> = {
  os_1y: '1-year overall survival', os_2y: '2-year overall survival', os_3y: '3-year overall survival',
  os_5y: '5-year overall survival', os_10y: '10-year overall survival', dfs_5y: '5-year disease-free survival',
  orr: 'Objective response', dcr: 'Disease control', stable_disease: 'Stable disease', progression: 'Progression',
  complete_response: 'Complete response', partial_response: 'Partial response', symptom_response: 'Symptom response',
  mortality_periop: 'Perioperative mortality', morbidity: 'Morbidity', recurrence: 'Recurrence',
};

export const MEASURE_LABELS: Record<string, string> = {
  PLO: 'logit', PAS: 'arcsine', PFT: 'Freeman–Tukey', PR: 'raw proportion', GEN: 'as given (yi, vi)',
};

export const TEST_LABELS: Record<string, string> = {
  knha: 'Hartung–Knapp', z: 'Wald z', adhoc: 'HK ad hoc',
};

export const METHOD_LABELS: Record<string, string> = {
  REML: 'REML', DL: 'DerSimonian–Laird', PM: 'Paule–Mandel', ML: 'ML', HE: 'Hedges', SJ: 'Sidik–Jonkman',
  EB: 'Empirical Bayes', FE: 'Common effect', GLMM: 'GLMM (binomial-normal)', BAYES: 'Bayes (half-normal τ prior)',
};

/** The word for a code, or the code itself; only the table's own keys count ("constructor" is not a label). */
const lookup = (labels: Readonly<Record<string, string>>, code: string): string =>
  (Object.hasOwn(labels, code) ? labels[code] : code);

export const modalityLabel = (m: string): string => lookup(MODALITY_LABELS, m);
export const outcomeLabel = (o: string): string => lookup(OUTCOME_LABELS, o);
