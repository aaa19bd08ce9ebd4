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
    studyRecord({ row_id: 'b', n: '20', value: '2.5' }),
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

  test('reports rows of a non-proportion outcome as excluded', () => {
    const hr = [studyRecord({ outcome: 'hazard_ratio', time_months: '', value: '0.34' })];
    expect(poolableRows(hr, 'hazard_ratio')).toEqual({
      included: [], excluded: [{ record: hr[0], reason: 'outcome is not a proportion' }],
    });
  });
});
