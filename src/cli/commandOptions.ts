/**
 * Every command's options, in one place: main.ts reads a command's argv against its list (an unknown, repeated or
 * misplaced option is an error naming it, exit 2) and prints the list for `nelm <command> --help`. The commands
 * read their options as before (args.ts); this list only says which exist. A command file without an entry here
 * fails test/hostile/cliOptions.test.ts.
 */
import { ANALYSIS_METHODS } from '../analysis/spec.ts';
import { DIGITISATION_CHOICES } from '../survival/detectDigitisation.ts';
import { MEASURES, METHODS, TESTS } from '../meta/types.ts';

export interface OptionSpec {
  /** without the leading `--` */
  readonly name: string;
  /** what its value is (`FILE`, `N`), or null for a flag that takes no value */
  readonly value: string | null;
  readonly help: string;
  readonly required?: boolean;
}

export interface CommandSpec {
  readonly summary: string;
  readonly options: readonly OptionSpec[];
}

const one = (values: readonly string[]) => values.join('|');

const INPUT: OptionSpec = {
  name: 'input', value: 'FILE', required: true,
  help: 'a study,events,n or study,yi,vi CSV, or the study table (public/studies.csv)',
};
const OUTCOME: OptionSpec = { name: 'outcome', value: 'NAME', help: 'the study table\'s outcome to pool (e.g. os_5y)' };
const MODALITY: OptionSpec = { name: 'modality', value: 'NAME', help: 'only this modality (study table)' };
const EXCLUDE: OptionSpec = {
  name: 'exclude', value: 'ID[,ID…]', help: 'leave out cohorts or row ids (study table) or row numbers (other files)',
};
const MEASURE: OptionSpec = { name: 'measure', value: one(MEASURES), help: 'effect measure (default PLO; GEN for study,yi,vi)' };
const TEST: OptionSpec = { name: 'test', value: one(TESTS), help: 'CI and test for the pooled estimate (default knha)' };
const IV_METHOD: OptionSpec = { name: 'method', value: one(METHODS), help: 'τ² estimator (default REML)' };
const BY: OptionSpec = { name: 'by', value: 'COLUMN', help: 'subgroups by this column, with the test for subgroup differences' };
const TAU_PRIOR: OptionSpec = { name: 'tau-prior-scale', value: 'S', help: 'half-normal prior scale of τ (BAYES; default 0.5)' };
const DROP_INVALID: OptionSpec = {
  name: 'drop-invalid', value: null,
  help: 'go on without invalid rows (each listed in "warnings"); by default an invalid row stops the run',
};

/** The options of every command that analyses one set of studies (its input read by readValidInput, analysisArgs.ts). */
const ANALYSIS = [INPUT, OUTCOME, MODALITY, EXCLUDE, DROP_INVALID] as const;

