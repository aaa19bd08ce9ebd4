/**
 * Web Worker: runs poolJob (any analysis of a large input; GLMM / BAYES of many studies) off the page's thread, so
 * the page never freezes. The input arrives once per dataset, in slices (largeArrays.ts), and is kept here for later
 * fits of it (another method, other exclusions); the result goes back in slices the same way, one at a time.
 * Messages in: PoolMessage; out: PoolReply (the slices of a result, then its skeleton).
 */
import type { AnalysisInput } from '../../data/types.ts';
import type { AppAnalysis } from '../appAnalysis.ts';
import { joinLargeArrays, splitLargeArrays, type SplitValue } from './largeArrays.ts';
import { poolJob } from './poolJob.ts';
import { SLICE, type PoolMessage, type PoolReply } from './poolMessages.ts';

/** Inputs kept in the worker (the oldest forgotten). */
const KEEP_INPUTS = 2;

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<PoolMessage>) => void) | null;
  postMessage: (m: PoolReply) => void;
};

const arriving = new Map<number, (readonly unknown[])[][]>();
const inputs = new Map<number, AnalysisInput>();
/** Results being sent, by fit id: the slices not yet sent (the page acknowledges each), then the skeleton. */
const outgoing = new Map<number, { readonly split: SplitValue<AppAnalysis>; next: number }>();

function sendNext(id: number): void {
  const out = outgoing.get(id);
  if (!out) return;
  const { slices, skeleton, paths } = out.split;
  if (out.next < slices.length) {
    const s = slices[out.next++];
    scope.postMessage({ type: 'slice', id, path: s.path, items: s.items });
    return;
  }
  outgoing.delete(id);
  scope.postMessage({ type: 'done', id, skeleton, paths });
}

scope.onmessage = (e) => {
  const m = e.data;
  if (m.type === 'slice') {
    const parts = arriving.get(m.inputId) ?? [];
    arriving.set(m.inputId, parts);
    (parts[m.path] ??= []).push(m.items);
    return;
  }
  if (m.type === 'input') {
    inputs.set(m.inputId, joinLargeArrays(m.skeleton, m.paths, arriving.get(m.inputId) ?? []));
    arriving.delete(m.inputId);
    if (inputs.size > KEEP_INPUTS) inputs.delete(inputs.keys().next().value!);
    return;
  }
  if (m.type === 'ack') {
    sendNext(m.id);
    return;
  }
  const input = inputs.get(m.inputId);
  if (!input) {
    scope.postMessage({ type: 'lost', id: m.id });
    return;
  }
  outgoing.set(m.id, { split: splitLargeArrays(poolJob({ input, spec: m.spec }), SLICE), next: 0 });
  sendNext(m.id);
};
