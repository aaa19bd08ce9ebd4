import { describe, expect, test } from 'vitest';
import { readAnalysisInput } from '../../src/data/readAnalysisInput.ts';
import { pool, PoolInputError } from '../../src/meta/index.ts';
import { metaCore } from './metaCoreFixture.ts';
import { close, TOL } from './tolerances.ts';

const opts = { method: 'REML', test: 'knha' } as const;

describe('pool(input, options)', () => {
  test('pool on study,events,n defaults to PLO and matches metafor (fixture "k2 PLO REML knha")', () => {
    const c = metaCore.cases.find((x) => x.name === 'k2 PLO REML knha')!;
    const r = pool(readAnalysisInput('study,events,n\nS1,8,30\nS2,20,40\n'), opts);
    if ('overall' in r) throw new Error('no subgroups expected');
    expect(r.measure).toBe('PLO');
    expect(close(r.estimate, c.expected.estimate, TOL.estimate)).toBe(true);
    expect(close(r.tau2, c.expected.tau2, TOL.tau2)).toBe(true);
  });
  test('pool on study,yi,vi defaults to GEN and rejects a proportion measure', () => {
    const input = readAnalysisInput('study,yi,vi\nA,0.1,0.04\nB,0.3,0.09\n');
    expect(pool(input, opts)).toMatchObject({ measure: 'GEN', k: 2 });
    expect(() => pool(input, { ...opts, measure: 'PLO' })).toThrow(PoolInputError);
  });
  test('pool on study,events,n rejects GEN', () => {
    expect(() => pool(readAnalysisInput('study,events,n\nA,1,10\n'), { ...opts, measure: 'GEN' })).toThrow(/GEN/);
  });
  test('pool reports the first input problem with its row and column', () => {
    expect(() => pool(readAnalysisInput('study,events,n\nA,1,10\nB,-1,10\n'), opts)).toThrow(/row 3, column events/);
  });
  test('pool on the study table needs --outcome', () => {
    const header = 'row_id,cohort_id,study,first_author,year,modality,arm,design,n,outcome,value,low,high,time_months,seed,seed_ref,section,quote,note';
    const input = readAnalysisInput(`${header}\n`);
    expect(() => pool(input, opts)).toThrow(/--outcome/);
  });
  test('pool with by on a column the CSV does not have throws, naming the column', () => {
    expect(() => pool(readAnalysisInput('study,events,n\nA,1,10\nB,2,10\n'), { ...opts, by: 'region' })).toThrow(/column region/);
  });
});
