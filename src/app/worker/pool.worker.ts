/**
 * Web Worker: runs poolJob (GLMM / BAYES of a large input) off the page's thread, so the page never freezes.
 * Messages in: {id, request}; out: {id, result} (the pool, or the engine's message).
 */
import type { PoolView } from '../engine.ts';
import { poolJob, type PoolRequest } from './poolJob.ts';

export interface PoolReply {
  readonly id: number;
  readonly result: PoolView | string;
}

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<{ id: number; request: PoolRequest }>) => void) | null;
  postMessage: (m: PoolReply) => void;
};

scope.onmessage = (e) => {
  const { id, request } = e.data;
  let result: PoolView | string;
  try {
    result = poolJob(request);
  } catch (err) {
    result = `the fit failed: ${err instanceof Error ? err.message : String(err)}`;
  }
  scope.postMessage({ id, result });
};
