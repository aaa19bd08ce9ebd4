import { nelm as run, writeInput } from './runCli.ts';
import { describe, expect, test } from 'vitest';
import { STUDY_COLUMNS } from '../../src/data/vocabulary.ts';
import { metaCore, type FixtureCase } from '../meta/metaCoreFixture.ts';
import { close, TOL } from '../meta/tolerances.ts';

const write = writeInput;
const nelm = (...args: string[]) => run('pool', ...args);

function caseNamed(name: string): FixtureCase {
  const c = metaCore.cases.find((x) => x.name === name);
  if (!c) throw new Error(`no fixture case ${name}`);
  return c;
}

function proportionsCsv(c: FixtureCase, extra?: (i: number) => string): string {
  if (c.input.kind !== 'proportions') throw new Error('not proportions');
  const head = extra ? 'study,events,n,size' : 'study,events,n';
  const lines = c.input.rows.map((r, i) => `"${r.study}",${r.events},${r.n}${extra ? `,${extra(i)}` : ''}`);
  return [head, ...lines].join('\n') + '\n';
}

type Printed = Record<string, unknown> & {
  estimate: number; se: number; ci: number[]; pi: number[] | null; tau2: number; tau2_ci: number[] | null;
  I2: number; H2: number; Q: number; Q_p: number; k: number;
  back: { estimate: number; ci: number[]; pi: number[] | null };
  warnings: { code: string }[];
  studies: { study: string; yi: number; vi: number; weight: number }[];
};

/** Every printed field against the metafor fixture case; returns the mismatches. */
function mismatches(out: Printed, c: FixtureCase, withBack = true): string[] {
  const e = c.expected;
  const pairs: [string, number, number, number][] = [
    ['estimate', out.estimate, e.estimate, TOL.estimate], ['se', out.se, e.se, TOL.se],
    ['ci0', out.ci[0], e.ci[0], TOL.ci], ['ci1', out.ci[1], e.ci[1], TOL.ci],
    ['tau2', out.tau2, e.tau2, TOL.tau2], ['I2', out.I2, e.I2, TOL.heterogeneity], ['H2', out.H2, e.H2, TOL.heterogeneity],
    ['Q', out.Q, e.Q, TOL.heterogeneity], ['Q_p', out.Q_p, e.Q_p, TOL.pvalue],
  ];
  if (e.pi) pairs.push(['pi0', out.pi![0], e.pi[0], TOL.pi], ['pi1', out.pi![1], e.pi[1], TOL.pi]);
  if (e.tau2_ci) pairs.push(['tau2_ci0', out.tau2_ci![0], e.tau2_ci[0], TOL.tau2_ci], ['tau2_ci1', out.tau2_ci![1], e.tau2_ci[1], TOL.tau2_ci]);
  if (withBack) {
    pairs.push(['back', out.back.estimate, e.back.estimate, TOL.back], ['back.ci0', out.back.ci[0], e.back.ci[0], TOL.back],
      ['back.ci1', out.back.ci[1], e.back.ci[1], TOL.back]);
    if (e.back.pi) pairs.push(['back.pi0', out.back.pi![0], e.back.pi[0], TOL.back], ['back.pi1', out.back.pi![1], e.back.pi[1], TOL.back]);
  }
  e.weights.forEach((w, i) => pairs.push([`weight${i}`, out.studies[i].weight, w, TOL.weight]));
  e.yi.forEach((y, i) => pairs.push([`yi${i}`, out.studies[i].yi, y, TOL.effect]));
  const bad = pairs.filter(([, a, x, t]) => !close(a, x, t)).map(([l, a, x]) => `${l}: ${a} vs ${x}`);
  if (out.k !== e.k) bad.push(`k: ${out.k} vs ${e.k}`);
  if ((out.pi === null) !== (e.pi === null)) bad.push('pi null-ness');
  if ((out.tau2_ci === null) !== (e.tau2_ci === null)) bad.push('tau2_ci null-ness');
  return bad;
}

