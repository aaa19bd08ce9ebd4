/**
 * Iterates `nc` ← nc + (miss) until miss(nc) = 0 (Guyot et al. 2012, step 5), within [0, ncMax] and at most
 * `maxIter` times; on a cycle or a bound it keeps the nc with the smallest |miss|, preferring a positive miss
 * (which extra censoring can close). Returns the chosen nc, its miss and the iterations used.
 */
export function solveCensored(
  start: number, ncMax: number, maxIter: number, miss: (nc: number) => number,
): { readonly nc: number; readonly miss: number; readonly iterations: number } {
  const seen = new Map<number, number>();
  let nc = Math.min(ncMax, Math.max(0, start));
  let it = 0;
  while (it < maxIter) {
    it++;
    const m = miss(nc);
    seen.set(nc, m);
    if (m === 0) return { nc, miss: 0, iterations: it };
    const next = Math.min(ncMax, Math.max(0, nc + m));
    if (seen.has(next)) break;
    nc = next;
  }
  let best = nc;
  let bestMiss = seen.get(nc) ?? miss(nc);
  for (const [c, m] of seen) {
    const better = Math.abs(m) < Math.abs(bestMiss) || (Math.abs(m) === Math.abs(bestMiss) && m > bestMiss);
    if (better) [best, bestMiss] = [c, m];
  }
  return { nc: best, miss: bestMiss, iterations: it };
}
