/**
 * The disagreement table (`public/disagreements.csv`): every place where the two reviews (cross-review) or one review
 * with itself (within-review) state the same thing differently — one row per disagreement, two sides a and b. A side
 * names study-table rows by `row_id` (their quotes and provenance come from the table) and/or carries a verbatim
 * quote of its own with seed and section (for a side the table has no row for, or a phrase the rows' quotes lack).
 * Columns, vocabularies and rules: docs/data-dictionary.md ("The disagreement table").
 */
import { invalidCell } from './invalidCell.ts';
import { parseCsv } from './parseCsv.ts';
import type { Parsed, Problem, StudyRecord } from './types.ts';
import { SEEDS } from './vocabulary.ts';

export const DISAGREEMENT_COLUMNS = [
  'disagreement_id', 'scope', 'nature', 'cohort_id', 'topic',
  'rows_a', 'says_a', 'seed_a', 'section_a', 'quote_a',
  'rows_b', 'says_b', 'seed_b', 'section_b', 'quote_b',
  'description',
] as const;

export const DISAGREEMENT_SCOPES = ['cross_review', 'within_review'] as const;
export type DisagreementScope = (typeof DISAGREEMENT_SCOPES)[number];

/** What differs between the two sides. */
export const DISAGREEMENT_NATURES = [
  'value', 'year', 'mean_vs_median', 'what_measured', 'time_point', 'text_vs_legend', 'text_vs_table', 'attribution',
  'status',
] as const;
export type DisagreementNature = (typeof DISAGREEMENT_NATURES)[number];

export const NATURE_LABELS: Readonly<Record<DisagreementNature, string>> = {
  value: 'different value',
  year: 'different year',
  mean_vs_median: 'mean vs median',
  what_measured: 'what the number measures',
  time_point: 'different time point',
  text_vs_legend: 'text vs figure legend',
  text_vs_table: 'text vs table',
  attribution: 'which study a citation is',
  status: 'result vs still under investigation',
};

export const SCOPE_LABELS: Readonly<Record<DisagreementScope, string>> = {
  cross_review: 'between the two reviews',
  within_review: 'within one review',
};

/** One side of a disagreement. */
export interface DisagreementSide {
  /** study-table rows this side stands on (may be empty when `quote` is given) */
  readonly rowIds: readonly string[];
  /** what this side says, in a few words */
  readonly says: string;
  /** a verbatim phrase of `seed` for this side ('' when the rows' quotes say it all); seed and section go with it */
  readonly quote: string;
  readonly seed: string;
  readonly section: string;
}

export interface Disagreement {
  /** spreadsheet row (header = 1) */
  readonly row: number;
  readonly id: string;
  readonly scope: DisagreementScope;
  readonly nature: DisagreementNature;
  /** the cohort both sides describe; '' when they are different cohorts or review-level statements */
  readonly cohort_id: string;
  readonly topic: string;
  readonly a: DisagreementSide;
  readonly b: DisagreementSide;
  readonly description: string;
}

const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,40}$/;

const isOneOf = <T extends string>(values: readonly T[], x: string): x is T =>
  (values as readonly string[]).includes(x);

/** "s000-0001 s000-0002" (spaces, commas or semicolons between) → ids; '' → []. */
function idList(cell: string): string[] {
  return cell.split(/[\s,;]+/).filter((s) => s !== '');
}

function readSide(get: (c: string) => string, side: 'a' | 'b', row: number, problems: Problem[]): DisagreementSide {
  const rowIds = idList(get(`rows_${side}`));
  const says = get(`says_${side}`);
  const quote = get(`quote_${side}`);
  const seed = get(`seed_${side}`);
  const section = get(`section_${side}`);
  if (says === '') problems.push(invalidCell(row, `says_${side}`, says, 'must not be empty'));
  if (rowIds.length === 0 && quote === '') {
    problems.push(invalidCell(row, `rows_${side}`, '', `name study-table rows or give quote_${side}`));
  }
  if (quote !== '') {
    if (!isOneOf(SEEDS, seed)) problems.push(invalidCell(row, `seed_${side}`, seed, `not one of ${SEEDS.join(', ')}`));
    if (section === '') problems.push(invalidCell(row, `section_${side}`, section, `must not be empty when quote_${side} is given`));
  } else {
    if (seed !== '') problems.push(invalidCell(row, `seed_${side}`, seed, `only with quote_${side}`));
    if (section !== '') problems.push(invalidCell(row, `section_${side}`, section, `only with quote_${side}`));
  }
  return { rowIds, says, quote, seed, section };
}

