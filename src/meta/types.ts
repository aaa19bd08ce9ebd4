/**
 * Shared shapes of the pooling engine. Pipeline (as metafor): effect sizes (`escalc`) → one fit (`fit`) →
 * derived views of that immutable result (leave-one-out, cumulative, bias tests, subgroups).
 */

export type Measure = 'PR' | 'PLO' | 'PAS' | 'PFT' | 'GEN';
export const MEASURES: readonly Measure[] = ['PR', 'PLO', 'PAS', 'PFT', 'GEN'];

/** τ² estimators; FE is the common-effect model (τ² = 0). */
export type Method = 'FE' | 'DL' | 'REML' | 'ML' | 'PM' | 'HE' | 'SJ' | 'EB';
export const METHODS: readonly Method[] = ['FE', 'DL', 'REML', 'ML', 'PM', 'HE', 'SJ', 'EB'];

/** CI test: Wald z, Hartung–Knapp (t, k−1 df), or modified "ad hoc" Hartung–Knapp (never narrower than z). */
export type Test = 'z' | 'knha' | 'adhoc';
export const TESTS: readonly Test[] = ['z', 'knha', 'adhoc'];

/** A structured warning: a stable code for tests and UI, and a sentence for people. */
export interface Warning {
  readonly code: string;
  readonly message: string;
}

/** One study's effect size on the analysis scale. `events`/`n` are kept for proportions (PFT back-transform, GLMM). */
export interface EffectSize {
  readonly study: string;
  readonly yi: number;
  readonly vi: number;
  readonly events?: number;
  readonly n?: number;
}

export type Interval = readonly [number, number];

export interface StudyWeight {
  readonly study: string;
  readonly yi: number;
  readonly vi: number;
  /** percent of the total weight, as metafor's weights() */
  readonly weight: number;
}

/** Back-transformed values for display (proportions: clamped to [0, 1]; GEN on log scale: exp). */
export interface BackTransformed {
  readonly estimate: number;
  readonly ci: Interval;
  readonly pi: Interval | null;
}

/** The one result object of a fit. Field names are the CLI's JSON contract (issue 3). */
export interface FitResult {
  readonly k: number;
  readonly measure: Measure;
  readonly method: Method;
  readonly test: Test;
  readonly estimate: number;
  readonly se: number;
  readonly ci: Interval;
  readonly pi: Interval | null;
  readonly tau2: number;
  readonly tau2_ci: Interval | null;
  readonly I2: number;
  readonly H2: number;
  readonly Q: number;
  readonly Q_p: number;
  readonly back: BackTransformed;
  /** how `back` was computed: identity, inverse_logit, inverse_arcsine, inverse_double_arcsine_hm or exp */
  readonly back_transform?: string;
  /** two-sided p-value of the estimate (z, or t with `df` degrees of freedom) */
  readonly pval?: number;
  /** degrees of freedom of the t reference (knha/adhoc), or null for z */
  readonly df?: number | null;
  readonly warnings: readonly Warning[];
  readonly studies: readonly StudyWeight[];
}

export interface FitOptions {
  readonly measure: Measure;
  readonly method: Method;
  readonly test: Test;
  /** GEN only: the effects are log ratios, so `back` is exp(·). Default false. */
  readonly exponentiate?: boolean;
}