/** Commands and their options, by command name (a Map: command names come from the user). */
export const COMMAND_OPTIONS: ReadonlyMap<string, CommandSpec> = new Map<string, CommandSpec>([
  ['pool', {
    summary: 'a meta-analysis of proportions, effect sizes or one outcome of the study table, as JSON',
    options: [...ANALYSIS, MEASURE,
      { name: 'method', value: one(ANALYSIS_METHODS), help: 'τ² estimator, the binomial-normal GLMM or the Bayesian model (default REML)' },
      TEST, BY, TAU_PRIOR],
  }],
  ['bias', {
    summary: 'small-study tests: Egger, Begg and trim-and-fill (k ≥ 3)',
    options: [...ANALYSIS, MEASURE, IV_METHOD, TEST,
      { name: 'side', value: 'left|right', help: 'the side trim-and-fill fills (default: chosen from the funnel)' }],
  }],
  ['leave1out', {
    summary: 'the model refitted without each study in turn (k ≥ 2)',
    options: [...ANALYSIS, MEASURE, IV_METHOD, TEST],
  }],
  ['cumulative', {
    summary: 'cumulative meta-analysis, studies added in the order of a column',
    options: [...ANALYSIS, MEASURE, IV_METHOD, TEST,
      { name: 'order', value: 'COLUMN', required: true, help: 'the column to order by (numbers, else text)' }],
  }],
  ['sensitivity', {
    summary: 'the pooled proportion under GLMM, PLO/PAS/PFT × DL/REML/PM × z/knha and Bayes',
    options: [...ANALYSIS,
      { name: 'threshold', value: 'X', help: 'spread of the estimates flagged as disagreement (default 0.05)' },
      TAU_PRIOR],
  }],
  ['regress', {
    summary: 'mixed-effects meta-regression on moderator columns',
    options: [...ANALYSIS, MEASURE, IV_METHOD,
      { name: 'test', value: 'z|knha', help: 'tests of the coefficients (default knha)' },
      { name: 'mods', value: 'COL[,COL…]', required: true, help: 'the moderator columns' },
      { name: 'permutations', value: 'N', help: 'a permutation test of QM with N iterations' },
      { name: 'seed', value: 'N', help: 'the permutation test\'s seed' },
      { name: 'moderators', value: 'FILE', help: 'a moderator table joined by cohort_id (default moderators.csv beside the study table)' }],
  }],
  ['medians', {
    summary: 'pooled median survival (median of the medians, weighted median of the medians) per group',
    options: [...ANALYSIS, BY, { name: 'level', value: 'L', help: 'confidence level of the intervals (default 0.95)' }],
  }],
  ['km', {
    summary: 'Kaplan–Meier per group from individual patient data, with log-rank and Cox',
    options: [
      { name: 'ipd', value: 'FILE', required: true, help: 'CSV with columns time, event[, group]' },
      { name: 'group', value: 'COLUMN', help: 'the grouping column (default: a column named group, else one group)' },
      { name: 'times', value: 'T[,T…]', help: 'times at which S(t) is reported (default every event time)' },
      { name: 'horizon', value: 'H', help: 'RMST horizon (default the largest time)' },
      { name: 'conf-type', value: 'log|log-log|plain', help: 'confidence limits as R survfit (default log)' },
    ],
  }],
  ['reconstruct', {
    summary: 'individual patient data from a digitised Kaplan–Meier curve (Guyot 2012)',
    options: [
      { name: 'curve', value: 'FILE', required: true, help: 'WebPlotDigitizer export or a time,survival table' },
      { name: 'risk', value: 'FILE', help: 'the published numbers at risk, time,n_risk, starting at time 0' },
      { name: 'n', value: 'N', help: 'the number of patients, when no risk table is published' },
      { name: 'events', value: 'N', help: 'the published total number of events' },
      { name: 'scale', value: 'auto|fraction|percent', help: 'survival as a fraction or percent (default auto)' },
      { name: 'digitised', value: one(DIGITISATION_CHOICES), help: 'how the figure was digitised (default auto: detected)' },
      { name: 'dataset', value: 'NAME', help: 'the dataset of a WebPlotDigitizer "Export All Data" file' },
      { name: 'format', value: 'json|csv', help: 'JSON with diagnostics, or time,event rows (default json)' },
    ],
  }],
]);

/** `nelm <command> --help`: the usage line, the summary and one line per option. */
export function helpText(command: string, spec: CommandSpec): string {
  const required = spec.options.filter((o) => o.required).map((o) => `--${o.name} ${o.value ?? ''}`.trim());
  const left = (o: OptionSpec) => `--${o.name}${o.value === null ? '' : ` ${o.value}`}`;
  const width = Math.min(34, spec.options.reduce((w, o) => Math.max(w, left(o).length), 0));
  const lines = spec.options.map((o) => `  ${left(o).padEnd(width)}  ${o.help}${o.required ? ' (required)' : ''}`);
  return [
    `usage: nelm ${command} ${[...required, '[options]'].join(' ')}`,
    spec.summary,
    '',
    'options:',
    ...lines,
    `  ${'--help'.padEnd(width)}  this text`,
    '',
    'Prints JSON on stdout; bad input prints one line on stderr and exits with code 2.',
    '',
  ].join('\n');
}
