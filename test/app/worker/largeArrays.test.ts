/**
 * splitLargeArrays / joinLargeArrays: what the page and the pool worker send in slices comes back whole. Oracle:
 * analyse() run here in one go on the same input (the page must hold exactly what analyse() returns).
 */
import { expect, test } from 'vitest';
import { analyse } from '../../../src/analysis/index.ts';
import { readAnalysisInput } from '../../../src/data/readAnalysisInput.ts';
import { joinLargeArrays, splitLargeArrays, type SplitValue } from '../../../src/app/worker/largeArrays.ts';
import { poolJob } from '../../../src/app/worker/poolJob.ts';

/** What arrives on the other side: each message structured-cloned, slices grouped by path in order, then joined. */
function roundTrip<T>(split: SplitValue<T>): T {
  const slices: (readonly unknown[])[][] = [];
  for (const s of split.slices) (slices[s.path] ??= []).push(structuredClone(s.items));
  return joinLargeArrays(structuredClone(split.skeleton), split.paths, slices);
}

// 2 500 rows written here (every 500th invalid: events > n), and a spec with exclusions: long arrays at several depths
const lines = Array.from({ length: 2500 }, (_, i) => (i % 500 === 499 ? `S${i},40,20` : `S${i},${i % 9},${20 + (i % 7)}`));
const input = readAnalysisInput(`study,events,n\n${lines.join('\n')}\n`);
const spec = { method: 'REML', test: 'knha', exclude: ['5', '77'] } as const;

test('splitLargeArrays(value, chunk) takes out every array longer than chunk, by path, in slices of chunk', () => {
  const v = { a: [1, 2, 3, 4, 5], b: { c: [1, 2], d: [[1, 2, 3, 4]] }, e: 'x' };
  const s = splitLargeArrays(v, 2);
  expect(s.skeleton).toEqual({ a: [], b: { c: [1, 2], d: [[]] }, e: 'x' });
  expect(s.paths).toEqual([['a'], ['b', 'd', 0]]);
  expect(s.slices).toEqual([
    { path: 0, items: [1, 2] }, { path: 0, items: [3, 4] }, { path: 0, items: [5] },
    { path: 1, items: [1, 2] }, { path: 1, items: [3, 4] },
  ]);
  // the value itself is left as it was
  expect(v).toEqual({ a: [1, 2, 3, 4, 5], b: { c: [1, 2], d: [[1, 2, 3, 4]] }, e: 'x' });
});

test('an input sent in slices, fitted by poolJob and sent back in slices deep-equals analyse(input, spec)', () => {
  const sent = splitLargeArrays(input, 300);
  expect(sent.paths).toEqual([['rows']]);
  const received = roundTrip(sent);
  expect(received).toEqual(input);
  // the page fits the valid rows (appAnalysis.ts validOf): the problems stay beside the analysis
  const valid = { ...received, problems: [] };
  const result = poolJob({ input: valid, spec });
  expect(result.status).toBe('ready');
  const back = splitLargeArrays(result, 300);
  // rows, units, effects and the weights of the fit cross in slices
  expect(back.paths).toEqual(expect.arrayContaining([['analysis', 'rows'], ['analysis', 'units'], ['analysis', 'effects']]));
  expect(roundTrip(back)).toEqual({ status: 'ready', analysis: analyse({ ...input, problems: [] }, spec) });
});

test('a value without long arrays crosses in one piece; a long array at the root is joined too', () => {
  const small = splitLargeArrays({ status: 'error', error: 'x' }, 10);
  expect(small.paths).toEqual([]);
  expect(roundTrip(small)).toEqual({ status: 'error', error: 'x' });
  expect(roundTrip(splitLargeArrays([1, 2, 3], 2))).toEqual([1, 2, 3]);
});
