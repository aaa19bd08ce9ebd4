/** Well-shaped random inputs for the engines (fast-check arbitraries) and the fixed settings of every fuzz run. */
import fc from 'fast-check';

/** Deeper runs on demand: `FUZZ_SCALE=20 FUZZ_SEED=7 npx vitest run test/hostile` (defaults: 1 and the fixed seed). */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);

/** fast-check settings: one fixed seed, so a failure reproduces, and `numRuns` (moderate, to keep the suite fast). */
export function fuzz(numRuns = 150): { seed: number; numRuns: number } {
  return { seed: SEED, numRuns: Math.max(1, Math.round(numRuns * SCALE)) };
}

/** One study's counts: n 1–5000 and events 0..n, with 0 and n (the boundary cases) drawn often. */
export const countsArb = fc.integer({ min: 1, max: 5000 }).chain((n) => fc.record({
  n: fc.constant(n),
  events: fc.oneof(fc.constant(0), fc.constant(n), fc.integer({ min: 0, max: n })),
}));

/** k studies of counts; sometimes all with 0 events or all with n events. */
export function countsListArb(minK: number, maxK = 30): fc.Arbitrary<{ n: number; events: number }[]> {
  const list = fc.array(countsArb, { minLength: minK, maxLength: maxK });
  return fc.oneof(
    { weight: 4, arbitrary: list },
    { weight: 1, arbitrary: list.map((l) => l.map((s) => ({ n: s.n, events: 0 }))) },
    { weight: 1, arbitrary: list.map((l) => l.map((s) => ({ n: s.n, events: s.n }))) },
  );
}

/** A sampling variance from 1e-12 to 1e8 (log-uniform). */
export const viArb = fc.double({ min: -12, max: 8, noNaN: true }).map((u) => 10 ** u);

/** An effect size: usually moderate, sometimes extreme (up to ±1e8). */
export const yiArb = fc.oneof(
  { weight: 3, arbitrary: fc.double({ min: -20, max: 20, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: -1e8, max: 1e8, noNaN: true }) },
);

/** k generic effects (yi, vi); sometimes all identical (zero residual heterogeneity). */
export function genericListArb(minK: number, maxK = 30): fc.Arbitrary<{ yi: number; vi: number }[]> {
  const list = fc.array(fc.record({ yi: yiArb, vi: viArb }), { minLength: minK, maxLength: maxK });
  return fc.oneof(
    { weight: 4, arbitrary: list },
    { weight: 1, arbitrary: list.map((l) => l.map(() => ({ yi: l[0].yi, vi: l[0].vi }))) },
  );
}

/** Right-censored survival data: times with ties and zeros, sometimes all censored or all events. */
export function survivalArb(minN: number, maxN: number): fc.Arbitrary<{ time: number[]; event: (0 | 1)[] }> {
  const time = fc.oneof(
    fc.constant(0),
    fc.integer({ min: 0, max: 20 }),
    fc.double({ min: 0, max: 120, noNaN: true }),
  );
  const row = fc.record({ time, event: fc.constantFrom<0 | 1>(0, 1) });
  const rows = fc.array(row, { minLength: minN, maxLength: maxN });
  return fc.oneof(
    { weight: 4, arbitrary: rows },
    { weight: 1, arbitrary: rows.map((r) => r.map((x) => ({ ...x, event: 0 as const }))) },
    { weight: 1, arbitrary: rows.map((r) => r.map((x) => ({ ...x, event: 1 as const }))) },
  ).map((r) => ({ time: r.map((x) => x.time), event: r.map((x) => x.event) }));
}
