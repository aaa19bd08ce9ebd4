import { describe, expect, test } from 'vitest';
import { survivalCurvesOf } from '../../src/analysis/survivalCurves.ts';
import type { StudyRecord } from '../../src/data/types.ts';
import { studyRecord } from '../data/studyCsv.ts';

// Hand-written rows: three resection cohorts with a 5-year figure (Mayo also 10-year), one transplant cohort.
const rows = [
  { row_id: 'm5', cohort_id: 'mayo', study: 'Mayo 2010', n: '339', outcome: 'os_5y', value: '74', time_months: '60' },
  { row_id: 'm10', cohort_id: 'mayo', study: 'Mayo 2010', n: '339', outcome: 'os_10y', value: '51', time_months: '120' },
  { row_id: 'g1', cohort_id: 'glazer', study: 'Glazer 2010', n: '159', outcome: 'os_5y', value: '77', time_months: '60' },
  { row_id: 'h1', cohort_id: 'house', study: 'House 2006', n: '26', outcome: 'os_5y', value: '86', time_months: '60' },
  { row_id: 't', cohort_id: 'lt', study: 'Le Treut 2007', modality: 'transplant', n: '85', outcome: 'os_5y', value: '47', time_months: '60' },
];
const records: StudyRecord[] = rows.map((r, i) => studyRecord(r, i + 2));
const input = { kind: 'studies' as const, records, problems: [] };

describe('survivalCurvesOf(input, spec)', () => {
  test('the model-based curves of a modality, each ending at its last published landmark, median only within it', () => {
    const c = survivalCurvesOf(input, { modality: 'resection' });
    expect(c.models.map((m) => [m.entry.label, m.dataEnd])).toEqual([['Glazer 2010', 60], ['House 2006', 60], ['Mayo 2010', 120]]);
    // House 2006: S(60) = 0.86 (row h1); the constant hazard would reach 0.5 at 60·ln 0.5/ln 0.86 = 275.7 months,
    // long after the data: not reached within follow-up
    expect(c.models.find((m) => m.entry.cohortId === 'house')!.median).toBeNull();
    expect(c.pool!.kind).toBe('model-based');
    expect(c.pool!.members).toHaveLength(3);
  });

  test('exclusion ids resolve to cohorts as in every other pool: a cohort id, or a row id standing for its cohort', () => {
    const byCohort = survivalCurvesOf(input, { modality: 'resection', exclude: ['mayo'] });
    const byRow = survivalCurvesOf(input, { modality: 'resection', exclude: ['m10'] });
    expect(byCohort.pool!.members).toEqual(['model:glazer||resection', 'model:house||resection']);
    expect(byRow.pool!.points).toEqual(byCohort.pool!.points);
    expect(byCohort.warnings).toContain('Mayo 2010: excluded by you; drawn, not pooled');
    // the excluded cohort is still drawn
    expect(byCohort.models).toHaveLength(3);
    // Glazer and House stop at 60 months, so the pool does too
    expect(byCohort.pool!.points[byCohort.pool!.points.length - 1].time).toBe(60);
  });

  test('an upload that is not a study table has no model-based curves', () => {
    const c = survivalCurvesOf({ kind: 'proportions', rows: [], problems: [] }, { modality: 'resection' });
    expect(c.models).toEqual([]);
    expect(c.pool).toBeNull();
  });
});
