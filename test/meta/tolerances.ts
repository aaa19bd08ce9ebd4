/**
 * Tolerances against the metafor fixtures, named by quantity (relative, with a tiny absolute floor for values
 * that are 0 in one program and ~1e-13 in the other, e.g. τ² at the boundary).
 */
export const TOL = {
  effect: 1e-9,
  estimate: 1e-6,
  se: 1e-6,
  ci: 1e-6,
  pi: 1e-6,
  tau2: 1e-6,
  tau2_ci: 1e-4,
  heterogeneity: 1e-6,
  pvalue: 1e-6,
  weight: 1e-6,
  back: 1e-6,
} as const;

const ABS_FLOOR = 1e-10;

/** |actual − expected| ≤ rel·|expected| + 1e-10. */
export function close(actual: number, expected: number, rel: number): boolean {
  return Math.abs(actual - expected) <= rel * Math.abs(expected) + ABS_FLOOR;
}

export function relError(actual: number, expected: number): number {
  const d = Math.abs(actual - expected);
  return d <= ABS_FLOOR ? 0 : d / Math.max(Math.abs(expected), ABS_FLOOR);
}
