/**
 * The moderator table public/moderators.csv: it reads with zero problems; every quote is verbatim in its seed; every
 * number is printed in its quote (or is "derived: A of B" = 100·A/B or "derived: A per B" = A/B, rounded to one
 * decimal, with A and B printed in the quote); every categorical value is attested by its level's words in the
 * quote; every cohort_id is a cohort of public/studies.csv. And readModerators on bad input, by hand.
 * Reads the seeds from ../shared/seeds (beside the repository), as test/data/provenance.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { formatProblem } from '../../src/data/formatProblem.ts';
import { occurrencesOf } from '../../src/data/numbersInText.ts';
import { MODERATORS, readModerators, type ModeratorRecord } from '../../src/data/readModerators.ts';
import { readStudies } from '../../src/data/readStudies.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const seedDir = path.resolve(repoRoot, '..', 'shared', 'seeds');
const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();
const seeds = new Map<string, string>();
if (existsSync(seedDir)) {
  for (const f of readdirSync(seedDir).filter((f) => f.endsWith('.txt'))) seeds.set(f, collapse(readFileSync(path.join(seedDir, f), 'utf8')));
}
const text = readFileSync(path.join(repoRoot, 'public', 'moderators.csv'), 'utf8');
const parsed = readModerators(text);
const cohorts = new Set(readStudies(readFileSync(path.join(repoRoot, 'public', 'studies.csv'), 'utf8')).records.map((r) => r.cohort_id));
const isPrinted = (quote: string, x: number): boolean => occurrencesOf(quote, x, { words: true }).length > 0;

/** "derived: A of B" (percent) or "derived: A per B" (ratio), both counts printed in the quote; null otherwise. */
function derived(note: string, quote: string): number | null {
  const m = /derived:\s*(\d+)\s+(of|per)\s+(\d+)/i.exec(note);
  if (!m) return null;
  const [a, b] = [Number(m[1]), Number(m[3])];
  if (b === 0 || !isPrinted(quote, a) || !isPrinted(quote, b)) return null;
  return Math.round(10 * (m[2].toLowerCase() === 'of' ? 100 : 1) * a / b) / 10;
}

function failures(m: ModeratorRecord): string[] {
  const out: string[] = [];
  const quote = collapse(m.quote);
  const seed = seeds.get(m.seed);
  if (seed === undefined) out.push(`seed ${m.seed} is not in ${seedDir}`);
  else if (!seed.includes(quote)) out.push(`quote is not verbatim in ${m.seed}: ${JSON.stringify(quote)}`);
  if (!cohorts.has(m.cohort_id)) out.push(`cohort ${m.cohort_id} is not a cohort of the study table`);
  const def = MODERATORS[m.moderator];
  if (def.kind === 'categorical') {
    if (!def.levels[String(m.value)].test(quote)) out.push(`level ${m.value} is not attested by the quote`);
  } else {
    const x = m.value as number;
    const d = derived(m.note, quote);
    if (!isPrinted(quote, x) && !(d !== null && Math.abs(d - x) < 1e-9)) out.push(`value ${x} is neither printed in the quote nor derived`);
  }
  return out;
}

describe('public/moderators.csv', () => {
  test('reads with zero problems and holds the four groups the issue asks for', () => {
    expect(parsed.problems.map(formatProblem)).toEqual([]);
    expect(parsed.records.length).toBeGreaterThanOrEqual(25);
    const concepts = new Set(parsed.records.map((r) => MODERATORS[r.moderator].concept));
    for (const c of ['tumour grade', 'primary site', 'functional status', 'liver tumour burden'] as const) expect(concepts).toContain(c);
  });

  test.each(parsed.records.map((r) => ({ ...r, id: `${r.cohort_id} ${r.moderator}` })))(
    '$id (row $row): quote verbatim in its seed, value printed or derived, cohort in the study table',
    (m) => expect(failures(m)).toEqual([]),
  );

  test('the check can fail: a value not in its quote, an unattested level, a quote not in the seed', () => {
    const mayo = parsed.records.find((r) => r.cohort_id === 'mayo_2010' && r.moderator === 'carcinoid_pct')!;
    expect(failures({ ...mayo, value: 54 })).toEqual(['value 54 is neither printed in the quote nor derived']);
    const rinke = parsed.records.find((r) => r.cohort_id === 'rinke_2009' && r.moderator === 'functional_status')!;
    expect(failures({ ...rinke, value: 'functional' })).toEqual(['level functional is not attested by the quote']);
    expect(failures({ ...mayo, quote: 'carcinoid was the most common subtype (53%)' })[0]).toMatch(/^quote is not verbatim/);
  });
});

describe('readModerators(text)', () => {
  const head = 'cohort_id,moderator,value,seed,seed_ref,section,quote,note\n';
  const seed = '001_9c5965bc9c202e25.txt';

  test('reads a valid row: numbers as numbers, levels as text', () => {
    const { records, problems } = readModerators(`${head}a,carcinoid_pct,53,${seed},7,S,q,\nb,primary_site,pancreas,${seed},12,S,q,\n`);
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.row, r.cohort_id, r.moderator, r.value])).toEqual([[2, 'a', 'carcinoid_pct', 53], [3, 'b', 'primary_site', 'pancreas']]);
  });

  test('names the row and column of each problem; a missing column; a cohort\'s moderator twice', () => {
    const bad = readModerators(`${head},carcinoid_pct,53,${seed},7,S,q,\na,tumour_size,3,${seed},7,S,q,\na,carcinoid_pct,120,${seed},7,S,q,\n`
      + `a,primary_site,colon,${seed},7,S,q,\na,carcinoid_pct,53,000.txt,7,S,q,\na,carcinoid_pct,53,${seed},7,S,,\n`
      + `a,carcinoid_pct,53,${seed},7,S,q,\na,carcinoid_pct,50,${seed},7,S,q,\n`);
    expect(bad.problems.map(formatProblem)).toEqual([
      'row 2, column cohort_id: invalid cohort_id: "" (must not be empty)',
      expect.stringMatching(/^row 3, column moderator: invalid moderator: "tumour_size" \(not one of grade_low_pct, /),
      'row 4, column value: invalid value: "120" (must be a percent from 0 to 100)',
      'row 5, column value: invalid value: "colon" (not a level of primary_site (midgut, pancreas))',
      expect.stringMatching(/^row 6, column seed: invalid seed: "000.txt"/),
      'row 7, column quote: invalid quote: "" (must not be empty)',
      'row 9, column moderator: invalid moderator: "carcinoid_pct" (given twice for cohort a (first in row 8))',
    ]);
    expect(bad.records).toHaveLength(1);
    expect(readModerators('cohort_id,moderator,value\n').problems.map(formatProblem)).toEqual([
      'row 1, column seed: missing column: "seed"', 'row 1, column seed_ref: missing column: "seed_ref"',
      'row 1, column section: missing column: "section"', 'row 1, column quote: missing column: "quote"',
      'row 1, column note: missing column: "note"',
    ]);
  });
});
