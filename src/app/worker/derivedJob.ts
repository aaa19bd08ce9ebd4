/**
 * The costly diagnostics of one analysis (pure, no DOM; run inside the Web Worker): the same analyse() the page
 * makes, then derivedBundle (bias tests, leave-one-out, cumulative), reporting progress.
 */
import { analyse, type AnalysisSpec } from '../../analysis/index.ts';
import { derivedBundle, type DerivedBundle, type DerivedProgress } from '../../analysis/derived.ts';
import type { AnalysisInput } from '../../data/types.ts';

export interface DerivedRequest {
  readonly input: AnalysisInput;
  readonly spec: AnalysisSpec;
}

/** The bundle, or the analysis's error message. */
export function derivedJob(req: DerivedRequest, onProgress?: (p: DerivedProgress) => void): DerivedBundle | string {
  try {
    return derivedBundle(analyse(req.input, req.spec), onProgress);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