/** Problems of a disagreement against the study table: unknown rows or cohort, sides from the wrong seeds. */
function checkAgainst(
  d: Disagreement, byId: ReadonlyMap<string, StudyRecord>, cohorts: ReadonlySet<string>,
): Problem[] {
  const problems: Problem[] = [];
  const seedsOf = (side: 'a' | 'b'): Set<string> => {
    const s = d[side];
    const seeds = new Set<string>();
    for (const id of s.rowIds) {
      const r = byId.get(id);
      if (r === undefined) problems.push(invalidCell(d.row, `rows_${side}`, id, 'not a row_id of the study table'));
      else seeds.add(r.seed);
    }
    if (s.quote !== '') seeds.add(s.seed);
    if (seeds.size > 1) {
      const found = [...seeds].sort().join(', ');
      problems.push(invalidCell(d.row, `rows_${side}`, s.rowIds.join(' '), `one side comes from one seed (found ${found})`));
    }
    return seeds;
  };
  const [a, b] = [seedsOf('a'), seedsOf('b')];
  if (a.size === 1 && b.size === 1) {
    const same = [...a][0] === [...b][0];
    if (d.scope === 'cross_review' && same) problems.push(invalidCell(d.row, 'scope', d.scope, 'both sides come from the same seed'));
    if (d.scope === 'within_review' && !same) problems.push(invalidCell(d.row, 'scope', d.scope, 'the sides come from different seeds'));
  }
  if (d.cohort_id !== '') {
    const ids = [...d.a.rowIds, ...d.b.rowIds];
    if (!cohorts.has(d.cohort_id)) problems.push(invalidCell(d.row, 'cohort_id', d.cohort_id, 'not a cohort_id of the study table'));
    else if (ids.length > 0 && !ids.some((id) => byId.get(id)?.cohort_id === d.cohort_id)) {
      problems.push(invalidCell(d.row, 'cohort_id', d.cohort_id, 'none of the rows named is of this cohort'));
    }
  }
  return problems;
}

/**
 * Disagreement-table CSV text → the valid disagreements and every problem (missing columns, bad cells, a duplicate
 * id). Given the study table's records, each disagreement is also checked against it: every row id exists, the
 * cohort exists and one of the rows is of it, each side comes from one seed, and the sides come from different seeds
 * (cross_review) or the same seed (within_review). Header names match case-insensitively; an invalid row is left out.
 */
export function readDisagreements(text: string, records?: readonly StudyRecord[]): Parsed<Disagreement> {
  const table = parseCsv(text);
  const problems: Problem[] = [...table.problems];
  if (table.header.length === 0) return { records: [], problems };
  const byLower = new Map(table.header.map((h) => [h.toLowerCase(), h]));
  const missing = DISAGREEMENT_COLUMNS.filter((c) => !byLower.has(c));
  for (const c of missing) problems.push({ row: table.headerRow, column: c, message: `missing column: "${c}"` });
  if (missing.length > 0) return { records: [], problems };

  const byId = new Map((records ?? []).map((r) => [r.row_id, r]));
  const cohorts = new Set((records ?? []).map((r) => r.cohort_id));
  const out: Disagreement[] = [];
  const first = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const get = (c: string): string => (cells[byLower.get(c) ?? c] ?? '').trim();
    const rowProblems: Problem[] = [];
    const id = get('disagreement_id');
    if (!ID_PATTERN.test(id)) rowProblems.push(invalidCell(row, 'disagreement_id', id, 'lowercase letters, digits, - and _, at most 41'));
    else if (first.has(id)) rowProblems.push(invalidCell(row, 'disagreement_id', id, `duplicate of row ${first.get(id)}`));
    const scope = get('scope');
    if (!isOneOf(DISAGREEMENT_SCOPES, scope)) rowProblems.push(invalidCell(row, 'scope', scope, `not one of ${DISAGREEMENT_SCOPES.join(', ')}`));
    const nature = get('nature');
    if (!isOneOf(DISAGREEMENT_NATURES, nature)) rowProblems.push(invalidCell(row, 'nature', nature, `not one of ${DISAGREEMENT_NATURES.join(', ')}`));
    const topic = get('topic');
    if (topic === '') rowProblems.push(invalidCell(row, 'topic', topic, 'must not be empty'));
    const a = readSide(get, 'a', row, rowProblems);
    const b = readSide(get, 'b', row, rowProblems);
    if (rowProblems.length > 0 || !isOneOf(DISAGREEMENT_SCOPES, scope) || !isOneOf(DISAGREEMENT_NATURES, nature)) {
      problems.push(...rowProblems);
      continue;
    }
    const d: Disagreement = { row, id, scope, nature, cohort_id: get('cohort_id'), topic, a, b, description: get('description') };
    if (records !== undefined) {
      const against = checkAgainst(d, byId, cohorts);
      if (against.length > 0) {
        problems.push(...against);
        continue;
      }
    }
    first.set(id, row);
    out.push(d);
  }
  problems.sort((x, y) => x.row - y.row);
  return { records: out, problems };
}

/** The disagreements that name a study-table row, by row id (for links from the data rows and the forest tooltip). */
export function disagreementsByRow(
  disagreements: readonly Disagreement[],
): ReadonlyMap<string, readonly Disagreement[]> {
  const map = new Map<string, Disagreement[]>();
  for (const d of disagreements) {
    for (const id of new Set([...d.a.rowIds, ...d.b.rowIds])) {
      const list = map.get(id) ?? [];
      list.push(d);
      map.set(id, list);
    }
  }
  return map;
}
