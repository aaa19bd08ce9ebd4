import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Dataset } from '../../src/app/dataset.ts';
import { analysisFor, appSpec } from '../../src/app/appAnalysis.ts';
import { chooseModality, modalityChoices, sensitivityModel as modelOf, whatIf } from '../../src/app/sensitivityModel.ts';
import { DEFAULT_STATE, type AppState } from '../../src/app/state.ts';
import type { StudyRecord } from '../../src/data/types.ts';
import { studyRecord } from '../data/studyCsv.ts';

// the k = 3 set of scripts/reference/sensitivity.R and fixed-tau.R: 3/20, 8/25, 14/31
const smallK3: Dataset = {
  source: 'upload', name: 'k3.csv',
  input: { kind: 'proportions', rows: [
    { row: 2, study: 'A', events: 3, n: 20, extra: {} }, { row: 3, study: 'B', events: 8, n: 25, extra: {} },
    { row: 4, study: 'C', events: 14, n: 31, extra: {} },
  ], problems: [] },
};
const state = (patch: Partial<AppState> = {}): AppState => ({ ...DEFAULT_STATE, view: 'sensitivity', ...patch });

/** The view's path for an uploaded file: the state's Analysis, then its model. */
function sensitivityModel(dataset: Dataset, s: AppState) {
  const a = analysisFor(dataset, s);
  return modelOf(a.status === 'ready' ? a.analysis : a.status === 'error' ? a.error : 'pending', '', []);
}
const sensitivityFixture = JSON.parse(readFileSync('test/fixtures/sensitivity.json', 'utf8')) as {
  sets: { name: string; rows: { model: string; estimate: number; ci: number[] }[] }[];
};
const fixedTauFixture = JSON.parse(readFileSync('test/fixtures/fixed-tau.json', 'utf8')) as {
  sets: {
    name: string; rows: { tau2: number; test: string; back: { estimate: number; ci: number[]; pi: number[] } }[];
  }[];
};

describe('sensitivityModel(dataset, state)', () => {
  test('the matrix\'s PLO/REML/knha row is metafor\'s (test/fixtures/sensitivity.json, small_k3)', () => {
    const m = sensitivityModel(smallK3, state());
    const expected = sensitivityFixture.sets.find((s) => s.name === 'small_k3')!.rows.find((r) => r.model === 'PLO/REML/knha')!;
    const row = m.matrix!.rows.find((r) => r.model === 'PLO/REML/knha')!;
    expect(m.reference).toBe('PLO/REML/knha');
    expect(row.estimate).toBeCloseTo(expected.estimate, 6);
    expect(row.ci[0]).toBeCloseTo(expected.ci[0], 6);
  });

  test('whatIf(model, τ) is metafor rma(tau2 = τ², test = "knha") (test/fixtures/fixed-tau.json, small_k3, τ² = 0.5)', () => {
    const m = sensitivityModel(smallK3, state());
    const expected = fixedTauFixture.sets.find((s) => s.name === 'small_k3')!.rows.find((r) => r.tau2 === 0.5 && r.test === 'knha')!;
    const f = whatIf(m, Math.sqrt(0.5))!;
    expect(f.back.estimate).toBeCloseTo(expected.back.estimate, 6);
    expect(f.back.pi![0]).toBeCloseTo(expected.back.pi[0], 6);
    expect(f.back.pi![1]).toBeCloseTo(expected.back.pi[1], 6);
  });

  test('a study,yi,vi file gets an error in words, not a matrix', () => {
    const rows = [{ row: 2, study: 'g', yi: 0.1, vi: 0.04, extra: {} }, { row: 3, study: 'h', yi: 0.3, vi: 0.05, extra: {} }];
    const generic: Dataset = { source: 'upload', name: 'g.csv', input: { kind: 'generic', rows, problems: [] } };
    const m = sensitivityModel(generic, state());
    expect(m.matrix).toBeNull();
    expect(m.error).toMatch(/events and n/);
  });
});

describe('chooseModality(choices, asked)', () => {
  // hand-written: one resection series, two transplant series, all with 5-year OS
  const records: StudyRecord[] = [
    studyRecord({ row_id: 'a', cohort_id: 'a', study: 'A 2001', n: '100', value: '60' }, 2),
    studyRecord({ row_id: 'b', cohort_id: 'b', study: 'B 2002', modality: 'transplant', n: '40', value: '50' }, 3),
    studyRecord({ row_id: 'c', cohort_id: 'c', study: 'C 2003', modality: 'transplant', n: '30', value: '45' }, 4),
  ];
  const table: Dataset = { source: 'bundled', name: 't', input: { kind: 'studies', records, problems: [] } };
  const choices = modalityChoices(table.input, appSpec(table, state({ outcome: 'os_5y' })));

  test('counts poolable studies per modality in vocabulary order', () => {
    expect(choices).toEqual([{ modality: 'resection', k: 1 }, { modality: 'transplant', k: 2 }]);
  });

  test('an excluded cohort is not counted', () => {
    const without = modalityChoices(table.input, appSpec(table, state({ outcome: 'os_5y', excluded: ['b'] })));
    expect(without).toEqual([{ modality: 'resection', k: 1 }, { modality: 'transplant', k: 1 }]);
  });

  test('defaults to the first modality with k ≥ 2 and keeps a valid choice', () => {
    expect(chooseModality(choices, '')).toBe('transplant');
    expect(chooseModality(choices, 'resection')).toBe('resection');
    expect(chooseModality(choices, 'y90')).toBe('transplant');
  });
});
