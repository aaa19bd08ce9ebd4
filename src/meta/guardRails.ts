/**
 * Small-k guard-rails: structured warnings about a pooled result that the methods literature gives for few studies
 * and extreme proportions. Each has a stable `code`; `pft_warning` also carries the numeric `difference`.
 */
import { glmm } from './glmm.ts';
import type { EffectSize, FitResult, Warning } from './types.ts';

export interface GuardRail extends Warning {
  /** pft_warning: back-transformed PFT estimate minus the GLMM's (proportion scale); null if the GLMM failed */
  readonly difference?: number | null;
}

/** Below this many studies a prediction interval is unreliable (IntHout et al. 2016, BMJ Open 6:e010247). */
const PI_MIN_K = 3;
/** Below this many studies funnel-asymmetry tests are not meaningful (Sterne et al. 2011, BMJ 343:d4002). */
const BIAS_MIN_K = 10;
/** Below this many studies Wald z intervals are too narrow (IntHout, Ioannidis & Borm 2014, BMC Med Res Methodol 14:25). */
const Z_MIN_K = 10;

/** Lin, Xu & Chu (2022, J Gen Intern Med 37:308): the GLMM is preferable for small n, few events or extreme p. */
function preferGlmm(effects: readonly EffectSize[]): GuardRail[] {
  const why = new Set<string>();
  let count = 0;
  for (const e of effects) {
    if (e.events === undefined || e.n === undefined) continue;
    const p = e.events / e.n;
    const reasons = [
      e.n < 50 ? 'n < 50' : '',
      e.events < 10 ? 'events < 10' : '',
      p < 0.2 ? 'proportion < 0.2' : '',
      p > 0.8 ? 'proportion > 0.8' : '',
    ].filter((r) => r !== '');
    if (reasons.length > 0) count++;
    for (const r of reasons) why.add(r);
  }
  if (count === 0) return [];
  return [{
    code: 'prefer_glmm',
    message: `${count} of ${effects.length} ${effects.length === 1 ? 'study has' : 'studies have'} ${[...why].join(', ')}: `
      + 'the binomial-normal GLMM (--method GLMM) is preferable to normal-approximation pooling (Lin, Xu & Chu 2022)',
  }];
}

/** PFT chosen: warn (Schwarzer et al. 2019, Res Synth Methods 10:476) and report the difference from the GLMM. */
function pftWarning(result: FitResult, effects: readonly EffectSize[]): GuardRail[] {
  const counts = effects.every((e) => e.events !== undefined && e.n !== undefined);
  let difference: number | null = null;
  let detail = 'the GLMM could not be fitted (no events/n)';
  if (counts) {
    const g = glmm(effects.map((e) => ({ events: e.events!, n: e.n! })));
    if (g.converged) {
      difference = result.back.estimate - g.back.estimate;
      detail = `pooled proportion ${result.back.estimate.toFixed(4)} vs ${g.back.estimate.toFixed(4)} under the GLMM `
        + `(difference ${difference >= 0 ? '+' : ''}${difference.toFixed(4)})`;
    } else {
      detail = 'the GLMM did not converge, so no comparison';
    }
  }
  return [{
    code: 'pft_warning',
    message: `Freeman–Tukey double arcsine: its back-transform can mislead (Schwarzer et al. 2019); ${detail}`,
    difference,
  }];
}

/** pi_small_k (k < 3) and bias_small_k (k < 10): the guard-rails that depend on k alone (any model, GLMM and Bayes too). */
export function smallKGuardRails(k: number): GuardRail[] {
  const out: GuardRail[] = [];
  if (k < PI_MIN_K) {
    out.push({
      code: 'pi_small_k',
      message: `k = ${k} < ${PI_MIN_K}: a prediction interval is unreliable (or undefined) with so few studies`,
    });
  }
  if (k < BIAS_MIN_K) {
    out.push({
      code: 'bias_small_k',
      message: `k = ${k} < ${BIAS_MIN_K}: small-study (funnel asymmetry) tests are not meaningful (Sterne et al. 2011)`,
    });
  }
  return out;
}

/**
 * The guard-rails that apply to `result`, fitted to `effects`:
 * pi_small_k (k < 3), bias_small_k (k < 10), z_small_k (random-effects z test with k < 10), pft_warning (measure PFT),
 * prefer_glmm (any proportion measure, a study with n < 50, events < 10, or p outside [0.2, 0.8]).
 */
export function guardRails(result: FitResult, effects: readonly EffectSize[]): readonly GuardRail[] {
  const k = result.k;
  const out: GuardRail[] = [...smallKGuardRails(k)];
  if (result.test === 'z' && result.method !== 'FE' && k < Z_MIN_K) {
    out.push({
      code: 'z_small_k',
      message: `z test with k = ${k} < ${Z_MIN_K}: the CI is too narrow; use Hartung–Knapp (--test knha) `
        + '(IntHout, Ioannidis & Borm 2014)',
    });
  }
  if (result.measure === 'PFT') out.push(...pftWarning(result, effects));
  if (result.measure !== 'GEN') out.push(...preferGlmm(effects));
  return out;
}
