/** Kaplan–Meier for n = 100 000 and Cox (one binary covariate, Efron) for n = 10 000, on seeded data. */
import { coxBinary } from '../src/survival/coxBinary.ts';
import { kaplanMeier } from '../src/survival/kaplanMeier.ts';
import { logRank } from '../src/survival/logRank.ts';
import type { BenchRow } from './run.ts';
import { medianMs } from './timing.ts';

/** mulberry32: a small seeded generator so every run times the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function simulate(n: number, seed: number): { time: number[]; event: (0 | 1)[]; group: (0 | 1)[] } {
  const u = rng(seed);
  const time: number[] = [];
  const event: (0 | 1)[] = [];
  const group: (0 | 1)[] = [];
  for (let i = 0; i < n; i++) {
    const g = u() < 0.5 ? 0 : 1;
    const tEvent = -Math.log(u()) / (g === 1 ? 0.03 : 0.02);
    const tCensor = 10 + 80 * u();
    // Whole months: many ties, as in published series.
    time.push(Math.max(1, Math.ceil(Math.min(tEvent, tCensor))));
    event.push(tEvent <= tCensor ? 1 : 0);
    group.push(g);
  }
  return { time, event, group };
}

export default async function (): Promise<BenchRow[]> {
  const big = simulate(100_000, 1);
  const mid = simulate(10_000, 2);
  return [
    { name: 'kaplanMeier n=100000', value: medianMs(() => kaplanMeier(big)), unit: 'ms' },
    { name: 'logRank 2 groups n=100000', value: medianMs(() => logRank(big.time, big.event, big.group)), unit: 'ms' },
    { name: 'coxBinary Efron n=10000', value: medianMs(() => coxBinary(mid.time, mid.event, mid.group)), unit: 'ms' },
  ];
}
