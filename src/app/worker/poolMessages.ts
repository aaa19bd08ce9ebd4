/**
 * The messages between the page (analysisWorker.ts) and the pool worker (pool.worker.ts): an input in slices, then
 * fits of it by id; a result in slices, each sent when the page has taken the one before, then its skeleton
 * (largeArrays.ts). Kept apart from the worker's own module,
 * which the page must not import.
 */
import type { AnalysisSpec } from '../../analysis/index.ts';
import type { AnalysisInput } from '../../data/types.ts';
import type { AppAnalysis } from '../appAnalysis.ts';
import type { ArrayPath } from './largeArrays.ts';

/** Items per message: a slice of a 10⁵-row input or analysis costs the page a short task to copy, not one long one. */
export const SLICE = 4000;

export type PoolMessage =
  | { readonly type: 'slice'; readonly inputId: number; readonly path: number; readonly items: readonly unknown[] }
  | { readonly type: 'input'; readonly inputId: number; readonly skeleton: AnalysisInput; readonly paths: readonly ArrayPath[] }
  | { readonly type: 'fit'; readonly id: number; readonly inputId: number; readonly spec: AnalysisSpec }
  /** the page has taken a slice of result `id`: the next may come (one at a time, so the page's other tasks run between) */
  | { readonly type: 'ack'; readonly id: number };

export type PoolReply =
  | { readonly type: 'slice'; readonly id: number; readonly path: number; readonly items: readonly unknown[] }
  | { readonly type: 'done'; readonly id: number; readonly skeleton: AppAnalysis; readonly paths: readonly ArrayPath[] }
  /** the worker no longer holds fit `id`'s input (it keeps the last few): the page sends it again */
  | { readonly type: 'lost'; readonly id: number };
