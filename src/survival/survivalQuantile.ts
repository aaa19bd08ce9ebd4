/**
 * The time at which a step curve reaches a level, by the rule R survival documents for quantile.survfit and
 * applies to the curve and to each confidence-limit curve (Therneau, survival 3.5; Brookmeyer & Crowley 1982):
 * over the curve's distinct values (each at the first time it is taken, the curve starting at (0, 1), undefined
 * points dropped), let a be the time of the largest value ≤ level + tol and b the time of the largest value
 * ≤ level − tol. The quantile is (a + b)/2: the first crossing for a curve that drops through the level, the
 * midpoint of a horizontal segment lying at the level (within tol). When nothing lies below level − tol but the
 * last distinct value is within tol of the level, the segment runs to the last time: (a + last time)/2.
 * Otherwise (the curve stays above the level) it is null. For a non-increasing curve this is "the first time
 * S ≤ level, or the midpoint of a segment at exactly the level"; it differs only for a limit curve that rises
 * again (the log upper limit near the end of a curve can), where it follows R.
 */
export function survivalQuantile(
  times: readonly number[],
  curve: readonly number[],
  level: number,
  tolerance = Math.sqrt(Number.EPSILON),
): number | null {
  const seen = new Set<number>([1]);
  let lastValue = 1;
  let aValue = -Infinity;
  let a: number | null = level + tolerance >= 1 ? 0 : null;
  if (a !== null) aValue = 1;
  let bValue = -Infinity;
  let b: number | null = level - tolerance >= 1 ? 0 : null;
  if (b !== null) bValue = 1;
  for (let i = 0; i < times.length; i++) {
    const s = curve[i];
    if (Number.isNaN(s) || seen.has(s)) continue;
    seen.add(s);
    lastValue = s;
    if (s <= level + tolerance && s > aValue) {
      aValue = s;
      a = times[i];
    }
    if (s <= level - tolerance && s > bValue) {
      bValue = s;
      b = times[i];
    }
  }
  if (a === null) return null;
  if (b !== null) return (a + b) / 2;
  if (Math.abs(lastValue - level) < tolerance && times.length > 0) return (a + times[times.length - 1]) / 2;
  return null;
}
