/**
 * Provenance of the disagreement table (public/disagreements.csv), as test/data/provenance.test.ts does for the study
 * table: it validates against public/studies.csv with zero problems; every quote of its own is verbatim in its seed
 * (whitespace collapsed); every number in what a side says is printed in that side's quotes (its rows' quotes and its
 * own quote) or is one of its rows' n or citation numbers; and every disagreement named in docs/extraction.md's
 * cross-seed table is here.
 * Reads the seeds from ../shared/seeds (beside the repository).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { formatProblem } from '../../src/data/formatProblem.ts';
import { numbersInText, occurrencesOf } from '../../src/data/numbersInText.ts';
import { readDisagreements, type Disagreement } from '../../src/data/readDisagreements.ts';
import { citationNumbers } from '../../src/data/readReferences.ts';
import { readStudies } from '../../src/data/readStudies.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const seedDir = path.resolve(repoRoot, '..', 'shared', 'seeds');
const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();
const seeds = new Map<string, string>();
if (existsSync(seedDir)) {
  for (const f of readdirSync(seedDir).filter((f) => f.endsWith('.txt'))) seeds.set(f, collapse(readFileSync(path.join(seedDir, f), 'utf8')));
}
const studies = readStudies(readFileSync(path.join(repoRoot, 'public', 'studies.csv'), 'utf8'));
const byId = new Map(studies.records.map((r) => [r.row_id, r]));
const parsed = readDisagreements(readFileSync(path.join(repoRoot, 'public', 'disagreements.csv'), 'utf8'), studies.records);

/** What is wrong with one side: a quote not in its seed, a number said but not printed in the side's quotes. */
function sideFailures(d: Disagreement, side: 'a' | 'b'): string[] {
  const s = d[side];
  const failures: string[] = [];
  if (s.quote !== '') {
    const seed = seeds.get(s.seed);
    if (!seed) failures.push(`seed_${side} ${s.seed} is not a file in ${seedDir}`);
    else if (!seed.includes(collapse(s.quote))) failures.push(`quote_${side} is not verbatim in ${s.seed}: ${JSON.stringify(s.quote)}`);
  }
  const rows = s.rowIds.map((id) => byId.get(id)).filter((r) => r !== undefined);
  const quotes = [...rows.map((r) => r.quote), s.quote].join(' | ');
  const ofRows = new Set(rows.flatMap((r) => [...citationNumbers(r.seed_ref), ...(r.n === null ? [] : [r.n])]));
  for (const n of numbersInText(s.says)) {
    if (occurrencesOf(quotes, n.value, { words: true }).length === 0 && !ofRows.has(n.value)) {
      failures.push(`says_${side} has ${n.text}: not printed in the side's quotes, nor a row's n or citation number`);
    }
  }
  return failures;
}

describe('the disagreement table public/disagreements.csv', () => {
  test('validates against the study table with zero problems', () => {
    expect(parsed.problems.map(formatProblem)).toEqual([]);
    expect(parsed.records.length).toBeGreaterThanOrEqual(20);
  });

  test('holds the 13 cross-seed disagreements of docs/extraction.md (x01–x13) and each study-table note that says "disagree"', () => {
    const ids = parsed.records.filter((d) => d.scope === 'cross_review').map((d) => d.id);
    expect(ids).toEqual(Array.from({ length: 13 }, (_, i) => `x${String(i + 1).padStart(2, '0')}`));
    const named = new Set(parsed.records.flatMap((d) => [...d.a.rowIds, ...d.b.rowIds]));
    const noted = studies.records.filter((r) => /disagree/i.test(r.note)).map((r) => r.row_id);
    expect(noted.filter((id) => !named.has(id))).toEqual([]);
  });

  test.each(parsed.records.map((d) => ({ id: d.id, d })))('$id: quotes verbatim in their seeds, numbers said are printed', ({ d }) => {
    expect([...sideFailures(d, 'a'), ...sideFailures(d, 'b')]).toEqual([]);
  });
});
