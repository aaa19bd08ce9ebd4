/**
 * Test helper for the Guyot round trip: simulated IPD (seeded), its true KM, a "digitised" copy of that KM and
 * a risk table at regular times, as a reader of a published figure would have them.
 */
import type { DigitisationChoice } from '../../src/survival/detectDigitisation.ts';
import { coxBinary } from '../../src/survival/coxBinary.ts';
import { guyot } from '../../src/survival/guyot.ts';
import { guyotDiagnostics } from '../../src/survival/guyotDiagnostics.ts';
import { kaplanMeier, type KmResult } from '../../src/survival/kaplanMeier.ts';
import { prepareCurve } from '../../src/survival/prepareCurve.ts';
import { survivalAt } from '../../src/survival/survivalAt.ts';
import { mulberry32 } from '../../src/survival/random.ts';

export interface SimSpec {
  readonly seed: number;
  readonly n: number;
  /** Weibull S(t) = exp(−(t / scale)^shape). */
  readonly scale: number;
  readonly shape: number;
  /** Uniform censoring on (0, censorMax). */
  readonly censorMax: number;
  /** Administrative end of follow-up. */
  readonly followUp: number;
}

export interface SimArm {
  readonly time: number[];
  readonly event: (0 | 1)[];
  readonly km: KmResult;
}

/** IPD with Weibull event times (inverse-CDF sampling) and uniform censoring, cut at `followUp`. */
export function simulateArm(spec: SimSpec): SimArm {
  const u = mulberry32(spec.seed);
  const time: number[] = [];
  const event: (0 | 1)[] = [];
  for (let i = 0; i < spec.n; i++) {
    const t = spec.scale * (-Math.log(1 - u())) ** (1 / spec.shape);
    const c = Math.min(spec.followUp, u() * spec.censorMax);
    time.push(Math.min(t, c));
    event.push(t <= c ? 1 : 0);
  }
  return { time, event, km: kaplanMeier({ time, event }) };
}

export interface DigitiseSpec {
  readonly seed: number;
  /** Fraction of the drops whose two corners are kept at random... */
  readonly keep: number;
  /** ...but a drop is always kept once the drops skipped since the last kept one add up to this (a visible step). */
  readonly maxSkip: number;
  /** Uniform noise ± this on survival and ± this × last time on time. */
  readonly noise: number;
}

/** How a figure was digitised: left end of each horizontal segment, both corners of each drop, or a dense trace. */
export type SimStyle = 'steps' | 'corners' | 'trace';

/** The indices of the drops a digitiser clicks: a random `keep` share, but never a skipped run larger than maxSkip. */
function keptDrops(km: KmResult, spec: DigitiseSpec, u: () => number): number[] {
  const kept: number[] = [];
  let lastKept = 1; // survival after the last kept drop
  for (let j = 0; j < km.times.length; j++) {
    if (km.nEvent[j] > 0 && (u() < spec.keep || lastKept - km.surv[j] >= spec.maxSkip)) {
      kept.push(j);
      lastKept = km.surv[j];
    }
  }
  return kept;
}

/** Uniform noise (± noise on survival, ± noise × tLast on time), then a shuffle: the digitiser's order is not kept. */
function degrade(pts: readonly { time: number; survival: number }[], noise: number, tLast: number, u: () => number) {
  const noisy = pts.map((p) => ({
    time: p.time + (2 * u() - 1) * noise * tLast,
    survival: p.survival + (2 * u() - 1) * noise,
  }));
  for (let i = noisy.length - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [noisy[i], noisy[j]] = [noisy[j], noisy[i]];
  }
  return noisy;
}

