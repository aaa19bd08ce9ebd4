/**
 * One pool as the forest view asks for it (pure, no DOM; run inside the Web Worker): the same poolByModality call the
 * page makes for a small input, so the worker's GLMM / BAYES result is identical to the page's.
 */
import type { AnalysisInput } from '../../data/types.ts';
import { poolByModality, type PoolSettings, type PoolView } from '../engine.ts';

export interface PoolRequest {
  readonly input: AnalysisInput;
  readonly outcome: string;
  readonly settings: PoolSettings;
}

/** The engine's result, or its message when the input cannot be pooled. */
export function poolJob(req: PoolRequest): PoolView | string {
  return poolByModality(req.input, req.outcome, req.settings);
}
