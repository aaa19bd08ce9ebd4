/**
 * The Web Worker that fits heavy analyses (GLMM / Bayes of many studies, and any analysis of a large upload) off the
 * page's thread: the same analyse() the page would run; its result is kept for analysisFor (appAnalysis.ts).
 */
import { storeAnalysis, type AppAnalysis } from './appAnalysis.ts';
import type { PoolReply } from './worker/pool.worker.ts';

export type Pending = Extract<AppAnalysis, { status: 'pending' }>;

let worker: Worker | null = null;
let nextId = 1;
/** Fits on the worker, by analysis key: a re-render while one runs waits for the same fit. */
const running = new Map<string, Promise<void>>();

/** Fits one heavy analysis in the Web Worker and keeps its result for analysisFor (an error becomes its message). */
export function fitInWorker(call: Pending): Promise<void> {
  const pending = running.get(call.key);
  if (pending) return pending;
  worker ??= new Worker(new URL('./worker/pool.worker.ts', import.meta.url), { type: 'module' });
  const w = worker;
  const id = nextId++;
  const job = new Promise<void>((resolve) => {
    const done = (result: AppAnalysis) => {
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      running.delete(call.key);
      storeAnalysis(call.input, call.key, result);
      resolve();
    };
    const onMessage = (e: MessageEvent<PoolReply>) => {
      if (e.data.id === id) done(e.data.result);
    };
    const onError = (e: ErrorEvent) => {
      e.preventDefault();
      worker = null;
      done({ status: 'error', error: `the fitting worker failed: ${e.message || 'unknown error'}` });
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    w.postMessage({ id, request: { input: call.input, spec: call.spec } });
  });
  running.set(call.key, job);
  return job;
}
