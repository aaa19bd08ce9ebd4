/**
 * The moderator table (`public/moderators.csv`): study-level characteristics that the seeds print for a cohort —
 * tumour grade, primary site, functional status, liver tumour burden and the surgical mix — one row per
 * (cohort, moderator), each with the seed, citation, section and the verbatim quote it came from, like the study
 * table. Joined to study rows by `cohort_id` in the analysis layer (src/analysis/regression.ts). Columns and the
 * vocabulary are documented in docs/data-dictionary.md ("The moderator table").
 */
import { invalidCell } from './invalidCell.ts';
import { parseCsv, parseNumber } from './parseCsv.ts';
import type { Parsed, Problem } from './types.ts';
import { SEEDS } from './vocabulary.ts';

export const MODERATOR_COLUMNS = ['cohort_id', 'moderator', 'value', 'seed', 'seed_ref', 'section', 'quote', 'note'] as const;

/** What a moderator describes (the four groups, and the operation itself). */
export type ModeratorConcept = 'tumour grade' | 'primary site' | 'functional status' | 'liver tumour burden' | 'surgery';

interface NumericModerator {
  readonly kind: 'percent' | 'number';
  readonly label: string;
  readonly concept: ModeratorConcept;
}

interface CategoricalModerator {
  readonly kind: 'categorical';
  readonly label: string;
  readonly concept: ModeratorConcept;
  /** each level with the words that must be in the quote for it (checked by test/data/moderators.test.ts) */
  readonly levels: Readonly<Record<string, RegExp>>;
}

export type ModeratorDefinition = NumericModerator | CategoricalModerator;

/** The moderators the table may hold; a percent is of the cohort's patients (0–100). */
export const MODERATORS: Readonly<Record<string, ModeratorDefinition>> = {
  grade_low_pct: { kind: 'percent', label: 'Low-grade tumours (%)', concept: 'tumour grade' },
  grade_intermediate_pct: { kind: 'percent', label: 'Intermediate-grade tumours (%)', concept: 'tumour grade' },
  grade_high_pct: { kind: 'percent', label: 'High-grade tumours (%)', concept: 'tumour grade' },
  differentiation: {
    kind: 'categorical', label: 'Differentiation', concept: 'tumour grade',
    // WHO 2010: NET G1 and G2 (low and intermediate grade) are well differentiated, NEC G3 poorly
    levels: { well: /well-differentiated|low-\s*to-intermediate grade/i, poor: /poorly differentiated/i },
  },
  carcinoid_pct: { kind: 'percent', label: 'Carcinoid histology (%)', concept: 'tumour grade' },
  primary_pancreas_pct: { kind: 'percent', label: 'Pancreatic primary (%)', concept: 'primary site' },
  primary_small_bowel_pct: { kind: 'percent', label: 'Small-bowel primary (%)', concept: 'primary site' },
  primary_site: {
    kind: 'categorical', label: 'Primary site', concept: 'primary site',
    levels: { midgut: /midgut/i, pancreas: /pancreatic NETs|PNETs/ },
  },
  functional_status: {
    kind: 'categorical', label: 'Functional status', concept: 'functional status',
    levels: { functional: /symptoms refractory|symptomatic carcinoid syndrome/i, nonfunctional: /without evidence of carcinoid syndrome/i },
  },
  symptomatic_pct: { kind: 'percent', label: 'Symptomatic patients (%)', concept: 'functional status' },
  lesions_per_patient: { kind: 'number', label: 'Treated lesions per patient', concept: 'liver tumour burden' },
  rfa_combined_pct: { kind: 'percent', label: 'Resection combined with RFA (%)', concept: 'surgery' },
  r0_margin_pct: { kind: 'percent', label: 'R0 margin (%)', concept: 'surgery' },
  gross_complete_pct: { kind: 'percent', label: 'All gross disease excised (%)', concept: 'surgery' },
};

/** One validated row: a cohort's value of one moderator, with its provenance. */
export interface ModeratorRecord {
  /** spreadsheet row (header = 1) */
  readonly row: number;
  readonly cohort_id: string;
  readonly moderator: string;
  /** a number (percent, number moderators) or a level (categorical moderators) */
  readonly value: number | string;
  readonly seed: string;
  readonly seed_ref: string;
  readonly section: string;
  readonly quote: string;
  readonly note: string;
}

