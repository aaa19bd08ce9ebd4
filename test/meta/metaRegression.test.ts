import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { designMatrix, designRow } from '../../src/meta/designMatrix.ts';
import { ECOLOGICAL_FALLACY } from '../../src/meta/ecologicalFallacy.ts';
import { fit } from '../../src/meta/fit.ts';
import { metaRegression, STUDIES_PER_MODERATOR, type MetaRegressionResult } from '../../src/meta/metaRegression.ts';
import { permutationTest } from '../../src/meta/permutationTest.ts';
import { PoolInputError } from '../../src/meta/poolInputError.ts';
import { predictAlong, predictMetaRegression } from '../../src/meta/predictMetaRegression.ts';
import { METHODS, type EffectSize } from '../../src/meta/types.ts';
import { effectsOf, moderatorsOf, regressionFixture, type RegressionCase } from './metaRegressionFixture.ts';
import { close, relError, TOL } from './tolerances.ts';

const { datasets, cases, permutations } = regressionFixture;

function fitCase(c: { dataset: string; mods: readonly string[]; method: RegressionCase['method']; test: RegressionCase['test'] }) {
  const d = datasets[c.dataset];
  return metaRegression(effectsOf(d), moderatorsOf(d, c.mods), { measure: d.measure, method: c.method, test: c.test });
}

/** Every compared quantity of one case: [label, actual, expected, tolerance]. */
function comparisons(c: RegressionCase, r: MetaRegressionResult): [string, number, number, number][] {
  const e = c.expected;
  const rows: [string, number, number, number][] = [
    ['tau2', r.tau2, e.tau2, TOL.tau2],
    ['I2', r.I2, e.I2, TOL.heterogeneity],
    ['H2', r.H2, e.H2, TOL.heterogeneity],
    ['R2', r.R2, e.R2, TOL.heterogeneity],
    ['QM', r.QM, e.QM, TOL.heterogeneity],
    ['QM_p', r.QM_p, e.QM_p, TOL.pvalue],
    ['QE', r.QE, e.QE, TOL.heterogeneity],
    ['QE_p', r.QE_p, e.QE_p, TOL.pvalue],
  ];
  e.coefficients.forEach((x, j) => {
    const a = r.coefficients[j];
    rows.push(
      [`${x.name} estimate`, a.estimate, x.estimate, TOL.estimate],
      [`${x.name} se`, a.se, x.se, TOL.se],
      [`${x.name} stat`, a.stat, x.stat, TOL.estimate],
      [`${x.name} ci.lb`, a.ci[0], x.ci[0], TOL.ci],
      [`${x.name} ci.ub`, a.ci[1], x.ci[1], TOL.ci],
      [`${x.name} p`, a.p, x.p, TOL.pvalue],
    );
  });
  if (e.predictions) {
    const got = predictMetaRegression(r, e.predictions.map((x) => x.at));
    e.predictions.forEach((x, i) => {
      const g = got[i];
      const at = JSON.stringify(x.at);
      rows.push(
        [`pred ${at}`, g.pred, x.pred, TOL.estimate],
        [`pred se ${at}`, g.se, x.se, TOL.se],
        [`pred ci.lb ${at}`, g.ci[0], x.ci[0], TOL.ci],
        [`pred ci.ub ${at}`, g.ci[1], x.ci[1], TOL.ci],
      );
      if (x.pi && g.pi) rows.push([`pred pi.lb ${at}`, g.pi[0], x.pi[0], TOL.pi], [`pred pi.ub ${at}`, g.pi[1], x.pi[1], TOL.pi]);
    });
  }
  return rows;
}