/** 'corners': both corners of the kept drops (a random subset that misses no visible step), the start and the end of the curve, with noise, shuffled. */
export function digitise(km: KmResult, spec: DigitiseSpec): { time: number; survival: number }[] {
  const u = mulberry32(spec.seed);
  const tLast = km.times[km.times.length - 1];
  const pts: { time: number; survival: number }[] = [{ time: 0, survival: 1 }];
  for (const j of keptDrops(km, spec, u)) {
    pts.push({ time: km.times[j], survival: j > 0 ? km.surv[j - 1] : 1 }, { time: km.times[j], survival: km.surv[j] });
  }
  pts.push({ time: tLast, survival: km.surv[km.surv.length - 1] });
  return degrade(pts, spec.noise, tLast, u);
}

/** 'steps': one point at the left end of each horizontal segment after a kept drop, the start and the end of the curve, with noise, shuffled. */
export function digitiseSteps(km: KmResult, spec: DigitiseSpec): { time: number; survival: number }[] {
  const u = mulberry32(spec.seed);
  const tLast = km.times[km.times.length - 1];
  const pts: { time: number; survival: number }[] = [{ time: 0, survival: 1 }];
  for (const j of keptDrops(km, spec, u)) pts.push({ time: km.times[j], survival: km.surv[j] });
  pts.push({ time: tLast, survival: km.surv[km.surv.length - 1] });
  return degrade(pts, spec.noise, tLast, u);
}

/**
 * 'trace': what an automatic extraction (or a patient hand) gives: a point every tLast / `gridPoints` along the
 * curve, plus points every 0.01 down each drop larger than 0.02 (the vertical lines the trace follows), with noise,
 * shuffled. No drop is skipped: a one-death step shows as the fall between two neighbouring grid points.
 */
export function digitiseTrace(
  km: KmResult, spec: DigitiseSpec & { readonly gridPoints: number },
): { time: number; survival: number }[] {
  const u = mulberry32(spec.seed);
  const tLast = km.times[km.times.length - 1];
  const pts: { time: number; survival: number }[] = [];
  for (let i = 0; i <= spec.gridPoints; i++) {
    const t = (i / spec.gridPoints) * tLast;
    pts.push({ time: t, survival: survivalAt(km, t) });
  }
  for (let j = 0; j < km.times.length; j++) {
    const before = j > 0 ? km.surv[j - 1] : 1;
    if (before - km.surv[j] <= 0.02) continue;
    for (let s = before - 0.01; s > km.surv[j]; s -= 0.01) pts.push({ time: km.times[j], survival: s });
  }
  return degrade(pts, spec.noise, tLast, u);
}

/** A digitised copy of `km` in the given style, with the round trip's digitiser settings (see roundTrip). */
export function digitiseAs(km: KmResult, style: SimStyle, seed: number): { time: number; survival: number }[] {
  const spec = { seed, keep: 0.5, noise: 0.003, maxSkip: 0.01 };
  if (style === 'steps') return digitiseSteps(km, spec);
  if (style === 'trace') return digitiseTrace(km, { ...spec, gridPoints: 300 });
  return digitise(km, spec);
}

/** Numbers at risk (time ≥ t) at 0, step, 2·step, … below the last observed time. */
export function riskTable(time: readonly number[], step: number): { time: number; nRisk: number }[] {
  const tLast = Math.max(...time);
  const out: { time: number; nRisk: number }[] = [];
  for (let t = 0; t < tLast; t += step) out.push({ time: t, nRisk: time.filter((x) => x >= t).length });
  return out;
}

/**
 * One round trip: simulate an arm, digitise its true KM in `style` (digitiseAs: for steps and corners a random half
 * of the drops but no skipped run larger than 0.01; a trace every tLast / 300; ±0.003 noise), build the risk table
 * every `riskStep`, reconstruct reading the points as `digitised` (default: as they were digitised), and compare S
 * at 10 %, …, 90 % of the last risk-table time (inside follow-up). Shared by the round-trip test and
 * scripts/guyotSeeds.ts.
 */
