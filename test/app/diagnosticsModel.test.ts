import { describe, expect, test } from 'vitest';
import type { Dataset } from '../../src/app/dataset.ts';
import { analysisFor } from '../../src/app/appAnalysis.ts';
import { diagnosticsModel as modelOf } from '../../src/app/diagnosticsModel.ts';
import { DEFAULT_STATE, type AppState } from '../../src/app/state.ts';

const proportions = (counts: readonly (readonly number[])[]): Dataset => ({
  source: 'upload', name: 'p.csv',
  input: {
    kind: 'proportions', problems: [],
    rows: counts.map(([events, n], i) => ({ row: i + 2, study: `S${i + 1}`, events, n, extra: {} })),
  },
});
const state: AppState = { ...DEFAULT_STATE, view: 'diagnostics' };

/** The view's path: the state's Analysis, then its diagnostics. */
function diagnosticsModel(dataset: Dataset, s: AppState) {
  const a = analysisFor(dataset, s);
  if (a.status !== 'ready') throw new Error(a.status === 'error' ? a.error : 'pending');
  return modelOf(a.analysis);
}

describe('diagnosticsModel(dataset, state)', () => {
  test('k = 2: every panel is greyed with its warning; leave-one-out needs k ≥ 3 (Sterne et al. 2011 for k < 10)', () => {
    const m = diagnosticsModel(proportions([[3, 20], [8, 25]]), state);
    expect(m.k).toBe(2);
    expect(m.egger.warning).toMatch(/at least 10 studies/);
    expect(m.begg.warning).toMatch(/at least 10 studies/);
    expect(m.trimfill.result).toBeNull();
    expect(m.leave1out.warning).toMatch(/at least 3 studies/);
    expect(m.cumulative.warning).toMatch(/at least 3 studies/);
  });

  test('k = 4: small-study panels greyed, leave-one-out and cumulative not', () => {
    const m = diagnosticsModel(proportions([[3, 20], [8, 25], [14, 31], [5, 12]]), state);
    expect(m.egger.warning).not.toBeNull();
    expect(m.leave1out.warning).toBeNull();
    expect(m.leave1out.result).toHaveLength(4);
    expect(m.cumulative.result!.map((r) => r.k)).toEqual([1, 2, 3, 4]);
  });

  test('k = 10: no panel is greyed', () => {
    const counts = [[3, 20], [8, 25], [14, 31], [5, 12], [9, 30], [11, 22], [4, 40], [20, 33], [7, 19], [12, 50]];
    const m = diagnosticsModel(proportions(counts), state);
    for (const p of [m.egger, m.begg, m.trimfill, m.leave1out, m.cumulative]) expect(p.warning).toBeNull();
  });

  test('an empty selection is an error in words', () => {
    expect(analysisFor(proportions([]), state)).toEqual({ status: 'error', error: 'no rows' });
    const all = diagnosticsModel(proportions([[3, 20], [8, 25]]), { ...state, excluded: ['2', '3'] });
    expect(all.error).toMatch(/every poolable row is excluded/);
  });
});
