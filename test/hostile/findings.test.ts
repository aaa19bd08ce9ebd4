/**
 * One test per bug the hostile corpus or the fuzzing found and that was fixed (docs/hardening.md, "Findings"):
 * the smallest input that showed it. Each failed before its fix.
 */
import { describe, expect, test } from 'vitest';
import { parseArgs } from '../../src/cli/args.ts';
import { run as km } from '../../src/cli/commands/km.ts';
import { readAnalysisInput } from '../../src/data/readAnalysisInput.ts';
import { begg } from '../../src/meta/begg.ts';
import { proportionEffect } from '../../src/meta/effectSizes.ts';
import { egger } from '../../src/meta/egger.ts';
import { fit } from '../../src/meta/fit.ts';
import { trimfill } from '../../src/meta/trimfill.ts';
import { logRank } from '../../src/survival/logRank.ts';
import { corpusPath, where } from './corpus.ts';

const effects = (rows: readonly [number, number][]) => rows.map(([yi, vi], i) => ({ study: `s${i + 1}`, yi, vi }));

describe('egger(effects) where the regression is not defined', () => {
  test('every study with the same vi (k = 10, no small-k warning): NaN t, p, slope with warning egger_same_se', () => {
    const r = egger(effects([[0, 1], [1, 1], [2, 1], [0, 1], [1, 1], [2, 1], [0, 1], [1, 1], [2, 1], [0, 1]]));
    expect(r.warnings.map((w) => w.code)).toEqual(['egger_same_se']);
    expect([r.t, r.p, r.slope, r.intercept].every(Number.isNaN)).toBe(true);
  });

  test('identical effects with different vi: zero residual variance, NaN t and p with warning egger_exact_fit', () => {
    const r = egger(effects(Array.from({ length: 10 }, (_, i): [number, number] => [0.3, 1 + i])));
    expect(r.warnings.map((w) => w.code)).toEqual(['egger_exact_fit']);
    expect(Number.isNaN(r.t) && Number.isNaN(r.p)).toBe(true);
    // the line itself is defined: y = 0.3 + 0 · se
    expect([r.intercept, r.slope]).toEqual([0.3, 0]);
  });
});

describe('begg(effects) where Kendall\'s τ is not defined', () => {
  test('every study with the same vi (k = 10): NaN τ and p with warning begg_all_tied', () => {
    const r = begg(effects([[0, 1], [1, 1], [2, 1], [0, 1], [1, 1], [2, 1], [0, 1], [1, 1], [2, 1], [0, 1]]));
    expect(r.warnings.map((w) => w.code)).toEqual(['begg_all_tied']);
    expect(Number.isNaN(r.tau) && Number.isNaN(r.p)).toBe(true);
  });

  test('a well-posed funnel keeps no such warning', () => {
    const r = begg(effects(Array.from({ length: 10 }, (_, i): [number, number] => [i / 10, 1 + i])));
    expect(r.warnings).toEqual([]);
    expect(r.tau).toBe(1); // yᵢ* and vᵢ both increase with i: every pair concordant
  });
});

describe('readers and CLI', () => {
  test('readAnalysisInput lists problems in row order, so the CLI\'s first problem is the first bad row', () => {
    const r = readAnalysisInput('study,events,n\nA,11,10\nB,1\n');
    expect(where(r.problems)).toEqual([[2, 'events'], [3, '']]);
  });

  test('nelm km reads decimal commas in a ";"-delimited file (1,5 → 1.5), as every other reader does', () => {
    const out = JSON.parse(km(parseArgs(['--ipd', corpusPath('ipd_semicolon_ok.csv')]))) as {
      groups: { surv: { time: number }[] }[];
    };
    expect(out.groups[0].surv.map((s) => s.time)).toEqual([1.5]);
  });
});

describe('fit(effects, {test: \'knha\'}) with identical studies', () => {
  test('PAS, events 0/338, 0/4011, 0/172: SE 0 and a NaN p-value (as metafor) come with warning se_zero', () => {
    const effects = [[0, 338], [0, 4011], [0, 172]].map(([e, n], i) => proportionEffect(`s${i + 1}`, e, n, 'PAS'));
    const r = fit(effects, { measure: 'PAS', method: 'REML', test: 'knha' });
    expect(r.se).toBe(0);
    expect(r.warnings.map((w) => w.code)).toContain('se_zero');
  });

  test('trimfill of 10 studies 0/1 (PAS, DL, knha): its refit carries the warning', () => {
    const effects = Array.from({ length: 10 }, (_, i) => proportionEffect(`s${i + 1}`, 0, 1, 'PAS'));
    const r = trimfill(effects, { measure: 'PAS', method: 'DL', test: 'knha' });
    expect(r.fit.warnings.map((w) => w.code)).toContain('se_zero');
  });
});

test('logRank with every patient censored: df 0 (was −1), chisq 0, p 1', () => {
  expect(logRank([0, 0], [0, 0], [0, 0])).toMatchObject({ chisq: 0, df: 0, p: 1 });
});
