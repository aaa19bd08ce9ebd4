/**
 * Fuzzing the pooling engine with well-shaped random inputs (fast-check, fixed seed): k 1–30, events 0..n,
 * n 1–5000, vi 1e-12–1e8, yi up to ±1e8, identical studies. Properties: nothing throws, and every number of the
 * result is finite — or the result carries a warning that says why. Fields whose null means "not applicable" by
 * their documented type (df for a z test, pi for the common-effect model or k = 1, tau2_ci for methods without a
 * Q-profile CI; src/meta/types.ts and inference.ts) are allowed to be null.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { bayes } from '../../src/meta/bayes.ts';
import { begg } from '../../src/meta/begg.ts';
import { cumulative } from '../../src/meta/cumulative.ts';
import { genericEffect, proportionEffect } from '../../src/meta/effectSizes.ts';
import { egger } from '../../src/meta/egger.ts';
import { fit } from '../../src/meta/fit.ts';
import { glmm } from '../../src/meta/glmm.ts';
import { leave1out } from '../../src/meta/leave1out.ts';
import { trimfill } from '../../src/meta/trimfill.ts';
import { METHODS, TESTS, type EffectSize, type FitOptions, type Measure } from '../../src/meta/types.ts';
import { fuzz, countsListArb, genericListArb } from './arbitraries.ts';
import { nonFinite } from './nonFinite.ts';

/** Fields a FitResult may leave null when they do not apply (documented in src/meta/types.ts, inference.ts). */
const NOT_APPLICABLE = new Set(['df', 'pi', 'back.pi', 'tau2_ci']);

/** Non-finite paths that neither a documented "not applicable" null nor a warning explains. */
function unexplained(result: unknown, warnings: readonly unknown[], allowedNull = NOT_APPLICABLE): string[] {
  if (warnings.length > 0) return [];
  const at = (path: string): unknown => path.split(/\.|\[|\]/).filter(Boolean)
    .reduce<unknown>((o, key) => (o as Record<string, unknown>)[key], result);
  return nonFinite(result).filter((p) => !(allowedNull.has(p) && at(p) === null));
}

const PROPORTION_MEASURES = ['PR', 'PLO', 'PAS', 'PFT'] as const;
const optionsArb = fc.record({
  method: fc.constantFrom(...METHODS),
  test: fc.constantFrom(...TESTS),
});
const proportionCase = fc.record({
  counts: countsListArb(1),
  measure: fc.constantFrom(...PROPORTION_MEASURES),
  options: optionsArb,
});

function proportionEffects(counts: readonly { n: number; events: number }[], measure: Exclude<Measure, 'GEN'>): EffectSize[] {
  return counts.map((c, i) => proportionEffect(`s${i + 1}`, c.events, c.n, measure));
}

function genericEffects(list: readonly { yi: number; vi: number }[]): EffectSize[] {
  return list.map((g, i) => genericEffect(`s${i + 1}`, g.yi, g.vi));
}

describe('fit(effects, options) fuzzed', () => {
  test('proportions (PR, PLO, PAS, PFT × every method and test): no throw; finite or explained', () => {
    fc.assert(fc.property(proportionCase, ({ counts, measure, options }) => {
      const r = fit(proportionEffects(counts, measure), { measure, ...options });
      expect(unexplained(r, r.warnings)).toEqual([]);
    }), fuzz());
  });

  test('generic effects (yi extreme, vi 1e-12 to 1e8): no throw; finite or explained', () => {
    fc.assert(fc.property(genericListArb(1), optionsArb, (list, options) => {
      const r = fit(genericEffects(list), { measure: 'GEN', ...options });
      expect(unexplained(r, r.warnings)).toEqual([]);
    }), fuzz());
  });
});

