import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyse, analyseStrict, includedRows } from '../../src/analysis/index.ts';
import { readAnalysisInput } from '../../src/data/readAnalysisInput.ts';
import { PoolInputError } from '../../src/meta/index.ts';
import { metaCore } from '../meta/metaCoreFixture.ts';
import { close, TOL } from '../meta/tolerances.ts';

const opts = { method: 'REML', test: 'knha' } as const;
const table = readAnalysisInput(readFileSync(join(import.meta.dirname, '..', '..', 'public', 'studies.csv'), 'utf8'));

describe('analyse(input, spec)', () => {
  test('study,events,n defaults to PLO and matches metafor (fixture "k2 PLO REML knha")', () => {
    const c = metaCore.cases.find((x) => x.name === 'k2 PLO REML knha')!;
    const r = analyse(readAnalysisInput('study,events,n\nS1,8,30\nS2,20,40\n'), opts).pooled!.overall;
    expect(r.measure).toBe('PLO');
    expect(close(r.estimate, c.expected.estimate, TOL.estimate)).toBe(true);
    expect(close(r.tau2, c.expected.tau2, TOL.tau2)).toBe(true);
  });
  test('study,yi,vi defaults to GEN and rejects a proportion measure', () => {
    const input = readAnalysisInput('study,yi,vi\nA,0.1,0.04\nB,0.3,0.09\n');
    expect(analyse(input, opts).pooled!.overall).toMatchObject({ measure: 'GEN', k: 2 });
    expect(() => analyse(input, { ...opts, measure: 'PLO' })).toThrow(PoolInputError);
  });
  test('study,events,n rejects GEN', () => {
    expect(() => analyse(readAnalysisInput('study,events,n\nA,1,10\n'), { ...opts, measure: 'GEN' })).toThrow(/GEN/);
  });
  test('reports the first input problem with its row and column', () => {
    expect(() => analyse(readAnalysisInput('study,events,n\nA,1,10\nB,-1,10\n'), opts)).toThrow(/row 3, column events/);
  });
  test('the study table needs an outcome', () => {
    const header = 'row_id,cohort_id,study,first_author,year,modality,arm,design,n,outcome,value,low,high,time_months,seed,seed_ref,section,quote,note';
    expect(() => analyse(readAnalysisInput(`${header}\n`), opts)).toThrow(/--outcome/);
  });
  test('by on a column the CSV does not have throws, naming the column', () => {
    expect(() => analyse(readAnalysisInput('study,events,n\nA,1,10\nB,2,10\n'), { ...opts, by: 'region' })).toThrow(/column region/);
  });
  test('by on a column named like an Object.prototype member is "not found", never a function', () => {
    for (const by of ['constructor', '__proto__', 'toString']) {
      expect(() => analyse(readAnalysisInput('study,events,n\nA,1,10\nB,2,10\n'), { ...opts, by }), by).toThrow(/not found/);
      expect(() => analyse(table, { ...opts, outcome: 'os_5y', by }), by).toThrow(/not found/);
    }
  });
  test('--modality on a file without a modality column is refused', () => {
    expect(() => analyse(readAnalysisInput('study,events,n\nA,1,10\n'), { ...opts, modality: 'rfa' })).toThrow(/study table only/);
  });
  test('GLMM with --test knha says the test does not apply (issue 15) and uses z', () => {
    const a = analyse(readAnalysisInput('study,events,n\nA,3,20\nB,8,25\nC,14,31\n'), { method: 'GLMM', test: 'knha' });
    expect(a.pooled!.overall.test).toBe('z');
    expect(a.pooled!.overall.warnings.map((w) => w.code)).toContain('test_not_applicable');
  });
  test('BAYES with a 0-event study warns continuity_correction (issue 15)', () => {
    const a = analyse(readAnalysisInput('study,events,n\nA,0,20\nB,8,25\nC,14,31\n'), { method: 'BAYES', test: 'z' });
    expect(a.pooled!.overall.warnings.map((w) => w.code)).toContain('continuity_correction');
  });
});

describe('analyse: exclusions by stable id', () => {
  test('excluding a cohort removes every row of it: Mayo 2010 leaves the 5-year resection pool (k 9 → 8)', () => {
    const spec = { ...opts, outcome: 'os_5y', modality: 'resection' };
    const all = analyse(table, spec);
    const without = analyse(table, { ...spec, exclude: ['mayo_2010'] });
    expect(all.pooled!.overall.k).toBe(9);
    expect(without.pooled!.overall.k).toBe(8);
    expect(includedRows(without).some((r) => r.unit === 'mayo_2010')).toBe(false);
    const unit = without.units.find((u) => u.id === 'mayo_2010')!;
    expect(unit.excluded).toBe(true);
    // rows s001-0012, -0017, -0034 (repeat operation) and -0056 (Table 2) are Mayo 2010's 5-year rows in public/studies.csv
    expect(unit.rows).toBe(4);
    expect(without.rows.filter((r) => r.unit === 'mayo_2010').every((r) => r.status !== 'included')).toBe(true);
  });
  test('an old permalink row id excludes its cohort', () => {
    const spec = { ...opts, outcome: 'os_5y', modality: 'resection' };
    const byRow = analyse(table, { ...spec, exclude: ['s001-0056'] });
    const byCohort = analyse(table, { ...spec, exclude: ['mayo_2010'] });
    expect(byRow.pooled!.overall.estimate).toBe(byCohort.pooled!.overall.estimate);
    expect(byRow.pooled!.overall.k).toBe(8);
  });
  test('uploads are excluded by row number; duplicate labels stay apart', () => {
    const input = readAnalysisInput('study,events,n\nA,1,100\nA,90,100\nB,30,100\n');
    const a = analyse(input, { ...opts, exclude: ['2'] });
    expect(a.rows.map((r) => r.label)).toEqual(['A (row 2)', 'A (row 3)', 'B']);
    expect(a.rows.map((r) => r.status)).toEqual(['excluded', 'included', 'included']);
    expect(a.pooled!.overall.k).toBe(2);
    // the row left in is 90/100, not 1/100
    expect(a.effects.find((e) => e.key === '3')!.effect.events).toBe(90);
  });
  test('an unknown id is listed, and analyseStrict refuses it', () => {
    const a = analyse(table, { ...opts, outcome: 'os_5y', exclude: ['no_such_cohort'] });
    expect(a.unknownExclusions).toEqual(['no_such_cohort']);
    expect(() => analyseStrict(table, { ...opts, outcome: 'os_5y', exclude: ['no_such_cohort'] })).toThrow(/invalid --exclude: no_such_cohort/);
  });
  test('excluding everything is an empty analysis with a reason, not a throw', () => {
    const a = analyse(readAnalysisInput('study,events,n\nA,1,10\nB,2,10\n'), { ...opts, exclude: ['2', '3'] });
    expect(a.pooled).toBeNull();
    expect(a.error).toMatch(/every poolable row is excluded/);
  });
});
