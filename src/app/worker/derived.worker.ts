/**
 * Web Worker: the diagnostics of a large analysis (derivedJob) off the page's thread, with progress.
 * Messages in: {id, request}; out: {id, progress} (at most about every 1 %), then {id, result}.
 */
import type { DerivedBundle, DerivedProgress } from '../../analysis/derived.ts';
import { derivedJob, type DerivedRequest } from './derivedJob.ts';

export type DerivedReply =
  | { readonly id: number; readonly progress: DerivedProgress }
  | { readonly id: number; readonly result: DerivedBundle | string };

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<{ id: number; request: DerivedRequest }>) => void) | null;
  postMessage: (m: DerivedReply) => void;
};

scope.onmessage = (e) => {
  const { id, request } = e.data;
  let last = -1;
  const result = derivedJob(request, (p) => {
    const pct = Math.floor((100 * p.done) / Math.max(1, p.total));
    if (pct === last && p.done !== p.total) return;
    last = pct;
    scope.postMessage({ id, progress: p });
  });
  scope.postMessage({ id, result });
};
