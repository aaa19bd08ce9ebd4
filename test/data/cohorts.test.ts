import { expect, test } from 'vitest';
import { cohortsOf } from '../../src/data/cohorts.ts';
import { studyRecord } from './studyCsv.ts';

test('cohortsOf(records) groups rows by cohort_id with their seeds and disagreement notes', () => {
  const a1 = studyRecord({ row_id: 'a1', cohort_id: 'mayo_2010', seed: '001_9c5965bc9c202e25.txt' });
  const b1 = studyRecord({ row_id: 'b1', cohort_id: 'glazer_2010' });
  const a2 = studyRecord({
    row_id: 'a2', cohort_id: 'mayo_2010', seed: '000_a998f2521d828f35.txt', note: 'disagrees with seed 001 (74%)',
  });
  const a3 = studyRecord({ row_id: 'a3', cohort_id: 'mayo_2010', note: 'Disagreement: rounding' });
  const cohorts = cohortsOf([a1, b1, a2, a3]);
  expect(cohorts.map((c) => c.cohort_id)).toEqual(['mayo_2010', 'glazer_2010']);
  expect(cohorts[0].records).toEqual([a1, a2, a3]);
  expect(cohorts[0].seeds).toEqual(['000_a998f2521d828f35.txt', '001_9c5965bc9c202e25.txt']);
  expect(cohorts[0].disagreements).toEqual(['disagrees with seed 001 (74%)', 'Disagreement: rounding']);
  expect(cohorts[1]).toEqual({ cohort_id: 'glazer_2010', records: [b1], seeds: ['001_9c5965bc9c202e25.txt'], disagreements: [] });
});

test('cohortsOf([]) → []', () => {
  expect(cohortsOf([])).toEqual([]);
});
