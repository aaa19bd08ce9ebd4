/**
 * The time at which a step curve first falls to or below a level, with R survival's flat-segment rule:
 * when the curve sits exactly at the level (within `tolerance`) the midpoint of that horizontal segment is
 * returned, the segment running to the next drop (or to the last time when there is none).
 * Source: R survival, documentation of quantile.survfit (Therneau); NaN points (undefined limits) never cross.
 */
export function survivalQuantile(
  times: readonly number[],
  curve: readonly number[],
  level: number,
  tolerance = Math.sqrt(Number.EPSILON),
): number | null {
  const n = times.length;
  let i = 0;
  while (i < n && !(curve[i] <= level + tolerance)) i++;
  if (i === n) return null;
  if (Math.abs(curve[i] - level) >= tolerance) return times[i];
  let j = i + 1;
  while (j < n && !(curve[j] < level - tolerance)) j++;
  const end = j < n ? times[j] : times[n - 1];
  return (times[i] + end) / 2;
}
