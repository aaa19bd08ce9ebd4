/**
 * One analysis as a view asks for it (pure, no DOM; run inside the Web Worker): the same analyse() call the page
 * makes for a small input, so the worker's GLMM / BAYES result is identical to the page's.
 */
import { analyse, type AnalysisSpec } from '../../analysis/index.ts';
import type { AnalysisInput } from '../../data/types.ts';
import type { AppAnalysis } from '../appAnalysis.ts';

export interface PoolRequest {
  readonly input: AnalysisInput;
  readonly spec: AnalysisSpec;
}

/** The analysis, or its error message. */
export function poolJob(req: PoolRequest): AppAnalysis {
  try {
    return { status: 'ready', analysis: analyse(req.input, req.spec) };
  } catch (err) {
    return { status: 'error', error: err instanceof Error ? err.message : String(err) };
  }
}
