/**
 * Reading an uploaded file (pure, no DOM; run inside the Web Worker for large files): bytes → text (decodeText, as
 * the CLI reads it) → readAnalysisInput, its CSV read in chunks so the page can show how many rows have been read.
 */
import { decodeText } from '../../data/decodeText.ts';
import { readAnalysisInput } from '../../data/readAnalysisInput.ts';
import type { AnalysisInput } from '../../data/types.ts';

/**
 * Where the reading is: decoding the bytes, parsing the CSV (records read after the header, fraction of the text
 * read), or — once the whole text is read — checking the rows.
 */
export interface UploadProgress {
  readonly stage: 'decoding' | 'parsing' | 'checking';
  readonly rowsRead: number;
  readonly fraction: number;
}

export interface UploadResult {
  readonly text: string;
  readonly input: AnalysisInput;
}

export function uploadJob(bytes: Uint8Array, onProgress?: (p: UploadProgress) => void): UploadResult {
  onProgress?.({ stage: 'decoding', rowsRead: 0, fraction: 0 });
  const text = decodeText(bytes);
  if (onProgress === undefined) return { text, input: readAnalysisInput(text) };
  const input = readAnalysisInput(text, {
    onProgress: ({ rowsRead, fraction }) => onProgress({ stage: fraction < 1 ? 'parsing' : 'checking', rowsRead, fraction }),
  });
  return { text, input };
}
