/**
 * public/references.csv is seed 001's reference list as printed: each reference verbatim in the seed (whitespace
 * collapsed; a reference broken across a blank line and a stray "- " in the seed file is read joined), in the order
 * of its number, with refs 33–78 numbered as printed; each cohort_id is a cohort of the study table whose seed-001
 * rows cite that number.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { citationNumbers, readReferences, referencesOf } from '../../src/data/readReferences.ts';
import { readStudies } from '../../src/data/readStudies.ts';
import { studyRecord } from './studyCsv.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const seedPath = path.resolve(repoRoot, '..', 'shared', 'seeds', '001_9c5965bc9c202e25.txt');
const seed = existsSync(seedPath)
  ? readFileSync(seedPath, 'utf8').replace(/\n\s*\n- /g, ' ').replace(/\s+/g, ' ')
  : '';
const refs = readReferences(readFileSync(path.join(repoRoot, 'public', 'references.csv'), 'utf8'));
const studies = readStudies(readFileSync(path.join(repoRoot, 'public', 'studies.csv'), 'utf8')).records;

describe('public/references.csv', () => {
  test('reads with no problems: seed 001 references 1 to 78', () => {
    expect(refs.problems).toEqual([]);
    expect(refs.records.map((r) => r.ref)).toEqual(Array.from({ length: 78 }, (_, i) => i + 1));
  });

  test('every reference is verbatim in seed 001, in the order of its number; 33–78 carry their printed number', () => {
    expect(seed.length).toBeGreaterThan(0);
    let from = seed.indexOf('REFERENCES');
    for (const r of refs.records) {
      const at = seed.indexOf(r.reference, from);
      expect(at, `ref ${r.ref} not found after ref ${r.ref - 1}`).toBeGreaterThan(from);
      if (r.ref >= 33) expect(seed.slice(at - `${r.ref}. `.length, at)).toBe(`${r.ref}. `);
      from = at;
    }
  });

  test('a cohort_id is a cohort whose seed-001 rows cite that reference', () => {
    const cohorts = new Set(studies.map((s) => s.cohort_id));
    for (const r of refs.records.filter((x) => x.cohort_id !== '')) {
      expect(cohorts.has(r.cohort_id), r.cohort_id).toBe(true);
      const cites = studies.filter((s) => s.cohort_id === r.cohort_id && s.seed === r.seed);
      for (const s of cites) expect(citationNumbers(s.seed_ref)).toContain(r.ref);
    }
  });
});

describe('citationNumbers(seedRef) / referencesOf(record, references)', () => {
  test('reads single numbers, lists and en-dash ranges', () => {
    expect(citationNumbers('7')).toEqual([7]);
    expect(citationNumbers('6–11')).toEqual([6, 7, 8, 9, 10, 11]);
    expect(citationNumbers('2,3,24')).toEqual([2, 3, 24]);
    expect(citationNumbers('')).toEqual([]);
    expect(citationNumbers('1-100000')).toHaveLength(50);
  });

  test('a seed-001 row finds its own reference; a seed-000 row its cohort\'s; an unlinked seed-000 row none', () => {
    const mayo = referencesOf(studyRecord({ seed_ref: '7' }), refs.records);
    expect(mayo.via).toBe('citation');
    expect(mayo.references.map((r) => r.reference)[0]).toMatch(/^Mayo SC, de Jong MC, Pulitano C, et al\. Surgical management/);
    const s000 = { seed: '000_a998f2521d828f35.txt', seed_ref: '22' };
    const mazzaglia = referencesOf(studyRecord({ ...s000, cohort_id: 'mazzaglia_2007' }), refs.records);
    expect(mazzaglia.via).toBe('cohort');
    expect(mazzaglia.references.map((r) => r.ref)).toEqual([32]);
    expect(referencesOf(studyRecord({ ...s000, cohort_id: 's000ref21' }), refs.records)).toEqual({ references: [], via: 'none' });
  });
});