describe('analyse(input, spec) fuzzed', () => {
  test('study,events,n input: no throw; finite or explained', () => {
    fc.assert(fc.property(proportionCase, ({ counts, measure, options }) => {
      const input = {
        kind: 'proportions' as const,
        rows: counts.map((c, i) => ({ row: i + 2, study: `s${i + 1}`, events: c.events, n: c.n, extra: {} })),
        problems: [],
      };
      const r = analyse(input, { measure, ...options }).pooled!.overall;
      expect(unexplained(r.detail.fit, r.warnings)).toEqual([]);
    }), fuzz(40));
  });
});

describe('glmm(data) and bayes(data) fuzzed', () => {
  test('glmm: no throw; finite or explained (pi may be null only for a flagged REML fallback)', () => {
    fc.assert(fc.property(countsListArb(1, 10), (counts) => {
      const r = glmm(counts);
      expect(unexplained(r, r.warnings, new Set(['pi', 'back.pi', 'fallback']))).toEqual([]);
    }), fuzz(25));
  });

  test('bayes on logit effects of random counts and on generic effects: no throw; finite or explained', () => {
    const data = fc.oneof(
      countsListArb(1, 10).map((counts) => proportionEffects(counts, 'PLO').map(({ yi, vi }) => ({ yi, vi }))),
      genericListArb(1, 10).map((list) => list.map(({ yi, vi }) => ({ yi, vi }))),
    );
    fc.assert(fc.property(data, (d) => {
      const r = bayes(d);
      expect(unexplained(r, r.warnings)).toEqual([]);
    }), fuzz(12));
  });
});

describe('leave1out, cumulative, egger, begg, trimfill fuzzed', () => {
  const effectsArb = fc.oneof(
    fc.record({ counts: countsListArb(2), measure: fc.constantFrom(...PROPORTION_MEASURES) })
      .map(({ counts, measure }) => ({ effects: proportionEffects(counts, measure), measure: measure as Measure })),
    genericListArb(2).map((list) => ({ effects: genericEffects(list), measure: 'GEN' as Measure })),
  );
  const caseArb = fc.record({ e: effectsArb, options: optionsArb });
  const opts = (measure: Measure, o: { method: FitOptions['method']; test: FitOptions['test'] }): FitOptions => ({ measure, ...o });

  test('leave1out (k 2–30): no throw; every row finite (pi null only where it does not apply)', () => {
    fc.assert(fc.property(caseArb, ({ e, options }) => {
      const rows = leave1out(e.effects, opts(e.measure, options));
      expect(rows).toHaveLength(e.effects.length);
      expect(rows.flatMap((r) => unexplained(r, [], new Set(['pi'])))).toEqual([]);
    }), fuzz());
  });

  test('cumulative (k 2–30, random order keys): no throw; every row finite (pi null only where it does not apply)', () => {
    const keysArb = fc.array(fc.double({ noNaN: true }), { minLength: 30, maxLength: 30 });
    fc.assert(fc.property(caseArb, keysArb, ({ e, options }, keys) => {
      const rows = cumulative(e.effects, opts(e.measure, options), keys.slice(0, e.effects.length));
      expect(rows.map((r) => r.k)).toEqual(e.effects.map((_, i) => i + 1));
      expect(rows.flatMap((r) => unexplained(r, [], new Set(['pi'])))).toEqual([]);
    }), fuzz());
  });

  test('egger and begg (k 2–30): no throw; finite or explained', () => {
    fc.assert(fc.property(effectsArb, ({ effects }) => {
      const eg = egger(effects);
      expect(unexplained(eg, eg.warnings)).toEqual([]);
      const bg = begg(effects);
      expect(unexplained(bg, bg.warnings)).toEqual([]);
    }), fuzz());
  });

  test('trimfill (k 3–30): no throw; finite or explained', () => {
    const k3 = caseArb.filter(({ e }) => e.effects.length >= 3);
    fc.assert(fc.property(k3, ({ e, options }) => {
      const r = trimfill(e.effects, opts(e.measure, options));
      const allowed = new Set(['fit.df', 'fit.pi', 'fit.back.pi', 'fit.tau2_ci']);
      expect(unexplained(r, [...r.warnings, ...r.fit.warnings], allowed)).toEqual([]);
    }), fuzz(80));
  });
});
