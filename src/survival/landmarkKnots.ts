/** Published landmarks → the knots a model-based curve must pass through. */
/** A published survival proportion S (0–1) at a time (months). */
export interface Landmark {
  readonly time: number;
  readonly surv: number;
}

export interface LandmarkInput {
  readonly landmarks?: readonly Landmark[];
  /** Published median survival (time at which S = 0.5). */
  readonly median?: number | null;
}

/** Published numbers → sorted, de-duplicated, clamped knots with (0, 1) first; every repair is a warning. */
export function landmarkKnots(input: LandmarkInput, warnings: string[]): Landmark[] {
  const raw: (Landmark & { label: string })[] = [];
  for (const l of input.landmarks ?? []) {
    if (!Number.isFinite(l.time) || !Number.isFinite(l.surv) || l.time <= 0) {
      warnings.push(`landmark (${l.time}, ${l.surv}) ignored: time must be > 0 and both finite`);
      continue;
    }
    let s = l.surv;
    if (s < 0 || s > 1) {
      s = Math.min(1, Math.max(0, s));
      warnings.push(`landmark S(${l.time}) = ${l.surv} outside [0, 1]; clamped to ${s}`);
    }
    if (s === 0) warnings.push(`S(${l.time}) = 0: with a constant hazard the curve drops to 0 just after the knot before`);
    raw.push({ time: l.time, surv: s, label: `S(${l.time}) = ${s}` });
  }
  const median = input.median;
  if (median !== undefined && median !== null) {
    if (Number.isFinite(median) && median > 0) raw.push({ time: median, surv: 0.5, label: `median ${median}` });
    else warnings.push(`median ${median} ignored: must be a finite time > 0`);
  }
  // Stable sort by time: landmarks before the median at equal times.
  raw.sort((a, b) => a.time - b.time);
  const knots: Landmark[] = [{ time: 0, surv: 1 }];
  let prevLabel = 'S(0) = 1';
  for (const k of raw) {
    const last = knots[knots.length - 1];
    if (k.time === last.time) {
      if (k.surv !== last.surv) warnings.push(`${k.label} conflicts with ${prevLabel} at the same time; kept ${prevLabel}`);
      continue;
    }
    if (k.surv > last.surv) {
      warnings.push(`${k.label} is above ${prevLabel} at an earlier time (survival cannot rise); held at ${last.surv}`);
      knots.push({ time: k.time, surv: last.surv });
    } else {
      knots.push({ time: k.time, surv: k.surv });
      prevLabel = k.label;
    }
  }
  return knots;
}