const MODERATOR_PATTERN = /^[a-z][a-z0-9_]{0,40}$/;

interface Validated {
  readonly record: ModeratorRecord | null;
  readonly problems: Problem[];
}

function validate(cells: Readonly<Record<string, string>>, row: number, decimalComma: boolean): Validated {
  const problems: Problem[] = [];
  const get = (c: string) => (cells[c] ?? '').trim();
  const cohort = get('cohort_id');
  if (cohort === '') problems.push(invalidCell(row, 'cohort_id', cohort, 'must not be empty'));
  const name = get('moderator');
  const def = MODERATOR_PATTERN.test(name) ? MODERATORS[name] : undefined;
  if (def === undefined) problems.push(invalidCell(row, 'moderator', name, `not one of ${Object.keys(MODERATORS).join(', ')}`));
  const raw = get('value');
  let value: number | string | null = null;
  if (def !== undefined) {
    if (def.kind === 'categorical') {
      if (Object.hasOwn(def.levels, raw)) value = raw;
      else problems.push(invalidCell(row, 'value', raw, `not a level of ${name} (${Object.keys(def.levels).join(', ')})`));
    } else {
      const x = parseNumber(raw, { decimalComma });
      if (x === null || (def.kind === 'percent' ? x < 0 || x > 100 : x < 0)) {
        problems.push(invalidCell(row, 'value', raw, def.kind === 'percent' ? 'must be a percent from 0 to 100' : 'must be a number ≥ 0'));
      } else value = x;
    }
  }
  const seed = get('seed');
  if (!(SEEDS as readonly string[]).includes(seed)) problems.push(invalidCell(row, 'seed', seed, `not one of ${SEEDS.join(', ')}`));
  if (get('quote') === '') problems.push(invalidCell(row, 'quote', '', 'must not be empty'));
  if (problems.length > 0 || value === null) return { record: null, problems };
  return {
    record: {
      row, cohort_id: cohort, moderator: name, value, seed, seed_ref: get('seed_ref'), section: get('section'),
      quote: get('quote'), note: get('note'),
    },
    problems,
  };
}

/**
 * Moderator-table CSV text → the valid records and every problem (missing columns, bad cells, a cohort's moderator
 * given twice). Header names match case-insensitively; extra columns are ignored; an invalid row is left out.
 */
export function readModerators(text: string): Parsed<ModeratorRecord> {
  const table = parseCsv(text);
  const problems: Problem[] = [...table.problems];
  if (table.header.length === 0) return { records: [], problems };
  const byLower = new Map(table.header.map((h) => [h.toLowerCase(), h]));
  const missing = MODERATOR_COLUMNS.filter((c) => !byLower.has(c));
  for (const c of missing) problems.push({ row: table.headerRow, column: c, message: `missing column: "${c}"` });
  if (missing.length > 0) return { records: [], problems };
  const decimalComma = table.delimiter === ';';
  const records: ModeratorRecord[] = [];
  const first = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const named: Record<string, string> = {};
    for (const c of MODERATOR_COLUMNS) named[c] = cells[byLower.get(c)!] ?? '';
    const result = validate(named, row, decimalComma);
    problems.push(...result.problems);
    if (!result.record) continue;
    const key = `${result.record.cohort_id}\u0000${result.record.moderator}`;
    const seen = first.get(key);
    if (seen !== undefined) {
      problems.push(invalidCell(row, 'moderator', result.record.moderator, `given twice for cohort ${result.record.cohort_id} (first in row ${seen})`));
      continue;
    }
    first.set(key, row);
    records.push(result.record);
  }
  problems.sort((a, b) => a.row - b.row);
  return { records, problems };
}

/** The label of a moderator name: the table's vocabulary, the study-table fields, or the name itself. */
export function moderatorLabel(name: string): string {
  const fields: Readonly<Record<string, string>> = { year: 'Year of publication', n: 'Patients (n)', design: 'Design' };
  return fields[name] ?? MODERATORS[name]?.label ?? name;
}
