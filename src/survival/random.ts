/**
 * mulberry32: a small seeded 32-bit pseudo-random generator (Tommy Ettinger's public-domain design), returning
 * uniforms in [0, 1). For simulations and tests that must repeat exactly; not for cryptography.
 *
 * const u = mulberry32(1); u() → the same sequence on every run
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
