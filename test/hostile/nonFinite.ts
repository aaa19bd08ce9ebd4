/**
 * Paths of every number in a result that is not finite (NaN, ±Infinity) and of every null, e.g.
 * nonFinite({ a: 1, b: [NaN, null] }) → ['b[0]', 'b[1]']. Functions and undefined are skipped.
 */
export function nonFinite(value: unknown, path = ''): string[] {
  if (value === null) return [path];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinite(v, `${path}[${i}]`));
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => nonFinite(v, path ? `${path}.${k}` : k));
  }
  return [];
}
