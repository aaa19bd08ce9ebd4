/**
 * Reading an uploaded file (pure, no DOM; run inside the Web Worker for large files): bytes → text (decodeText, as
 * the CLI reads it) → readAnalysisInput, with the number of lines counted first so the page can say what it does.
 */
import { decodeText } from '../../data/decodeText.ts';
import { readAnalysisInput } from '../../data/readAnalysisInput.ts';
import type { AnalysisInput } from '../../data/types.ts';

export interface UploadProgress {
  readonly stage: 'decoding' | 'parsing';
  /** data lines in the file (known once decoded) */
  readonly lines: number | null;
}

export interface UploadResult {
  readonly text: string;
  readonly input: AnalysisInput;
}

/** Lines after the header (a last line without a newline counts). */
export function dataLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n += 1;
  if (text.length > 0 && !text.endsWith('\n')) n += 1;
  return Math.max(0, n - 1);
}

export function uploadJob(bytes: Uint8Array, onProgress?: (p: UploadProgress) => void): UploadResult {
  onProgress?.({ stage: 'decoding', lines: null });
  const text = decodeText(bytes);
  onProgress?.({ stage: 'parsing', lines: dataLines(text) });
  return { text, input: readAnalysisInput(text) };
}
