/**
 * "Copy citation" for a study-table row: the study, the reference as printed in seed 001's reference list
 * (public/references.csv, bundled with the page; a seed-000 row through the cohort it shares with seed 001), the
 * seed file, section, row id and the verbatim quote, as plain text for the clipboard.
 */
import referencesCsv from '../../public/references.csv?raw';
import { readReferences, referencesOf, type Reference } from '../data/readReferences.ts';
import type { StudyRecord } from '../data/types.ts';
import { OTHER_SOURCE, OUTCOME_LABELS } from '../data/vocabulary.ts';
import { statedText } from './recordText.ts';

let bundled: readonly Reference[] | null = null;

/** Seed 001's reference list, read once. */
export function bundledReferences(): readonly Reference[] {
  bundled ??= readReferences(referencesCsv).records;
  return bundled;
}

const seedName = (seed: string): string => `seed ${seed.slice(0, 3)}`;

/** The citation of one row, several lines of plain text. */
export function citationText(r: StudyRecord, references: readonly Reference[] = bundledReferences()): string {
  const what = [r.arm, OUTCOME_LABELS[r.outcome], statedText(r)].filter((s) => s !== '').join(', ');
  const lines = [`${r.study}${what ? ` — ${what}` : ''}`];
  if (r.seed === OTHER_SOURCE) {
    return [...lines, `Reference (added by you; not from the two reviews): ${r.seed_ref}`, `Row ${r.row_id}`, `Quote: “${r.quote}”`].join('\n');
  }
  const found = referencesOf(r, references);
  for (const ref of found.references) {
    const where = found.via === 'citation'
      ? `${seedName(ref.seed)}, reference ${ref.ref}`
      : `${seedName(ref.seed)}, reference ${ref.ref}, the same cohort (${seedName(r.seed)} prints no reference list)`;
    lines.push(`Reference (${where}): ${ref.reference}`);
  }
  if (found.via === 'none' && r.seed_ref) {
    const list = references.some((x) => x.seed === r.seed);
    lines.push(`Reference: citation [${r.seed_ref}] of ${seedName(r.seed)}${list ? '' : ' (it prints no reference list)'}`);
  }
  lines.push(`Source: ${r.seed}, section ${r.section || '–'}, row ${r.row_id}`);
  lines.push(`Quote: “${r.quote}”`);
  return lines.join('\n');
}
