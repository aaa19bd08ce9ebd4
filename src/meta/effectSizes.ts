import type { EffectSize, Measure } from './types.ts';

export type ProportionMeasure = Exclude<Measure, 'GEN'>;

/** The continuity correction metafor's escalc adds by default (add = 1/2, to = "only0"). */
export const CONTINUITY = 0.5;

/**
 * A single proportion `events / n` as an effect size with its sampling variance, as metafor's escalc
 * (Viechtbauer 2010, escalc documentation):
 * PR  raw proportion p, v = p(1 − p)/n;
 * PLO logit log(p/(1 − p)), v = 1/x + 1/(n − x);
 * PAS arcsine square root asin(√p), v = 1/(4n) (Rücker et al. 2008);
 * PFT Freeman & Tukey (1950) double arcsine ½[asin√(x/(n+1)) + asin√((x+1)/(n+1))], v = 1/(4n + 2).
 * PR and PLO add 0.5 to events and non-events ONLY for a study with 0 or n events (so n grows by 1), as escalc's
 * default add = 1/2, to = "only0"; PAS and PFT are defined at 0 and n and are not corrected (escalc's default
 * add = 0 for them). The returned `events` and `n` are the uncorrected counts.
 */
export function proportionEffect(study: string, events: number, n: number, measure: ProportionMeasure): EffectSize {
  let x = events;
  let m = n - events;
  if ((measure === 'PR' || measure === 'PLO') && (x === 0 || m === 0)) {
    x += CONTINUITY;
    m += CONTINUITY;
  }
  const nn = x + m;
  const p = x / nn;
  let yi: number;
  let vi: number;
  switch (measure) {
    case 'PR':
      yi = p;
      vi = p * (1 - p) / nn;
      break;
    case 'PLO':
      yi = Math.log(x / m);
      vi = 1 / x + 1 / m;
      break;
    case 'PAS':
      yi = Math.asin(Math.sqrt(p));
      vi = 1 / (4 * nn);
      break;
    case 'PFT':
      yi = 0.5 * (Math.asin(Math.sqrt(x / (nn + 1))) + Math.asin(Math.sqrt((x + 1) / (nn + 1))));
      vi = 1 / (4 * nn + 2);
      break;
  }
  return { study, yi, vi, events, n };
}

/** A generic effect size given directly on its analysis scale with its sampling variance. */
export function genericEffect(study: string, yi: number, vi: number): EffectSize {
  return { study, yi, vi };
}

/** z for a two-sided 95% interval, qnorm(0.975). */
const Z975 = 1.959963984540054;

/**
 * A ratio estimate (hazard ratio, median ratio) with its 95% CI → log estimate with
 * SE = (log(ub) − log(lb)) / (2 · 1.959964) (Parmar, Torri & Stewart 1998; Tierney et al. 2007).
 */
export function ratioCiEffect(study: string, estimate: number, lb: number, ub: number): EffectSize {
  const se = (Math.log(ub) - Math.log(lb)) / (2 * Z975);
  return { study, yi: Math.log(estimate), vi: se * se };
}
