import { clipCell } from './clipCell.ts';
import { invalidCell } from './invalidCell.ts';
import { parseNumber } from './parseNumber.ts';
import type { Problem, StudyRecord } from './types.ts';
import {
  DESIGNS, LANDMARK_MONTHS, MODALITIES, OTHER_SOURCE, OUTCOMES, SEEDS, outcomeUnit,
  type Design, type Modality, type OutcomeName, type StudyColumn,
} from './vocabulary.ts';

/** Columns that must not be empty in any row. */
export const REQUIRED_NONEMPTY: readonly StudyColumn[] = [
  'row_id', 'cohort_id', 'study', 'modality', 'outcome', 'seed', 'quote',
];

/** Lowercase letters, digits and underscores, starting with a letter: `mayo_2010`, `review001_tace`. */
const COHORT_ID = /^[a-z][a-z0-9_]*$/;

export interface ValidateOptions {
  /** Read numeric cells with a decimal comma (the file is `;`-delimited). */
  readonly decimalComma?: boolean;
  /**
   * Also accept `seed` = `other` (OTHER_SOURCE): a row from a source outside the two reviews, named in `seed_ref`
   * (a DOI, PMID or citation; then required). Only rows a user adds to the bundled table (the living review).
   */
  readonly otherSource?: boolean;
}

/** The outcome of validating one row: the record when every cell is valid, and one problem per bad cell. */
export interface ValidatedRow {
  readonly record: StudyRecord | null;
  readonly problems: readonly Problem[];
}

function isOneOf<T extends string>(values: readonly T[], s: string): s is T {
  return (values as readonly string[]).includes(s);
}

/**
 * One study-table row (cells by column name; absent columns read as empty) → a typed record, or the problems
 * that keep it out: one per bad cell, in the `invalid <column>: "<value>" (<rule>)` template.
 * Row-level only: uniqueness of row_id is checked by readStudies.
 */
export function validateStudy(
  cells: Readonly<Record<string, string>>, row: number, options: ValidateOptions = {},
): ValidatedRow {
  const problems: Problem[] = [];
  const raw = (c: StudyColumn): string => cells[c] ?? '';
  const text = (c: StudyColumn): string => raw(c).trim();
  const bad = (c: StudyColumn, rule: string): void => {
    problems.push(invalidCell(row, c, raw(c), rule));
  };
  const num = (c: StudyColumn): number | null | undefined => {
    if (text(c) === '') return null;
    return parseNumber(raw(c), options) ?? undefined;
  };

  // Required cells.
  const missing = new Set<StudyColumn>();
  for (const c of REQUIRED_NONEMPTY) {
    if (text(c) === '') {
      bad(c, 'must not be empty');
      missing.add(c);
    }
  }

  // Identifiers and vocabularies.
  if (!missing.has('cohort_id') && !COHORT_ID.test(text('cohort_id'))) {
    bad('cohort_id', 'must be lowercase letters, digits and _, e.g. "mayo_2010"');
  }
  const modality = text('modality');
  if (!missing.has('modality') && !isOneOf(MODALITIES, modality)) {
    bad('modality', 'must be a modality listed in docs/data-dictionary.md');
  }
  const design = text('design') === '' ? 'unknown' : text('design');
  if (!isOneOf(DESIGNS, design)) bad('design', `must be one of ${DESIGNS.join(', ')}`);
  const outcome = text('outcome');
  const outcomeOk = isOneOf(OUTCOMES, outcome);
  if (!missing.has('outcome') && !outcomeOk) bad('outcome', 'must be an outcome listed in docs/data-dictionary.md');
  const seed = text('seed');
  if (options.otherSource === true && seed === OTHER_SOURCE) {
    if (text('seed_ref') === '') bad('seed_ref', `must name the source (DOI, PMID or citation) when seed is "${OTHER_SOURCE}"`);
  } else if (!missing.has('seed') && !isOneOf(SEEDS, seed)) {
    bad('seed', `must be one of ${SEEDS.join(', ')}${options.otherSource === true ? `, or "${OTHER_SOURCE}" with the source in seed_ref` : ''}`);
  }

  // Integers.
  const year = num('year');
  if (year !== null && (year === undefined || !Number.isInteger(year) || year < 1900 || year > 2100)) {
    bad('year', 'must be an integer from 1900 to 2100');
  }
  const n = num('n');
  if (n !== null && (n === undefined || !Number.isInteger(n) || n < 1)) bad('n', 'must be a positive integer');

  // Numbers on the outcome's scale.
  const unit = outcomeOk ? outcomeUnit(outcome as OutcomeName) : 'other';
  const numbers: Partial<Record<'value' | 'low' | 'high', number | null>> = {};
  for (const c of ['value', 'low', 'high'] as const) {
    const x = num(c);
    if (x === undefined) bad(c, 'must be a number');
    else if (x !== null && unit === 'percent' && (x < 0 || x > 100)) bad(c, 'must be a percentage from 0 to 100');
    else if (x !== null && unit === 'months' && x < 0) bad(c, 'must be a number of months, at least 0');
    else if (x !== null && unit === 'ratio' && x <= 0) bad(c, 'must be a ratio greater than 0');
    else numbers[c] = x;
  }
  const { value, low, high } = numbers;
  if (low != null && high != null && low > high) bad('low', `must be at most high (${clipCell(raw('high').trim())})`);
  else if (value != null && low != null && value < low) bad('value', `must be at least low (${clipCell(raw('low').trim())})`);
  else if (value != null && high != null && value > high) bad('value', `must be at most high (${clipCell(raw('high').trim())})`);
  if (value === null && low === null && high === null) bad('value', 'must be given when low and high are empty');

  const time = num('time_months');
  const landmark = outcomeOk ? LANDMARK_MONTHS[outcome as OutcomeName] : undefined;
  if (time === undefined || (time !== null && time < 0)) bad('time_months', 'must be a number of months, at least 0');
  else if (time !== null && landmark !== undefined && time !== landmark) {
    bad('time_months', `must be ${landmark} for ${outcome}`);
  }

  if (problems.length > 0) return { record: null, problems };
  return {
    record: {
      row,
      row_id: text('row_id'),
      cohort_id: text('cohort_id'),
      study: text('study'),
      first_author: text('first_author'),
      year: year ?? null,
      modality: modality as Modality,
      arm: text('arm'),
      design: design as Design,
      n: n ?? null,
      outcome: outcome as OutcomeName,
      value: value ?? null,
      low: low ?? null,
      high: high ?? null,
      time_months: time ?? null,
      seed,
      seed_ref: text('seed_ref'),
      section: text('section'),
      quote: text('quote'),
      note: text('note'),
    },
    problems,
  };
}