// Expected values: metafor (version in the fixture) rma(yi, vi, mods, method, test, control = tight) and predict(),
// via scripts/reference/meta-regression.R → test/fixtures/meta-regression.json.
describe(`metaRegression(effects, moderators, options) matches metafor ${regressionFixture.metafor} rma(mods = ~ ...)`, () => {
  test('the fixture has at least 30 fits covering every τ² method, z and knha, GEN and PLO', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.method))).toEqual(new Set(['FE', 'DL', 'REML', 'ML', 'PM', 'HE', 'SJ', 'EB']));
    expect(new Set(cases.map((c) => c.test))).toEqual(new Set(['z', 'knha']));
    expect(new Set(cases.map((c) => datasets[c.dataset].measure))).toEqual(new Set(['GEN', 'PLO']));
  });

  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = fitCase(c);
    const e = c.expected;
    expect(r.k).toBe(e.k);
    expect(r.p).toBe(e.p);
    expect(r.coefficients.map((x) => x.name)).toEqual(e.coefficients.map((x) => x.name));
    expect(r.QM_df).toBe(e.QM_df);
    expect(r.QE_df).toBe(e.QE_df);
    expect(r.df).toBe(e.df);
    expect(r.excluded.map((x) => x.index + 1)).toEqual(e.omitted);
    const bad = comparisons(c, r)
      .filter(([, a, x, tol]) => !close(a, x, tol))
      .map(([label, a, x]) => `${label}: ${a} vs metafor ${x} (rel ${relError(a, x).toExponential(2)})`);
    expect(bad).toEqual([]);
  });

  test('PLO effects from events/n equal escalc\'s yi and vi (dat.debruin2009)', () => {
    const d = datasets.debruin;
    effectsOf(d).forEach((e, i) => {
      expect(close(e.yi, d.rows[i].yi, TOL.effect)).toBe(true);
      expect(close(e.vi, d.rows[i].vi, TOL.effect)).toBe(true);
    });
  });
});

/** Two-sided Monte-Carlo bound on the difference of two independent permutation p-values from `n` draws each. */
function mcBound(p: number, n: number): number {
  const q = Math.min(Math.max(p, 1 / n), 1 - 1 / n);
  return 4 * Math.sqrt(2 * q * (1 - q) / n);
}

// Expected values: metafor permutest(res, iter = 1000, seed = 20240817), scripts/reference/meta-regression.R.
describe('permutationTest(result, options) matches metafor permutest', () => {
  test.each(permutations.filter((c) => c.exact).map((c) => [c.name, c] as const))('%s: exact, equal p-values', (_n, c) => {
    const t = permutationTest(fitCase(c), { iterations: c.iter });
    expect(t.exact).toBe(true);
    expect(t.distinct).toBe(c.exact_iter);
    expect(t.iterations).toBe(c.exact_iter);
    expect(t.seed).toBeNull();
    expect(t.QM_p).toBeCloseTo(c.expected.QM_p, 12);
    t.p.forEach((p, j) => expect(p).toBeCloseTo(c.expected.pval[j], 12));
  });

  test.each(permutations.filter((c) => !c.exact).map((c) => [c.name, c] as const))(
    '%s: 1 000 random permutations, within Monte-Carlo error',
    (_n, c) => {
      const t = permutationTest(fitCase(c), { iterations: c.iter, seed: 7 });
      expect(t.exact).toBe(false);
      expect(t.distinct).toBe(c.exact_iter);
      expect(t.iterations).toBe(c.iter);
      expect(Math.abs(t.QM_p - c.expected.QM_p)).toBeLessThanOrEqual(mcBound(c.expected.QM_p, c.iter));
      t.p.forEach((p, j) => {
        expect(Math.abs(p - c.expected.pval[j])).toBeLessThanOrEqual(mcBound(c.expected.pval[j], c.iter));
      });
    },
  );

  test('the same seed gives the same p-values; another seed may not', () => {
    const c = permutations.find((x) => !x.exact)!;
    const r = fitCase(c);
    const a = permutationTest(r, { iterations: 200, seed: 3 });
    expect(permutationTest(r, { iterations: 200, seed: 3 })).toEqual(a);
    expect(a.seed).toBe(3);
    expect(a.QM_p).toBeGreaterThanOrEqual(1 / 200); // the observed data counts as one permutation
  });

  test('1 000 permutations by default; fewer than 2 is refused', () => {
    const r = fitCase(permutations.find((x) => !x.exact)!);
    expect(permutationTest(r).iterations).toBe(1000);
    expect(() => permutationTest(r, { iterations: 1 })).toThrow(RangeError);
  });
});

