import { extent } from 'd3-array';

/**
 * [min, max] of finite numbers without spreading them into Math.min / Math.max (which overflows the call stack at
 * about 10⁵ values); [0, 1] when there is none. extentOf([3, 1, 2]) → [1, 3].
 */
export function extentOf(values: Iterable<number>): [number, number] {
  const [lo, hi] = extent(values, (v) => (Number.isFinite(v) ? v : undefined));
  return lo === undefined || hi === undefined ? [0, 1] : [lo, hi];
}
