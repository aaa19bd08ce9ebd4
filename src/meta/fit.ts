import { backTransform, backTransformName } from './backTransform.ts';
import { normalTwoSidedP } from './normal.ts';
import { tTwoSidedP } from './studentT.ts';
import { estimateTau2 } from './estimateTau2.ts';
import { heterogeneity } from './heterogeneity.ts';
import { inference } from './inference.ts';
import { qProfileTau2Ci } from './qProfileTau2Ci.ts';
import type { EffectSize, FitOptions, FitResult, Method, StudyWeight, Test, Warning } from './types.ts';

/** Methods whose τ² gets a Q-profile CI (the others report null). */
const Q_PROFILE: readonly Method[] = ['DL', 'REML', 'ML', 'PM'];

/**
 * The single entry of the pooling engine: a common-effect (FE) or random-effects model of `effects` on the analysis
 * scale, τ² by `options.method`, inference by `options.test`, as metafor's rma.uni + predict + confint + weights
 * (Viechtbauer 2010). Throws RangeError on empty input or a non-finite yi / non-positive vi.
 */
export function fit(effects: readonly EffectSize[], options: FitOptions): FitResult {
  // --- setup and checks
  const k = effects.length;
  if (k === 0) throw new RangeError('fit: no studies');
  const y = new Float64Array(k);
  const v = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const e = effects[i];
    if (!Number.isFinite(e.yi)) throw new RangeError(`fit: study ${e.study}: yi is not a finite number`);
    if (!(e.vi > 0) || !Number.isFinite(e.vi)) throw new RangeError(`fit: study ${e.study}: vi must be positive`);
    y[i] = e.yi;
    v[i] = e.vi;
  }
  const { measure, method } = options;
  const exponentiate = measure === 'GEN' && options.exponentiate === true;
  const warnings: Warning[] = [];
  let test: Test = options.test;
  if (k === 1) {
    warnings.push({ code: 'k1', message: 'only one study: the estimate is that study; no heterogeneity or prediction interval' });
    if (test !== 'z') {
      warnings.push({ code: 'test_z_k1', message: `test ${test} needs k ≥ 2; used z (as metafor)` });
      test = 'z';
    }
  } else if (k === 2 && method !== 'FE') {
    warnings.push({ code: 'k2', message: 'only two studies: τ² is very imprecise' });
  }
  if (method === 'FE' && test !== 'z') {
    warnings.push({ code: 'knha_fe', message: 'the Hartung–Knapp adjustment is not meant for the common-effect model' });
  }
  const corrected = measure === 'PR' || measure === 'PLO'
    ? effects.filter((e) => e.events !== undefined && (e.events === 0 || e.events === e.n))
    : [];
  if (corrected.length > 0) {
    warnings.push({
      code: 'continuity_correction',
      message: `0.5 added to events and non-events of ${corrected.length} ${corrected.length === 1 ? 'study' : 'studies'} with 0 or n events`,
    });
  }
  if (measure === 'PFT') {
    warnings.push({
      code: 'pft_backtransform',
      message: 'Freeman–Tukey back-transform uses the harmonic mean n and can mislead (Schwarzer et al. 2019)',
    });
  }

  // --- estimation
  const tau2 = estimateTau2(y, v, method);
  const common = method === 'FE';
  const inf = inference(y, v, tau2, test, !common && k > 1);
  const het = heterogeneity(y, v, tau2, common);
  const qProfile = !common && k > 1 && Q_PROFILE.includes(method) ? qProfileTau2Ci(y, v, tau2) : null;
  if (qProfile?.censored && Number.isFinite(qProfile.limit)) {
    warnings.push(censoredWarning(qProfile.censored, qProfile.limit));
  }
  const stat = inf.estimate / inf.se;
  const pval = inf.df === null ? normalTwoSidedP(stat) : tTwoSidedP(stat, inf.df);
  if (inf.se === 0) warnings.push(seZeroWarning(y));

  const back = backTransform(measure, inf, effects, exponentiate);
  const tau2_ci = qProfile === null ? null : qProfile.ci;
  const notFinite = nonFiniteFields({
    'estimate': [inf.estimate], 'se': [inf.se], 'ci': inf.ci, 'pi': inf.pi ?? [], 'tau2': [tau2], 'tau2_ci': tau2_ci ?? [],
    'I2': [het.I2], 'H2': [het.H2], 'Q': [het.Q], 'Q_p': [het.Q_p], 'back.estimate': [back.estimate], 'back.ci': back.ci,
    'back.pi': back.pi ?? [],
  });
  if (notFinite.length > 0) warnings.push(nonFiniteWarning(notFinite, y, v));

  // --- output
  const result = {
    k,
    measure,
    method,
    test,
    estimate: inf.estimate,
    se: inf.se,
    ci: inf.ci,
    pi: inf.pi,
    tau2,
    tau2_ci,
    I2: het.I2,
    H2: het.H2,
    Q: het.Q,
    Q_p: het.Q_p,
    back,
    back_transform: backTransformName(measure, exponentiate),
    pval,
    df: inf.df,
    warnings,
  };
  return withLazyStudies(result, effects, v, tau2);
}

