import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { citationText } from '../../src/app/citation.ts';
import { readStudies } from '../../src/data/readStudies.ts';

const records = readStudies(readFileSync('public/studies.csv', 'utf8')).records;
const row = (id: string) => records.find((r) => r.row_id === id)!;

describe('citationText(record)', () => {
  test('a seed-001 row: study, its reference as printed in seed 001 (ref 12), seed file, section, row, quote', () => {
    expect(citationText(row('s001-0100')).split('\n')).toEqual([
      'Raymond 2011 — sunitinib, Median progression-free survival, 11.4 mo',
      'Reference (seed 001, reference 12): Raymond E, Dahan L, Raoul JL, et al. Sunitinib malate for the treatment of pancreatic neuroendocrine tumors. *N Engl J Med* 2011;364:501–513.',
      'Source: 001_9c5965bc9c202e25.txt, section Targeted therapies, row s001-0100',
      'Quote: “the median PFS was 11.4 months in the sunitinib group compared with 5.5 months in the placebo group”',
    ]);
  });

  test('a seed-000 row of a linked cohort takes seed 001\'s reference and says so; an unlinked one names its citation', () => {
    const text = citationText(row('s000-0099'));
    expect(text).toContain('Reference (seed 001, reference 12, the same cohort (seed 000 prints no reference list)): Raymond E');
    const unlinked = citationText(row('s000-0001'));
    expect(unlinked).toContain('Reference: citation [1–3] of seed 000 (it prints no reference list)');
    expect(unlinked).toContain('Quote: “The 5-year survival of patients with NLMs on supportive care is 0%–20%”');
  });

  test('a row a user added from outside the two reviews cites the source in its seed_ref, not a seed', () => {
    const added = { ...row('s001-0100'), row_id: 'added-1', seed: 'other', seed_ref: 'doi:10.1000/example.2024' };
    expect(citationText(added).split('\n')).toEqual([
      'Raymond 2011 — sunitinib, Median progression-free survival, 11.4 mo',
      'Reference (added by you; not from the two reviews): doi:10.1000/example.2024',
      'Row added-1',
      'Quote: “the median PFS was 11.4 months in the sunitinib group compared with 5.5 months in the placebo group”',
    ]);
  });
});
