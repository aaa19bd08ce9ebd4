/**
 * Provenance of the study table: every row's quote is verbatim in its seed, and every number of the row is printed
 * in its quote — as digits, as one of the documented numbers in words (src/data/wordNumbers.ts), as years when the
 * note says "converted from", or as a percentage of two printed counts when the note says "derived: A of B".
 * Reads the seeds from ../shared/seeds (beside the repository) and the table from public/studies.csv.
 * (NELM_PROVENANCE_TABLE=<path> checks another file in the same way, e.g. a staging extract.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { formatProblem } from '../../src/data/formatProblem.ts';
import { occurrencesOf } from '../../src/data/numbersInText.ts';
import { parseCsv, parseNumber } from '../../src/data/parseCsv.ts';
import { readStudies } from '../../src/data/readStudies.ts';
import { SEEDS } from '../../src/data/vocabulary.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const seedDir = path.resolve(repoRoot, '..', 'shared', 'seeds');
const tablePath = path.resolve(repoRoot, process.env.NELM_PROVENANCE_TABLE ?? path.join('public', 'studies.csv'));
const MIN_ROWS = 150;

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

const seeds = new Map<string, string>();
if (existsSync(seedDir)) {
  for (const f of readdirSync(seedDir).filter((f) => f.endsWith('.txt'))) {
    seeds.set(f, collapse(readFileSync(path.join(seedDir, f), 'utf8')));
  }
}
const text = existsSync(tablePath) ? readFileSync(tablePath, 'utf8') : '';
const table = parseCsv(text);
const decimalComma = table.delimiter === ';';

const isPrinted = (quote: string, x: number): boolean => occurrencesOf(quote, x, { words: true }).length > 0;
const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/**
 * "derived: A of B" in the note: the value is 100·A/B, rounded to one decimal, from two counts both printed in the quote
 * (docs/data-dictionary.md, "Counts → percent"). Null when the note says no such thing or a count is not printed.
 */
function derivedFrom(note: string, quote: string): number | null {
  const m = /derived:\s*(\d+)\s+of\s+(\d+)/i.exec(note);
  if (!m) return null;
  const [a, b] = [Number(m[1]), Number(m[2])];
  if (b === 0 || !isPrinted(quote, a) || !isPrinted(quote, b)) return null;
  return Math.round(1000 * a / b) / 10;
}

/** What is wrong with one row's provenance: an empty list when the row is fine. */
function provenanceFailures(cells: Readonly<Record<string, string>>): string[] {
  const failures: string[] = [];
  const seed = (cells.seed ?? '').trim();
  const quote = collapse(cells.quote ?? '');
  const seedText = seeds.get(seed);
  if (!seedText) failures.push(`seed ${JSON.stringify(seed)} is not a file in ${seedDir}`);
  else if (quote === '' || !seedText.includes(quote)) failures.push(`quote is not verbatim in ${seed}: ${JSON.stringify(quote)}`);
  const converted = /converted from/i.test(cells.note ?? '');
  const derived = derivedFrom(cells.note ?? '', quote);
  for (const column of ['value', 'low', 'high']) {
    const cell = (cells[column] ?? '').trim();
    if (cell === '') continue;
    const x = parseNumber(cell, { decimalComma });
    if (x === null) {
      failures.push(`${column} ${JSON.stringify(cell)} is not a number`);
      continue;
    }
    const printed = isPrinted(quote, x)
      || (converted && isPrinted(quote, x / 12))
      || (derived !== null && close(x, derived));
    if (!printed) {
      const also = converted ? ` (nor ${column} / 12 = ${x / 12}, years)` : '';
      failures.push(`${column} ${cell} is not printed in the quote${also}`);
    }
  }
  return failures;
}

describe(`the study table ${path.relative(repoRoot, tablePath)}`, () => {
  test('the seed folder ../shared/seeds exists and holds every seed in SEEDS', () => {
    expect(existsSync(seedDir), `seed folder missing: ${seedDir} (the seeds must sit in ../shared/seeds beside the repository)`).toBe(true);
    expect([...seeds.keys()].sort()).toEqual(expect.arrayContaining([...SEEDS]));
  });

  test(`has at least ${MIN_ROWS} rows`, () => {
    expect(existsSync(tablePath), `table missing: ${tablePath}`).toBe(true);
    expect(table.rows.length).toBeGreaterThanOrEqual(MIN_ROWS);
  });

  test('validates with zero problems', () => {
    const { problems } = readStudies(text);
    expect(problems.map(formatProblem)).toEqual([]);
  });

  const rows = table.rows.map(({ row, cells }) => ({ row, row_id: cells.row_id || `(no row_id, row ${row})`, cells }));
  if (rows.length > 0) {
    test.each(rows)('row $row_id (spreadsheet row $row): quote verbatim in its seed, numbers printed in the quote', ({ cells }) => {
      expect(provenanceFailures(cells)).toEqual([]);
    });
  }
});