const bcg = datasets.bcg;
const bcgEffects = effectsOf(bcg);
const ablat = moderatorsOf(bcg, ['ablat'])[0];

describe('designMatrix(moderators, n)', () => {
  test('a text column is categorical: dummies for every level after the first in sorted order, named as R', () => {
    const d = designMatrix([{ name: 'design', values: ['rct', 'retrospective', 'prospective', 'rct'] }], 4);
    expect(d.names).toEqual(['intrcpt', 'designrct', 'designretrospective']);
    expect(d.terms[0].levels).toEqual(['prospective', 'rct', 'retrospective']);
    expect([...d.columns[1]]).toEqual([1, 0, 0, 1]);
    expect([...d.columns[2]]).toEqual([0, 1, 0, 0]);
  });

  test('any text value makes the column categorical, its numbers becoming levels', () => {
    const d = designMatrix([{ name: 'grade', values: [1, 2, 'G3', 2] }], 4);
    expect(d.terms[0].kind).toBe('categorical');
    expect(d.names).toEqual(['intrcpt', 'grade2', 'gradeG3']);
  });

  test('rows with a missing value leave the model with their reason', () => {
    const d = designMatrix([
      { name: 'year', values: [2001, null, 2005, 2010, Number.NaN, 2012, 2003] },
      { name: 'design', values: ['rct', 'rct', '', 'cohort', 'cohort', 'rct', 'cohort'] },
    ], 7);
    expect(d.kept).toEqual([0, 3, 5, 6]);
    expect(d.dropped).toEqual([
      { index: 1, reason: 'missing moderator value: year' },
      { index: 2, reason: 'missing moderator value: design' },
      { index: 4, reason: 'missing moderator value: year' },
    ]);
  });

  test('a constant moderator is refused, naming it', () => {
    expect(() => designMatrix([{ name: 'n', values: [50, 50, 50] }], 3)).toThrow(/^moderator n is constant/);
    expect(() => designMatrix([{ name: 'design', values: ['rct', 'rct', 'rct'] }], 3))
      .toThrow(/^moderator design is constant: every study in the model has rct$/);
  });

  test('collinear moderators are refused, naming every column involved', () => {
    const year = [1990, 1995, 2000, 2005, 2010];
    const err = () => designMatrix([
      { name: 'year', values: year },
      { name: 'n', values: [10, 30, 20, 50, 40] },
      { name: 'era', values: year.map((y) => (y - 1990) / 10) },
    ], 5);
    expect(err).toThrow(PoolInputError);
    expect(err).toThrow('collinear moderators: year, era (column era is a linear combination of year and the intercept)');
    const twin = () => designMatrix([
      { name: 'arm', values: ['a', 'b', 'a', 'b'] },
      { name: 'site', values: ['x', 'y', 'x', 'y'] },
    ], 4);
    expect(twin).toThrow('collinear moderators: arm, site (column sitey is a linear combination of armb and the intercept)');
  });

  test('a moderator named twice or with the wrong length is refused', () => {
    expect(() => designMatrix([ablat, { ...ablat, name: 'ABLAT' }], 13)).toThrow(/named twice/);
    expect(() => designMatrix([ablat], 12)).toThrow(/13 values for 12 studies/);
    expect(() => designMatrix([], 12)).toThrow(/no moderators/);
  });

  test('designRow encodes values for predictions and refuses unknown levels', () => {
    const d = designMatrix(moderatorsOf(bcg, ['ablat', 'alloc']), 13);
    expect(designRow(d, { ablat: 30, alloc: 'systematic' })).toEqual([1, 30, 0, 1]);
    expect(designRow(d, { ablat: 30, alloc: 'alternate' })).toEqual([1, 30, 0, 0]);
    expect(() => designRow(d, { ablat: 30, alloc: 'cluster' })).toThrow(/has no level cluster \(alternate, random, systematic\)/);
    expect(() => designRow(d, { alloc: 'random' })).toThrow(/no value for moderator ablat/);
  });
});

