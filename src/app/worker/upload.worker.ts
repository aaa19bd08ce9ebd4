/**
 * Web Worker: reads a large uploaded file (uploadJob) off the page's thread. Messages in: {id, bytes} (the buffer is
 * transferred); out: {id, progress} (the stage, rows read and fraction of the text, at least every 5 000 rows or
 * 50 ms) then {id, result} (the text and the parsed input) or {id, error}. The page cancels by terminating it.
 */
import { uploadJob, type UploadProgress, type UploadResult } from './uploadJob.ts';

export type UploadReply =
  | { readonly id: number; readonly progress: UploadProgress }
  | { readonly id: number; readonly result: UploadResult }
  | { readonly id: number; readonly error: string };

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<{ id: number; bytes: ArrayBuffer }>) => void) | null;
  postMessage: (m: UploadReply) => void;
};

scope.onmessage = (e) => {
  const { id, bytes } = e.data;
  try {
    const result = uploadJob(new Uint8Array(bytes), (progress) => scope.postMessage({ id, progress }));
    scope.postMessage({ id, result });
  } catch (err) {
    scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