/**
 * The Hartung–Knapp SE is 0 when the residual sum of squares is 0: every study has the same effect (as metafor), or
 * (effects that differ) one study has nearly all the weight and the sum lost its digits.
 */
function seZeroWarning(y: Float64Array): Warning {
  const same = y.every((x) => x === y[0]);
  return {
    code: 'se_zero',
    message: same
      ? 'every study has the same effect, so the Hartung–Knapp standard error is 0: the CI has zero width and '
      + 'the p-value is 0 or not defined (as metafor)'
      : 'the Hartung–Knapp standard error is 0 although the effects differ: one study has nearly all the weight '
        + '(its vi 1e15 or more times smaller than that of another), so the residual sum of squares lost every digit; '
        + 'the CI has zero width and the p-value is 0 or not defined',
  };
}

/** The names of the fields with a value that is not a finite number (NaN, ±∞; printed as null in JSON). */
function nonFiniteFields(fields: Readonly<Record<string, readonly number[]>>): string[] {
  return Object.entries(fields).filter(([, values]) => values.some((x) => !Number.isFinite(x))).map(([name]) => name);
}

/**
 * Says which results are not finite numbers and why: the weighted sums Σw(y − μ̂)², Σw²(y − μ̂)², Σw³ (w = 1/v)
 * overflowed, or one weight so dominates the others (vᵢ spanning more than ~1e15) that moment estimators lose every
 * digit; or a back-transform (exp) overflowed.
 */
function nonFiniteWarning(fields: readonly string[], y: Float64Array, v: Float64Array): Warning {
  let yMin = Infinity;
  let yMax = -Infinity;
  let vMin = Infinity;
  let vMax = -Infinity;
  for (let i = 0; i < y.length; i++) {
    yMin = Math.min(yMin, y[i]);
    yMax = Math.max(yMax, y[i]);
    vMin = Math.min(vMin, v[i]);
    vMax = Math.max(vMax, v[i]);
  }
  const g = (x: number): string => x.toPrecision(3).replace(/\.?0+(e|$)/, '$1');
  return {
    code: 'non_finite',
    message: `not a finite number (shown as null): ${fields.join(', ')}; the arithmetic overflowed or lost every digit `
      + `with these data (yi from ${g(yMin)} to ${g(yMax)}, vi from ${g(vMin)} to ${g(vMax)})`,
  };
}

/**
 * A Q-profile bound beyond the searched range is reported as the limit (as metafor's confint, which prints it as
 * ">100"); the warning says it is a bound, not a value.
 */
function censoredWarning(censored: 'upper' | 'both', limit: number): Warning {
  const which = censored === 'upper' ? 'the upper bound of the τ² CI is' : 'both bounds of the τ² CI are';
  return {
    code: 'tau2_ci_censored',
    message: `${which} beyond the search limit (${limit}): reported as ${limit}, read as > ${limit} (metafor prints >${limit})`,
  };
}

/**
 * Adds `studies` (percent weights, as metafor's weights()) as an enumerable, memoised getter: the per-study objects
 * are built on first read (JSON output, forest plots), so a fit of 100 000 studies does not pay for them up front.
 */
function withLazyStudies(
  result: Omit<FitResult, 'studies'>,
  effects: readonly EffectSize[],
  v: Float64Array,
  tau2: number,
): FitResult {
  let cached: readonly StudyWeight[] | null = null;
  return Object.freeze(Object.defineProperty(result, 'studies', {
    enumerable: true,
    get(): readonly StudyWeight[] {
      if (cached === null) {
        let sw = 0;
        for (let i = 0; i < v.length; i++) sw += 1 / (v[i] + tau2);
        cached = effects.map((e, i) => ({ study: e.study, yi: e.yi, vi: e.vi, weight: 100 / (v[i] + tau2) / sw }));
      }
      return cached;
    },
  })) as FitResult;
}
