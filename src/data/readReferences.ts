/**
 * The reference list of seed 001 (`public/references.csv`), as printed: one row per numbered reference (`seed`, `ref`,
 * `cohort_id` when the reference is a cohort of the study table, `reference` verbatim). Seed 000 prints numbered
 * citations but no list, so its rows find their reference through the cohort they share with seed 001.
 * test/data/references.test.ts proves every reference is verbatim in its seed and numbered as printed.
 */
import { invalidCell } from './invalidCell.ts';
import { parseCsv } from './parseCsv.ts';
import type { Parsed, Problem, StudyRecord } from './types.ts';
import { SEEDS } from './vocabulary.ts';

export const REFERENCE_COLUMNS = ['seed', 'ref', 'cohort_id', 'reference'] as const;

export interface Reference {
  readonly row: number;
  readonly seed: string;
  readonly ref: number;
  readonly cohort_id: string;
  readonly reference: string;
}

/** Reference-list CSV text → the valid references and every problem (bad seed or number, a number given twice). */
export function readReferences(text: string): Parsed<Reference> {
  const table = parseCsv(text);
  const problems: Problem[] = [...table.problems];
  if (table.header.length === 0) return { records: [], problems };
  const byLower = new Map(table.header.map((h) => [h.toLowerCase(), h]));
  const missing = REFERENCE_COLUMNS.filter((c) => !byLower.has(c));
  for (const c of missing) problems.push({ row: table.headerRow, column: c, message: `missing column: "${c}"` });
  if (missing.length > 0) return { records: [], problems };
  const records: Reference[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const get = (c: string): string => (cells[byLower.get(c) ?? c] ?? '').trim();
    const seed = get('seed');
    const refText = get('ref');
    const reference = get('reference');
    const before = problems.length;
    if (!(SEEDS as readonly string[]).includes(seed)) problems.push(invalidCell(row, 'seed', seed, `not one of ${SEEDS.join(', ')}`));
    if (!/^[1-9]\d{0,3}$/.test(refText)) problems.push(invalidCell(row, 'ref', refText, 'must be a citation number'));
    if (reference === '') problems.push(invalidCell(row, 'reference', reference, 'must not be empty'));
    const key = `${seed}\u0000${refText}`;
    if (problems.length === before && seen.has(key)) problems.push(invalidCell(row, 'ref', refText, `duplicate of row ${seen.get(key)}`));
    if (problems.length > before) continue;
    seen.set(key, row);
    records.push({ row, seed, ref: Number(refText), cohort_id: get('cohort_id'), reference });
  }
  return { records, problems };
}

/** Citation numbers of a `seed_ref` cell: "7" → [7], "6–11" → [6…11], "2,3,24" → [2, 3, 24]; at most 50. */
export function citationNumbers(seedRef: string): number[] {
  const out: number[] = [];
  for (const part of seedRef.split(/[,;]/).map((s) => s.trim()).filter((s) => s !== '')) {
    const range = /^(\d+)\s*[–-]\s*(\d+)$/.exec(part);
    if (range) {
      const [lo, hi] = [Number(range[1]), Number(range[2])];
      for (let i = lo; i <= hi && out.length < 50; i++) out.push(i);
    } else if (/^\d+$/.test(part)) out.push(Number(part));
  }
  return out.slice(0, 50);
}

/** How a row's reference was found: by its own citation numbers, or through its cohort (seed 000 has no list). */
export interface RowReferences {
  readonly references: readonly Reference[];
  readonly via: 'citation' | 'cohort' | 'none';
}

/** The printed references of a study-table row: its seed's list by `seed_ref`, else the reference of its cohort. */
export function referencesOf(record: StudyRecord, references: readonly Reference[]): RowReferences {
  const numbers = new Set(citationNumbers(record.seed_ref));
  const own = references.filter((r) => r.seed === record.seed && numbers.has(r.ref));
  if (own.length > 0) return { references: own, via: 'citation' };
  const byCohort = references.filter((r) => r.cohort_id !== '' && r.cohort_id === record.cohort_id);
  return byCohort.length > 0 ? { references: byCohort, via: 'cohort' } : { references: [], via: 'none' };
}