export function roundTrip(spec: SimSpec, riskStep: number, style: SimStyle = 'corners', digitised: DigitisationChoice = style) {
  const truth = simulateArm(spec);
  const points = digitiseAs(truth.km, style, spec.seed + 1000);
  const risk = riskTable(truth.time, riskStep);
  const curve = prepareCurve(points, { riskTimes: risk.map((r) => r.time), digitised });
  const result = guyot(curve, risk);
  const diag = guyotDiagnostics(curve, risk, result);
  const tLast = risk[risk.length - 1].time;
  const landmarks = Array.from({ length: 9 }, (_, i) => ((i + 1) / 10) * tLast);
  const maxDiff = Math.max(...landmarks.map((t) => Math.abs(survivalAt(diag.km, t) - survivalAt(truth.km, t))));
  return { truth, result, diag, maxDiff, points, curve, risk, landmarks };
}

/** The round trip's simulated cases: name, IPD spec (without seed) and risk-table step. */
export const ROUND_TRIP_CASES: readonly { readonly name: string; readonly spec: Omit<SimSpec, 'seed'>; readonly riskStep: number }[] = [
  { name: 'exponential, n = 300', spec: { n: 300, scale: 24, shape: 1, censorMax: 150, followUp: 60 }, riskStep: 6 },
  { name: 'Weibull shape 1.5, n = 300', spec: { n: 300, scale: 36, shape: 1.5, censorMax: 150, followUp: 60 }, riskStep: 6 },
  { name: 'heavy censoring, n = 300', spec: { n: 300, scale: 36, shape: 1, censorMax: 40, followUp: 60 }, riskStep: 4 },
  { name: 'small, n = 30', spec: { n: 30, scale: 24, shape: 1, censorMax: 100, followUp: 48 }, riskStep: 6 },
];

/** The two-arm case: arm A (seed) and arm B (seed + 500), exponential, true HR 2/3. */
export const TWO_ARMS = {
  a: { n: 250, scale: 20, shape: 1, censorMax: 120, followUp: 60 },
  b: { n: 250, scale: 30, shape: 1, censorMax: 120, followUp: 60 },
  riskStep: 6,
} as const;

/** The bounds for one round trip: |ΔS| ≤ 0.02 + 1/n at the landmarks, events within max(2 %, 1), median within 5 %. */
export function withinBounds(r: ReturnType<typeof roundTrip>) {
  const n = r.truth.time.length;
  const trueEvents = r.truth.km.events;
  const [mr, mt] = [r.diag.median, r.truth.km.median];
  return {
    s: r.maxDiff <= 0.02 + 1 / n,
    events: Math.abs(r.result.events - trueEvents) <= Math.max(0.02 * trueEvents, 1),
    median: mr !== null && mt !== null && Math.abs(mr / mt - 1) <= 0.05,
    eventsRel: r.result.events / trueEvents - 1,
    medianRel: mr !== null && mt !== null ? mr / mt - 1 : NaN,
  };
}

/** Cox HR of arm B vs arm A (coxBinary, Efron ties) on the reconstructed and on the true IPD, and their relative difference. */
export function twoArmHr(seed: number, style: SimStyle, digitised: DigitisationChoice = style) {
  const a = roundTrip({ seed, ...TWO_ARMS.a }, TWO_ARMS.riskStep, style, digitised);
  const b = roundTrip({ seed: seed + 500, ...TWO_ARMS.b }, TWO_ARMS.riskStep, style, digitised);
  const hr = (x: readonly { time: number; event: 0 | 1 }[], y: readonly { time: number; event: 0 | 1 }[]) => {
    const all = [...x, ...y];
    return coxBinary(all.map((r) => r.time), all.map((r) => r.event), all.map((_, i) => (i < x.length ? 0 : 1))).hr;
  };
  const rows = (t: SimArm) => t.time.map((time, i) => ({ time, event: t.event[i] }));
  const reconstructed = hr(a.result.ipd, b.result.ipd);
  const truth = hr(rows(a.truth), rows(b.truth));
  return { reconstructed, truth, rel: reconstructed / truth - 1, arms: [a, b] as const };
}
