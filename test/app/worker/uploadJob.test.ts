/**
 * uploadJob(bytes, onProgress): the worker's reading reports decoding, then rows read while parsing, then checking,
 * and returns what readAnalysisInput(decodeText(bytes)) returns (the oracle: the one-go reading of the CLI).
 */
import { expect, test } from 'vitest';
import { decodeText } from '../../../src/data/decodeText.ts';
import { readAnalysisInput } from '../../../src/data/readAnalysisInput.ts';
import { uploadJob, type UploadProgress } from '../../../src/app/worker/uploadJob.ts';

// 30 000 rows written here, every 1000th invalid (events > n): 30 problems at known rows
const lines = Array.from({ length: 30_000 }, (_, i) => (i % 1000 === 999 ? `S${i},40,20` : `S${i},${i % 9},20`));
const bytes = new Uint8Array(Buffer.from(`study,events,n\n${lines.join('\n')}`));

test('uploadJob(bytes, onProgress) reports decoding, rising rows read, then checking; same input as the one-go read', () => {
  const seen: UploadProgress[] = [];
  const { text, input } = uploadJob(bytes, (p) => seen.push(p));
  expect(input).toEqual(readAnalysisInput(decodeText(bytes)));
  expect(text).toBe(decodeText(bytes));
  expect(input.problems.map((p) => p.row)).toEqual(Array.from({ length: 30 }, (_, j) => 1000 * j + 1001));
  expect(seen[0]).toEqual({ stage: 'decoding', rowsRead: 0, fraction: 0 });
  expect(seen.at(-1)).toEqual({ stage: 'checking', rowsRead: 30_000, fraction: 1 });
  const parsing = seen.filter((p) => p.stage === 'parsing');
  expect(parsing.length).toBeGreaterThanOrEqual(1);
  for (let i = 1; i < seen.length; i++) expect(seen[i].rowsRead).toBeGreaterThanOrEqual(seen[i - 1].rowsRead);
});

test('uploadJob(bytes) without a callback reads in one go', () => {
  expect(uploadJob(bytes).input).toEqual(readAnalysisInput(decodeText(bytes)));
});
