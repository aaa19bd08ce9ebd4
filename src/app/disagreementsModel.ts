/**
 * The disagreements view's model: public/disagreements.csv (bundled with the page) resolved against the study table
 * in use — each side's rows with their quote, seed, section and value — plus the lookup by row id that the data view
 * and the forest tooltip link from. A row the table in use lacks (an uploaded file) is listed as missing, never
 * invented.
 */
import disagreementsCsv from '../../public/disagreements.csv?raw';
import {
  NATURE_LABELS, SCOPE_LABELS, disagreementsByRow, readDisagreements, type Disagreement, type DisagreementSide,
} from '../data/readDisagreements.ts';
import type { Problem, StudyRecord } from '../data/types.ts';
import { MODALITY_LABELS, OUTCOME_LABELS } from '../data/vocabulary.ts';
import { statedText } from './recordText.ts';

/** One study-table row as a side shows it. */
export interface SideRow {
  readonly row_id: string;
  readonly study: string;
  /** "Sunitinib, sunitinib arm, Median PFS" */
  readonly what: string;
  /** "11.1 mo" */
  readonly stated: string;
  readonly quote: string;
  readonly section: string;
  readonly seed_ref: string;
}

export interface SideView {
  /** "Seed 000" (cross-review) or "Seed 001 · Figure 1" (within-review: the sections tell the sides apart) */
  readonly source: string;
  readonly seed: string;
  readonly says: string;
  readonly rows: readonly SideRow[];
  /** the side's own quote and its section, when it has one */
  readonly quote: string;
  readonly section: string;
  /** row ids the table in use does not have */
  readonly missing: readonly string[];
}

export interface DisagreementView {
  readonly id: string;
  readonly topic: string;
  readonly scope: Disagreement['scope'];
  readonly scopeLabel: string;
  readonly nature: Disagreement['nature'];
  readonly natureLabel: string;
  /** cohort id and its study label ('' for review-level statements or two cohorts) */
  readonly cohort: string;
  readonly cohortLabel: string;
  readonly a: SideView;
  readonly b: SideView;
  readonly description: string;
}

export interface DisagreementsModel {
  readonly items: readonly DisagreementView[];
  /** problems of the bundled file (none: test/data/disagreementsProvenance.test.ts) */
  readonly problems: readonly Problem[];
  /** row ids named by some disagreement but absent from the table in use */
  readonly missingRows: number;
}

let parsed: ReturnType<typeof readDisagreements> | null = null;

/** The bundled disagreements, read once (checked against the bundled table by the tests, not at run time). */
export function bundledDisagreements(): ReturnType<typeof readDisagreements> {
  parsed ??= readDisagreements(disagreementsCsv);
  return parsed;
}

let byRow: ReadonlyMap<string, readonly Disagreement[]> | null = null;

/** Ids of the disagreements that name a study-table row ([] for none). */
export function disagreementIdsOf(rowId: string): readonly string[] {
  byRow ??= disagreementsByRow(bundledDisagreements().records);
  return (byRow.get(rowId) ?? []).map((d) => d.id);
}

const seedLabel = (seed: string): string => `Seed ${seed.slice(0, 3)}`;

function sideView(s: DisagreementSide, scope: Disagreement['scope'], byId: ReadonlyMap<string, StudyRecord>): SideView {
  const found = s.rowIds.map((id) => byId.get(id)).filter((r) => r !== undefined);
  const rows: SideRow[] = found.map((r) => ({
    row_id: r.row_id,
    study: r.study,
    what: [MODALITY_LABELS[r.modality], r.arm, OUTCOME_LABELS[r.outcome]].filter((x) => x !== '').join(', '),
    stated: statedText(r),
    quote: r.quote,
    section: r.section,
    seed_ref: r.seed_ref,
  }));
  const seed = s.quote !== '' ? s.seed : found[0]?.seed ?? '';
  const sections = [...new Set([...rows.map((r) => r.section), ...(s.quote !== '' ? [s.section] : [])])];
  const source = scope === 'within_review' && sections.length > 0 ? `${seedLabel(seed)} · ${sections.join('; ')}` : seedLabel(seed);
  return {
    source, seed, says: s.says, rows, quote: s.quote, section: s.section,
    missing: s.rowIds.filter((id) => !byId.has(id)),
  };
}

/** Every disagreement, cross-review first then within-review, in file order, resolved against `records`. */
export function disagreementsModel(records: readonly StudyRecord[]): DisagreementsModel {
  const { records: list, problems } = bundledDisagreements();
  const byId = new Map(records.map((r) => [r.row_id, r]));
  const studyOf = new Map(records.map((r) => [r.cohort_id, r.study]));
  const items = [...list]
    .sort((x, y) => (x.scope === y.scope ? x.row - y.row : x.scope === 'cross_review' ? -1 : 1))
    .map((d): DisagreementView => ({
      id: d.id,
      topic: d.topic,
      scope: d.scope,
      scopeLabel: SCOPE_LABELS[d.scope],
      nature: d.nature,
      natureLabel: NATURE_LABELS[d.nature],
      cohort: d.cohort_id,
      cohortLabel: d.cohort_id === '' ? '' : studyOf.get(d.cohort_id) ?? d.cohort_id,
      a: sideView(d.a, d.scope, byId),
      b: sideView(d.b, d.scope, byId),
      description: d.description,
    }));
  const missingRows = new Set(items.flatMap((d) => [...d.a.missing, ...d.b.missing])).size;
  return { items, problems, missingRows };
}
