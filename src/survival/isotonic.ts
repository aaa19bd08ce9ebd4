/**
 * The non-increasing least-squares fit to `values` (equal weights): pool-adjacent-violators, Ayer, Brunk, Ewing,
 * Reid & Silverman (1955) Ann Math Stat 26:641–647; Barlow et al. (1972) "Statistical inference under order
 * restrictions", ch. 1. Each run of values that rises is replaced by its mean, repeatedly, until none rises.
 *
 * isotonicDecreasing([1, 0.8, 0.9, 0.5]) → [1, 0.85, 0.85, 0.5]
 */
export function isotonicDecreasing(values: readonly number[]): number[] {
  const means: number[] = [];
  const sizes: number[] = [];
  for (const v of values) {
    means.push(v);
    sizes.push(1);
    // Pool while the newest block is above the block before it (a violation of "non-increasing").
    while (means.length > 1 && means[means.length - 1] > means[means.length - 2]) {
      const m2 = means.pop() as number;
      const s2 = sizes.pop() as number;
      const s1 = sizes[sizes.length - 1];
      means[means.length - 1] = (means[means.length - 1] * s1 + m2 * s2) / (s1 + s2);
      sizes[sizes.length - 1] = s1 + s2;
    }
  }
  const out: number[] = [];
  for (let b = 0; b < means.length; b++) for (let j = 0; j < sizes[b]; j++) out.push(means[b]);
  return out;
}
