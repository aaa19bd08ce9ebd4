import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import type { Dataset } from '../../src/app/dataset.ts';
import { addedForSaving, mergedDataset, restoreAdded, setAdded, withAdded } from '../../src/app/livingReview.ts';
import { readStudies } from '../../src/data/readStudies.ts';

const parsed = readStudies(readFileSync('public/studies.csv', 'utf8'));
const bundled: Dataset = { source: 'bundled', name: 'studies.csv', input: { kind: 'studies', ...parsed } };
const FILE = { fileName: 'added.csv', text: readFileSync('test/fixtures/living-review/added.csv', 'utf8') };

afterEach(() => setAdded(null));

describe('the living review\'s state', () => {
  test('mergedDataset(bundled, file): the merged records, the added row_ids, the bundled table as "before"', () => {
    const d = mergedDataset(bundled, FILE);
    expect(d.name).toBe('studies.csv + 2 added studies (added.csv)');
    expect(d.input.kind === 'studies' ? d.input.records.length : 0).toBe(217 + 2);
    expect([...d.added!.rowIds]).toEqual(['added-0001', 'added-0002']);
    expect(d.added!.before).toBe(bundled);
    expect(d.added!.problems).toEqual([]);
    expect(d.added!.notes.map((n) => n.message)).toEqual(['joins cohort osborne_2006 (2 bundled rows)']);
  });

  test('withAdded(bundled) is the bundled table until a file is added, then one merged dataset until it changes', () => {
    expect(withAdded(bundled)).toBe(bundled);
    expect(addedForSaving()).toEqual({});
    setAdded(FILE);
    const merged = withAdded(bundled);
    expect(merged).not.toBe(bundled);
    expect(withAdded(bundled)).toBe(merged); // the same object: the analyses cached for it are reused
    expect(addedForSaving()).toEqual({ added: FILE });
    setAdded({ ...FILE });
    expect(withAdded(bundled)).not.toBe(merged);
    setAdded(null);
    expect(withAdded(bundled)).toBe(bundled);
  });

  test('restoreAdded: a saved file is merged again; one that adds no valid row is dropped with a notice', () => {
    expect(restoreAdded(bundled, FILE)).toEqual([]);
    expect(withAdded(bundled).added?.rowIds.size).toBe(2);
    const stale = { fileName: 'old.csv', text: readFileSync('public/studies.csv', 'utf8').split('\n').slice(0, 3).join('\n') };
    expect(restoreAdded(bundled, stale)).toEqual(['the studies you added (old.csv) add no valid row to this bundled table '
      + '(row 2, column row_id: invalid row_id: "s000-0001" (already in the bundled table, row 2)); they were removed']);
    expect(withAdded(bundled)).toBe(bundled);
    expect(addedForSaving()).toEqual({});
  });
});
