import type { FitResult, Interval } from './types.ts';

/** One row of a derived view (leave-one-out, cumulative): a refit summarised, labelled by a study. */
export interface DerivedRow {
  /** leave-one-out: the study left out; cumulative: the study added at this step */
  readonly study: string;
  readonly k: number;
  readonly estimate: number;
  readonly se: number;
  readonly ci: Interval;
  readonly pi: Interval | null;
  readonly tau2: number;
  readonly I2: number;
  readonly Q: number;
  readonly Q_p: number;
}

/** The summary of `fit` as a row labelled `study`. */
export function derivedRow(study: string, fit: FitResult): DerivedRow {
  return {
    study,
    k: fit.k,
    estimate: fit.estimate,
    se: fit.se,
    ci: fit.ci,
    pi: fit.pi,
    tau2: fit.tau2,
    I2: fit.I2,
    Q: fit.Q,
    Q_p: fit.Q_p,
  };
}
