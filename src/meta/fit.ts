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
  const tau2_ci = !common && k > 1 && Q_PROFILE.includes(method) ? qProfileTau2Ci(y, v, tau2) : null;
  const stat = inf.estimate / inf.se;
  const pval = inf.df === null ? normalTwoSidedP(stat) : tTwoSidedP(stat, inf.df);
  if (!(inf.se > 0)) {
    warnings.push({
      code: 'se_zero',
      message: 'every study has the same effect, so the Hartung–Knapp standard error is 0: the CI has zero width and '
        + 'the p-value is 0 or not defined (as metafor)',
    });
  }

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
    back: backTransform(measure, inf, effects, exponentiate),
    back_transform: backTransformName(measure, exponentiate),
    pval,
    df: inf.df,
    warnings,
  };
  return withLazyStudies(result, effects, v, tau2);
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
