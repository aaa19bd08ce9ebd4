/** Number formatting for chart labels and tables (display only; no statistics here). */

/** A proportion as percent with one decimal: 0.7412 → "74.1". */
export function pct(x: number, digits = 1): string {
  return Number.isFinite(x) ? (x * 100).toFixed(digits) : '–';
}

/** A value with fixed decimals, or an en dash when missing. */
export function fixed(x: number | null | undefined, digits = 2): string {
  return x !== null && x !== undefined && Number.isFinite(x) ? x.toFixed(digits) : '–';
}

/** "74.1 [63.0, 83.2]" for a point and interval; percent when `asPercent`. */
export function estimateWithCi(estimate: number, ci: readonly [number, number], asPercent: boolean): string {
  const f = (x: number) => (asPercent ? pct(x) : fixed(x));
  return `${f(estimate)} [${f(ci[0])}, ${f(ci[1])}]`;
}

/** A p-value for people: "< 0.001", "0.042", or "not defined" when it is not a number. */
export function pText(p: number): string {
  return Number.isFinite(p) ? (p < 0.001 ? '< 0.001' : p.toFixed(3)) : 'not defined';
}
