import { describe, expect, test } from 'vitest';
import { poolableRows, reasonNotPoolable } from '../../src/data/poolable.ts';
import { studyRecord } from './studyCsv.ts';

describe('reasonNotPoolable(record)', () => {
  test.each([
    [{}, null],
    [{ n: '' }, 'no n'],
    [{ value: '', low: '60', high: '80' }, 'range only (no point value)'],
    [{ design: 'review_range', n: '', value: '', low: '60', high: '80' }, 'review-level range'],
    [{ note: 'one-sided: >' }, 'one-sided value (>)'],
    [{ note: 'one-sided: up to' }, 'one-sided value (up to)'],
    [{ quote: 'a 5-year survival of >74%' }, 'one-sided value (>)'],
    [{ outcome: 'os_median_months', time_months: '', value: '125' }, 'outcome is not a proportion'],
    [{ outcome: 'hazard_ratio', time_months: '', value: '1.9' }, 'outcome is not a proportion'],
    [{ outcome: 'other', time_months: '' }, 'outcome is not a proportion'],
  ])('reasonNotPoolable(%j) → %j', (change, reason) => {
    expect(reasonNotPoolable(studyRecord(change))).toBe(reason);
  });
});

describe('poolableRows(records, outcome)', () => {
  const records = [
    studyRecord({ row_id: 'a', n: '339', value: '74' }),
    studyRecord({ row_id: 'b', cohort_id: 'other_2001', n: '20', value: '2.5' }),
    studyRecord({ row_id: 'c', n: '' }),
    studyRecord({ row_id: 'd', outcome: 'os_10y', time_months: '120', value: '51' }),
    studyRecord({ row_id: 'e', design: 'review_range', n: '', value: '', low: '60', high: '80' }),
  ];

  test('includes rows with n and a point value as events = round(value / 100 × n)', () => {
    const { included } = poolableRows(records, 'os_5y');
    // 0.74 × 339 = 250.86 → 251; 0.025 × 20 = 0.5 → 1 (Math.round rounds halves up)
    expect(included.map((r) => [r.record.row_id, r.events, r.n])).toEqual([['a', 251, 339], ['b', 1, 20]]);
  });

  test('returns every other row of the outcome with its reason, and no row of another outcome', () => {
    const { excluded } = poolableRows(records, 'os_5y');
    expect(excluded.map((r) => [r.record.row_id, r.reason])).toEqual([['c', 'no n'], ['e', 'review-level range']]);
  });

  test('counts a cohort once per modality: the whole cohort, then the larger n, then seed 001, then file order', () => {
    const rows = [
      studyRecord({ row_id: 's000-0001', cohort_id: 'mayo_2010', seed: '000_a998f2521d828f35.txt', n: '339', value: '74' }),
      studyRecord({ row_id: 's001-0002', cohort_id: 'mayo_2010', n: '339', value: '74' }),
      studyRecord({ row_id: 's001-0003', cohort_id: 'mayo_2010', arm: 'repeat operation', n: '46', value: '61' }),
      studyRecord({ row_id: 's001-0004', cohort_id: 'rhee_2008', arm: 'glass', n: '22', value: '50' }),
      studyRecord({ row_id: 's001-0005', cohort_id: 'rhee_2008', arm: 'resin', n: '20', value: '40' }),
      studyRecord({ row_id: 's001-0006', cohort_id: 'rhee_2008', arm: 'placebo', modality: 'placebo', n: '20', value: '40' }),
    ];
    const { included, excluded } = poolableRows(rows, 'os_5y');
    expect(included.map((r) => r.record.row_id)).toEqual(['s001-0002', 's001-0004', 's001-0006']);
    expect(excluded.map((r) => [r.record.row_id, r.reason])).toEqual([
      ['s000-0001', 'counted once per cohort (same cohort): s001-0002 (Mayo 2010) is pooled'],
      ['s001-0003', 'counted once per cohort (arm or subgroup of cohort mayo_2010): s001-0002 (Mayo 2010) is pooled; values differ: 61 % of 46 here, 74 % of 339 there'],
      ['s001-0005', 'counted once per cohort (arm or subgroup of cohort rhee_2008): s001-0004 (Mayo 2010) is pooled; values differ: 40 % of 20 here, 50 % of 22 there'],
    ]);
  });

  test('reports rows of a non-proportion outcome as excluded', () => {
    const hr = [studyRecord({ outcome: 'hazard_ratio', time_months: '', value: '0.34' })];
    expect(poolableRows(hr, 'hazard_ratio')).toEqual({
      included: [], excluded: [{ record: hr[0], reason: 'outcome is not a proportion' }],
    });
  });
});