// Expected values: metafor via scripts/reference/meta-core.R → test/fixtures/meta-core.json.
describe('nelm pool', () => {
  const pritz = caseNamed('pritz1997 PLO REML knha');

  test('pool --input FILE uses PLO, REML, knha by default and prints every field as metafor', () => {
    const r = nelm('--input', write('pritz.csv', proportionsCsv(pritz)));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Printed;
    expect([out.measure, out.method, out.test]).toEqual(['PLO', 'REML', 'knha']);
    for (const key of ['k', 'measure', 'method', 'test', 'estimate', 'se', 'ci', 'pi', 'tau2', 'tau2_ci', 'I2', 'H2', 'Q',
      'Q_p', 'back', 'warnings', 'studies']) expect(out).toHaveProperty(key);
    expect(mismatches(out, pritz)).toEqual([]);
    expect(out.warnings.map((w) => w.code)).toContain('continuity_correction');
  });

  test('pool --measure PFT --method DL --test z matches metafor', () => {
    const c = caseNamed('pritz1997 PFT DL z');
    const out = JSON.parse(nelm('--input', write('pritz2.csv', proportionsCsv(c)), '--measure', 'PFT', '--method', 'DL',
      '--test', 'z').stdout) as Printed;
    expect(mismatches(out, c)).toEqual([]);
  });

  test('pool --method FE prints pi: null and tau2_ci: null', () => {
    const c = caseNamed('pritz1997 PAS FE z');
    const out = JSON.parse(nelm('--input', write('pritz3.csv', proportionsCsv(c)), '--measure', 'pas', '--method', 'FE',
      '--test', 'z').stdout) as Printed;
    expect(out.pi).toBeNull();
    expect(out.tau2_ci).toBeNull();
    expect(out.back.pi).toBeNull();
    expect(mismatches(out, c)).toEqual([]);
  });

  test('pool on study,yi,vi input pools GEN (back-transform identity)', () => {
    const c = caseNamed('bcg GEN PM adhoc');
    if (c.input.kind !== 'generic') throw new Error('generic expected');
    const csv = ['study,yi,vi', ...c.input.rows.map((r) => `"${r.study}",${r.yi},${r.vi}`)].join('\n');
    const out = JSON.parse(nelm('--input', write('bcg.csv', csv), '--method', 'PM', '--test', 'adhoc').stdout) as Printed;
    expect(out.measure).toBe('GEN');
    expect(mismatches(out, c, false)).toEqual([]);
    expect(out.back.estimate).toBe(out.estimate);
  });

  test('pool --by COLUMN prints overall, subgroups (own τ²) and Q_between as metafor', () => {
    const sc = metaCore.subgroup_cases.find((x) => x.name === 'pritz1997 by size PLO REML knha')!;
    const csv = proportionsCsv(pritz, (i) => sc.groups[i]);
    const out = JSON.parse(nelm('--input', write('pritz-by.csv', csv), '--by', 'size').stdout) as {
      overall: Printed; subgroups: (Printed & { group: string })[]; Q_between: number; Q_between_p: number;
    };
    expect(mismatches(out.overall, pritz)).toEqual([]);
    expect(out.subgroups.map((s) => s.group)).toEqual(sc.expected.subgroups.map((s) => s.group));
    sc.expected.subgroups.forEach((e, i) => {
      expect(close(out.subgroups[i].estimate, e.estimate, TOL.estimate)).toBe(true);
      expect(close(out.subgroups[i].tau2, e.tau2, TOL.tau2)).toBe(true);
    });
    expect(close(out.Q_between, sc.expected.Q_between, TOL.heterogeneity)).toBe(true);
    expect(close(out.Q_between_p, sc.expected.Q_between_p, TOL.pvalue)).toBe(true);
  });

  test('pool on the study table pools --outcome rows, lists excluded rows and warns km_as_binomial', () => {
    const c = caseNamed('k2 PLO REML knha'); // S1 8/30, S2 20/40
    const base: Record<string, string> = {
      cohort_id: 'c', first_author: '', year: '', modality: 'resection', arm: '', design: 'retrospective',
      outcome: 'os_5y', low: '', high: '', time_months: '60', seed: '001_9c5965bc9c202e25.txt', seed_ref: '1',
      section: 's', quote: 'q', note: '',
    };
    const rows: Record<string, string>[] = [
      { ...base, row_id: 'r1', cohort_id: 'c1', study: 'S1', n: '30', value: '26.67' },
      { ...base, row_id: 'r2', cohort_id: 'c2', study: 'S2', n: '40', value: '50' },
      { ...base, row_id: 'r3', cohort_id: 'c3', study: 'S3', n: '', value: '61' },
      { ...base, row_id: 'r4', cohort_id: 'c4', study: 'S4', n: '25', value: '30', outcome: 'orr', time_months: '' },
    ];
    const csv = [STUDY_COLUMNS.join(','), ...rows.map((r) => STUDY_COLUMNS.map((k) => r[k]).join(','))].join('\n');
    const r = nelm('--input', write('studies.csv', csv), '--outcome', 'os_5y');
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as Printed & { excluded: { row_id: string; study: string; reason: string }[] };
    expect(mismatches(out, c)).toEqual([]);
    expect(out.excluded).toEqual([{ row_id: 'r3', study: 'S3', reason: 'no n' }]);
    expect(out.warnings.map((w) => w.code)).toContain('km_as_binomial');
  });

  test('pool on the study table with --outcome hazard_ratio pools log ratios from their CIs, shown by exp', () => {
    const c = caseNamed('hr GEN REML knha');
    if (c.input.kind !== 'ratios') throw new Error('ratios expected');
    const base: Record<string, string> = {
      first_author: '', year: '', modality: 'ssa', arm: '', design: 'rct', n: '', outcome: 'hazard_ratio',
      time_months: '', seed: '001_9c5965bc9c202e25.txt', seed_ref: '1', section: 's', quote: 'q', note: '',
    };
    const rows: Record<string, string>[] = c.input.rows.map((r, i) => ({
      ...base, row_id: `h${i}`, cohort_id: `h${i}`, study: r.study, value: String(r.estimate), low: String(r.lb),
      high: String(r.ub),
    }));
    rows.push({ ...base, row_id: 'h9', cohort_id: 'h9', study: 'T9', value: '0.7', low: '', high: '' });
    const csv = [STUDY_COLUMNS.join(','), ...rows.map((r) => STUDY_COLUMNS.map((k) => r[k]).join(','))].join('\n');
    const r = nelm('--input', write('hr.csv', csv), '--outcome', 'hazard_ratio');
    expect(r.stderr).toBe('');
    type Out = Printed & { excluded: { row_id: string; reason: string }[]; back_transform: string };
    const out = JSON.parse(r.stdout) as Out;
    expect(out.measure).toBe('GEN');
    expect(out.back_transform).toBe('exp');
    expect(mismatches(out, c)).toEqual([]);
    expect(out.excluded).toEqual([{ row_id: 'h9', study: 'T9', reason: 'no CI (low, high)' }]);
    expect(out.warnings.map((w) => w.code)).toContain('ratio_ci_as_95');
  });

  describe('bad input: one stderr line naming row and column, exit 2, nothing on stdout', () => {
    test.each([
      ['a missing column', 'study,events\nA,3\n', /expected study,events,n/],
      ['a non-numeric cell', 'study,events,n\nA,3,10\nB,x,12\n', /row 3, column events/],
      ['events > n', 'study,events,n\nA,13,10\n', /row 2, column events: .*at most n/],
      ['no rows', 'study,events,n\n', /no rows/],
      ['a missing --by column', 'study,events,n\nA,3,10\nB,4,12\n', /column arm: not found/],
    ])('%s', (name, text, message) => {
      const extra = name === 'a missing --by column' ? ['--by', 'arm'] : [];
      const r = nelm('--input', write(`bad-${name.replace(/\W+/g, '_')}.csv`, text), ...extra);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    });
  });
});
