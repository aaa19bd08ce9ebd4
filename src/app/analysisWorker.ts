/**
 * The Web Worker that fits heavy analyses (GLMM / Bayes of many studies, and any analysis of a large upload) off the
 * page's thread: the same analyse() the page would run; its result is kept for analysisFor (appAnalysis.ts).
 * A large input is sent once per dataset, and input and result cross in slices (largeArrays.ts), each copied in a
 * task of its own, so the page keeps answering while 10⁵ rows cross.
 */
import type { AnalysisInput } from '../data/types.ts';
import { storeAnalysis, type AppAnalysis } from './appAnalysis.ts';
import { joinLargeArrays, splitLargeArrays } from './worker/largeArrays.ts';
import { SLICE, type PoolMessage, type PoolReply } from './worker/poolMessages.ts';

export type Pending = Extract<AppAnalysis, { status: 'pending' }>;

let worker: Worker | null = null;
/** The inputs this worker holds (sent, or being sent), by the input object the page holds. */
let sent = new WeakMap<AnalysisInput, Promise<number>>();
let nextId = 1;
/** Fits on the worker, by analysis key: a re-render while one runs waits for the same fit. */
const running = new Map<string, Promise<void>>();

/** Lets the page's other tasks (input, drawing) run between two slices. */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Sends `input` to the worker in slices, yielding between them; resolves to its id there. */
function sendInput(w: Worker, input: AnalysisInput): Promise<number> {
  let id = sent.get(input);
  if (id) return id;
  const inputId = nextId++;
  id = (async () => {
    const { skeleton, paths, slices } = splitLargeArrays(input, SLICE);
    for (const s of slices) {
      w.postMessage({ type: 'slice', inputId, path: s.path, items: s.items } satisfies PoolMessage);
      await yieldToPage();
    }
    w.postMessage({ type: 'input', inputId, skeleton, paths } satisfies PoolMessage);
    return inputId;
  })();
  sent.set(input, id);
  return id;
}

/** Fits one heavy analysis in the Web Worker and keeps its result for analysisFor (an error becomes its message). */
export function fitInWorker(call: Pending): Promise<void> {
  const pending = running.get(call.key);
  if (pending) return pending;
  if (!worker) {
    worker = new Worker(new URL('./worker/pool.worker.ts', import.meta.url), { type: 'module' });
    sent = new WeakMap();
  }
  const w = worker;
  const id = nextId++;
  const job = new Promise<void>((resolve) => {
    const slices: (readonly unknown[])[][] = [];
    const done = (result: AppAnalysis) => {
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      running.delete(call.key);
      storeAnalysis(call.input, call.key, result);
      resolve();
    };
    const onMessage = (e: MessageEvent<PoolReply>) => {
      const m = e.data;
      if (m.id !== id) return;
      if (m.type === 'slice') {
        (slices[m.path] ??= []).push(m.items);
        w.postMessage({ type: 'ack', id } satisfies PoolMessage);
      } else if (m.type === 'lost') {
        sent.delete(call.input);
        fit();
      } else {
        done(joinLargeArrays(m.skeleton, m.paths, slices));
      }
    };
    const onError = (e: ErrorEvent) => {
      e.preventDefault();
      worker = null;
      done({ status: 'error', error: `the fitting worker failed: ${e.message || 'unknown error'}` });
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    const fit = () => void sendInput(w, call.input).then((inputId) => {
      w.postMessage({ type: 'fit', id, inputId, spec: call.spec } satisfies PoolMessage);
    });
    fit();
  });
  running.set(call.key, job);
  return job;
}