describe('metaRegression guard-rails', () => {
  test(`fewer than ${STUDIES_PER_MODERATOR} studies per moderator coefficient → a warning citing the rule of thumb`, () => {
    const one = metaRegression(bcgEffects, [ablat], { measure: 'GEN', method: 'REML', test: 'knha' });
    expect(one.warnings.map((w) => w.code)).not.toContain('few_studies_per_moderator'); // 13 ≥ 10
    const two = metaRegression(bcgEffects, moderatorsOf(bcg, ['ablat', 'year']), { measure: 'GEN', method: 'REML', test: 'knha' });
    const w = two.warnings.find((x) => x.code === 'few_studies_per_moderator');
    expect(w?.message).toMatch(/^13 studies for 2 moderator coefficients: fewer than 10 studies per moderator/);
    expect(w?.message).toMatch(/Cochrane Handbook §10\.11\.5\.1; Borenstein/);
  });

  test('studies with a missing moderator value are listed in `excluded` and in a warning', () => {
    const r = metaRegression(effectsOf(datasets.bcg_missing), moderatorsOf(datasets.bcg_missing, ['ablat']),
      { measure: 'GEN', method: 'REML', test: 'knha' });
    expect(r.excluded).toEqual([
      { index: 2, study: 'Rosenthal et al 1960', reason: 'missing moderator value: ablat' },
      { index: 6, study: 'Vandiviere et al 1973', reason: 'missing moderator value: ablat' },
    ]);
    expect(r.warnings.find((x) => x.code === 'missing_moderator')?.message)
      .toBe('2 studies left out for a missing moderator value: Rosenthal et al 1960 (ablat); Vandiviere et al 1973 (ablat)');
    expect(r.studies.map((s) => s.index)).not.toContain(2);
  });

  test('too few studies for the coefficients → PoolInputError', () => {
    const three = bcgEffects.slice(0, 3);
    expect(() => metaRegression(three, [
      { name: 'ablat', values: [44, 55, 42] }, { name: 'year', values: [1948, 1949, 1960] },
    ], { measure: 'GEN', method: 'DL', test: 'z' })).toThrow('too few studies: 3 studies with every moderator for 3 coefficients (a meta-regression needs at least 4)');
  });

  test('the ecological-fallacy caveat is exported for every view to show', () => {
    expect(ECOLOGICAL_FALLACY).toMatch(/study-level averages/);
    expect(ECOLOGICAL_FALLACY).toMatch(/ecological fallacy/);
  });
});

describe('metaRegression invariants', () => {
  const options = { measure: 'GEN', method: 'REML', test: 'knha' } as const;

  test('the order of the studies does not matter', () => {
    const a = metaRegression(bcgEffects, [ablat], options);
    const order = [5, 0, 12, 3, 8, 1, 10, 2, 7, 11, 4, 9, 6];
    const b = metaRegression(order.map((i) => bcgEffects[i]), [{ name: 'ablat', values: order.map((i) => ablat.values[i]) }], options);
    expect(b.tau2).toBeCloseTo(a.tau2, 12);
    b.coefficients.forEach((c, j) => expect(c.estimate).toBeCloseTo(a.coefficients[j].estimate, 12));
  });

  test('shifting and scaling a moderator changes its coefficient by the scale, not τ², QM or the fit', () => {
    const a = metaRegression(bcgEffects, moderatorsOf(bcg, ['year']), options);
    const shifted = { name: 'decade', values: moderatorsOf(bcg, ['year'])[0].values.map((y) => ((y as number) - 1900) / 10) };
    const b = metaRegression(bcgEffects, [shifted], options);
    expect(b.tau2).toBeCloseTo(a.tau2, 12);
    expect(b.QM).toBeCloseTo(a.QM, 9);
    expect(b.coefficients[1].estimate).toBeCloseTo(a.coefficients[1].estimate * 10, 10);
    b.studies.forEach((s, i) => expect(s.fitted).toBeCloseTo(a.studies[i].fitted, 10));
  });

  test('a moderator that explains nothing leaves τ² near the intercept-only fit (same estimator)', () => {
    const effects: EffectSize[] = bcgEffects;
    const pooled = fit(effects, options);
    const r = metaRegression(effects, [ablat], options);
    expect(r.tau2_without_moderators).toBeCloseTo(pooled.tau2, 12);
    expect(r.R2).toBeCloseTo(100 * (pooled.tau2 - r.tau2) / pooled.tau2, 10);
  });

  test('weights are percent of 1/(v + τ²) and sum to 100', () => {
    const r = metaRegression(bcgEffects, [ablat], options);
    expect(r.studies.reduce((s, x) => s + x.weight, 0)).toBeCloseTo(100, 10);
  });
});

