/**
 * Web Worker: runs reconstructJob off the page's thread, so a large curve never freezes the page. Messages in:
 * {id, request}; out: {id, type: 'progress', stage} while it works, then {id, type: 'done', result}.
 */
import { reconstructJob, type ReconstructFailure, type ReconstructOutput, type ReconstructRequest } from './reconstructJob.ts';

export type WorkerReply =
  | { readonly id: number; readonly type: 'progress'; readonly stage: string }
  | { readonly id: number; readonly type: 'done'; readonly result: ReconstructOutput | ReconstructFailure };

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<{ id: number; request: ReconstructRequest }>) => void) | null;
  postMessage: (m: WorkerReply) => void;
};

scope.onmessage = (e) => {
  const { id, request } = e.data;
  scope.postMessage({ id, type: 'progress', stage: 'reading the files and reconstructing' });
  let result: ReconstructOutput | ReconstructFailure;
  try {
    result = reconstructJob(request);
  } catch (err) {
    result = { ok: false, error: `reconstruction failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  scope.postMessage({ id, type: 'done', result });
};
