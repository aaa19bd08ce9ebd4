/**
 * Web Worker: runs poolJob (any analysis of a large input; GLMM / BAYES of many studies) off the page's thread, so
 * the page never freezes. The input arrives once per dataset, in slices (largeArrays.ts), and is kept here for later
 * fits of it (another method, other exclusions); the result goes back in slices the same way.
 * Messages in: PoolMessage; out: PoolReply (the slices of a result, then its skeleton).
 */
import type { AnalysisInput } from '../../data/types.ts';
import type { AppAnalysis } from '../appAnalysis.ts';
import { joinLargeArrays, splitLargeArrays } from './largeArrays.ts';
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
  const input = inputs.get(m.inputId);
  const result: AppAnalysis = input
    ? poolJob({ input, spec: m.spec })
    : { status: 'error', error: 'the fitting worker lost its input' };
  const { skeleton, paths, slices } = splitLargeArrays(result, SLICE);
  for (const s of slices) scope.postMessage({ type: 'slice', id: m.id, path: s.path, items: s.items });
  scope.postMessage({ type: 'done', id: m.id, skeleton, paths });
};
