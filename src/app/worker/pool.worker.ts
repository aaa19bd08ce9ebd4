/**
 * Web Worker: runs poolJob (GLMM / BAYES of a large input) off the page's thread, so the page never freezes.
 * Messages in: {id, request}; out: {id, result} (the Analysis, or its error).
 */
import type { AppAnalysis } from '../appAnalysis.ts';
import { poolJob, type PoolRequest } from './poolJob.ts';

export interface PoolReply {
  readonly id: number;
  readonly result: AppAnalysis;
}

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<{ id: number; request: PoolRequest }>) => void) | null;
  postMessage: (m: PoolReply) => void;
};

scope.onmessage = (e) => {
  const { id, request } = e.data;
  scope.postMessage({ id, result: poolJob(request) });
};
