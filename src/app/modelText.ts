/**
 * The model of an analysis in words, for captions and the map's model line. A module of its own so the evidence map
 * (the landing page) can say it without importing the forest model and the disagreements table it reads.
 */
import type { AnalysisMethod } from '../analysis/index.ts';
import type { Measure, Test } from '../meta/types.ts';
import { METHOD_LABELS, TEST_LABELS } from './labels.ts';

/** What the model line says: the method, the transform and the CI test. */
export interface ModelSettings {
  readonly measure: Measure;
  readonly method: AnalysisMethod;
  readonly test: Test | null;
}

/** The model in words: "REML τ², Hartung–Knapp CI" or the small-k model. */
export function modelText(s: ModelSettings): string {
  return s.method === 'GLMM' ? 'Binomial-normal GLMM (ML), Wald z CI'
    : s.method === 'BAYES' ? 'Bayesian normal–normal model, half-normal τ prior, 95% credible interval'
      : `${METHOD_LABELS[s.method]}${s.method === 'FE' ? '' : ' τ²'}, ${TEST_LABELS[s.test ?? 'z']} CI`;
}
