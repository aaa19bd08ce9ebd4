/**
 * Test helper for the Guyot round trip: simulated IPD (seeded), its true KM, a "digitised" copy of that KM and
 * a risk table at regular times, as a reader of a published figure would have them.
 */
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

/** The corners of the drops of `km` (a random subset that misses no visible step), the start and the end of the curve, with noise, shuffled. */
export function digitise(km: KmResult, spec: DigitiseSpec): { time: number; survival: number }[] {
  const u = mulberry32(spec.seed);
  const tLast = km.times[km.times.length - 1];
  const pts: { time: number; survival: number }[] = [{ time: 0, survival: 1 }];
  let prev = 1;
  let lastKept = 1; // survival after the last kept drop
  for (let j = 0; j < km.times.length; j++) {
    if (km.nEvent[j] > 0 && (u() < spec.keep || lastKept - km.surv[j] >= spec.maxSkip)) {
      pts.push({ time: km.times[j], survival: prev }, { time: km.times[j], survival: km.surv[j] });
      lastKept = km.surv[j];
    }
    prev = km.surv[j];
  }
  pts.push({ time: tLast, survival: prev });
  const noisy = pts.map((p) => ({
    time: p.time + (2 * u() - 1) * spec.noise * tLast,
    survival: p.survival + (2 * u() - 1) * spec.noise,
  }));
  for (let i = noisy.length - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [noisy[i], noisy[j]] = [noisy[j], noisy[i]];
  }
  return noisy;
}

/** Numbers at risk (time ≥ t) at 0, step, 2·step, … below the last observed time. */
export function riskTable(time: readonly number[], step: number): { time: number; nRisk: number }[] {
  const tLast = Math.max(...time);
  const out: { time: number; nRisk: number }[] = [];
  for (let t = 0; t < tLast; t += step) out.push({ time: t, nRisk: time.filter((x) => x >= t).length });
  return out;
}

/**
 * One round trip: simulate an arm, digitise its true KM (half the corners, ±0.003 noise, no skipped run of drops
 * larger than 0.01), build the risk table every `riskStep`, reconstruct, and compare S at 10 %, …, 90 % of the last
 * risk-table time (inside follow-up). Shared by the round-trip test and scripts/guyotSeeds.ts.
 */
export function roundTrip(spec: SimSpec, riskStep: number) {
  const truth = simulateArm(spec);
  const points = digitise(truth.km, { seed: spec.seed + 1000, keep: 0.5, noise: 0.003, maxSkip: 0.01 });
  const risk = riskTable(truth.time, riskStep);
  const curve = prepareCurve(points, { riskTimes: risk.map((r) => r.time) });
  const result = guyot(curve, risk);
  const diag = guyotDiagnostics(curve, risk, result);
  const tLast = risk[risk.length - 1].time;
  const landmarks = Array.from({ length: 9 }, (_, i) => ((i + 1) / 10) * tLast);
  const maxDiff = Math.max(...landmarks.map((t) => Math.abs(survivalAt(diag.km, t) - survivalAt(truth.km, t))));
  return { truth, result, diag, maxDiff, points };
}