describe('predictAlong(result, moderator, points)', () => {
  test('spans the moderator\'s range and agrees with predictMetaRegression at its ends', () => {
    const r = metaRegression(bcgEffects, [ablat], { measure: 'GEN', method: 'REML', test: 'knha' });
    const line = predictAlong(r, 'ablat', 5);
    expect(line.map((p) => p.at.ablat)).toEqual([13, 23.5, 34, 44.5, 55]);
    const [lo] = predictMetaRegression(r, [{ ablat: 13 }]);
    expect(line[0].pred).toBeCloseTo(lo.pred, 12);
    expect(line[0].ci[1]).toBeCloseTo(lo.ci[1], 12);
  });

  test('holds a categorical moderator at its reference level and refuses a categorical axis', () => {
    const r = metaRegression(bcgEffects, moderatorsOf(bcg, ['ablat', 'alloc']), { measure: 'GEN', method: 'REML', test: 'z' });
    expect(predictAlong(r, 'ablat', 3).map((p) => p.at.alloc)).toEqual(['alternate', 'alternate', 'alternate']);
    expect(() => predictAlong(r, 'alloc')).toThrow(RangeError);
  });
});

describe('metaRegression fuzzed', () => {
  const studies = fc.integer({ min: 3, max: 14 }).chain((k) => fc.record({
    y: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: k, maxLength: k }),
    v: fc.array(fc.double({ min: 0.005, max: 2, noNaN: true }), { minLength: k, maxLength: k }),
    x: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: k, maxLength: k }),
    g: fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: k, maxLength: k }),
  }));

  test('any data: PoolInputError (constant, collinear, too few) or finite numbers in range', () => {
    fc.assert(fc.property(studies, fc.constantFrom(...METHODS), fc.constantFrom('z', 'knha' as const), fc.boolean(),
      ({ y, v, x, g }, method, test, two) => {
        const effects = y.map((yi, i) => ({ study: `S${i}`, yi, vi: v[i] }));
        const mods = [{ name: 'x', values: x }, ...(two ? [{ name: 'g', values: g }] : [])];
        let r: MetaRegressionResult;
        try {
          r = metaRegression(effects, mods, { measure: 'GEN', method, test });
        } catch (err) {
          expect(err).toBeInstanceOf(PoolInputError);
          return;
        }
        expect(r.tau2).toBeGreaterThanOrEqual(0);
        expect(r.coefficients.every((c) => Number.isFinite(c.estimate))).toBe(true);
        for (const q of [r.QE_p, r.R2 / 100, r.I2 / 100]) {
          expect(q).toBeGreaterThanOrEqual(0);
          expect(q).toBeLessThanOrEqual(1);
        }
        if (r.warnings.every((w) => w.code !== 'se_zero')) {
          expect(r.QM_p).toBeGreaterThanOrEqual(0);
          expect(r.QM_p).toBeLessThanOrEqual(1);
        }
      }), { seed: 17, numRuns: 300 });
  });
});
