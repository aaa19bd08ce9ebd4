/**
 * Pass rates of the Guyot round trip (test/survival/guyotRoundTrip.test.ts) over seeds 1–20: the same simulated
 * cases, digitiser model and bounds as the test, each seed in place of seed 1. Prints one row per case; the table
 * in docs/methods/reconstruction.md ("Accuracy") is this output. Run: npx tsx scripts/guyotSeeds.ts [firstSeed lastSeed]
 */
import { coxBinary } from '../src/survival/coxBinary.ts';
import type { IpdRow } from '../src/survival/guyot.ts';
import { roundTrip, simulateArm, type SimSpec } from '../test/survival/guyotSimulate.ts';

const first = Number(process.argv[2] ?? 1);
const last = Number(process.argv[3] ?? 20);

const rel = (x: number, ref: number) => x / ref - 1;
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const CASES: readonly [string, Omit<SimSpec, 'seed'>, number, number][] = [
  // name, spec, risk-table step, S bound (small n: one step 1/30 plus the survival noise 2 × 0.003)
  ['exponential, n = 300', { n: 300, scale: 24, shape: 1, censorMax: 150, followUp: 60 }, 6, 0.02],
  ['Weibull shape 1.5, n = 300', { n: 300, scale: 36, shape: 1.5, censorMax: 150, followUp: 60 }, 6, 0.02],
  ['heavy censoring, n = 300', { n: 300, scale: 36, shape: 1, censorMax: 40, followUp: 60 }, 4, 0.02],
  ['small, n = 30', { n: 30, scale: 24, shape: 1, censorMax: 100, followUp: 48 }, 6, 1 / 30 + 0.006],
];

const header = '| case | |ΔS| within bound | events within 2 % | median within 5 % |';
const lines = [`seeds ${first}–${last}`, header, '|---|---|---|---|'];
const count = last - first + 1;
for (const [name, spec, step, sBound] of CASES) {
  const s: number[] = [];
  const e: number[] = [];
  const m: number[] = [];
  for (let seed = first; seed <= last; seed++) {
    const r = roundTrip({ ...spec, seed }, step);
    s.push(r.maxDiff);
    e.push(rel(r.result.events, r.truth.km.events));
    const [mr, mt] = [r.diag.median, r.truth.km.median];
    m.push(mr === null || mt === null ? NaN : Math.abs(rel(mr, mt)));
  }
  const ok = (xs: number[], f: (x: number) => boolean) => `${xs.filter(f).length}/${count}`;
  const worstE = e.reduce((w, x) => (Math.abs(x) > Math.abs(w) ? x : w), 0);
  const meanE = e.reduce((t, x) => t + x, 0) / count;
  lines.push(
    `| ${name} | ${ok(s, (x) => x <= sBound)} (bound ${sBound.toFixed(3)}, max ${Math.max(...s).toFixed(3)}) ` +
    `| ${ok(e, (x) => Math.abs(x) <= 0.02)} (mean ${pct(meanE)}, worst ${pct(worstE)}) ` +
    `| ${ok(m, (x) => x <= 0.05)} (worst ${pct(Math.max(...m.filter((x) => !Number.isNaN(x))))}) |`,
  );
}

const hrRel: number[] = [];
for (let seed = first; seed <= last; seed++) {
  const a = roundTrip({ seed, n: 250, scale: 20, shape: 1, censorMax: 120, followUp: 60 }, 6);
  const b = roundTrip({ seed: seed + 500, n: 250, scale: 30, shape: 1, censorMax: 120, followUp: 60 }, 6);
  const hr = (x: readonly IpdRow[], y: readonly IpdRow[]) => {
    const all = [...x, ...y];
    return coxBinary(all.map((r) => r.time), all.map((r) => r.event), all.map((_, i) => (i < x.length ? 0 : 1))).hr;
  };
  const rows = (t: ReturnType<typeof simulateArm>) => t.time.map((time, i) => ({ time, event: t.event[i] }));
  hrRel.push(Math.abs(rel(hr(a.result.ipd, b.result.ipd), hr(rows(a.truth), rows(b.truth)))));
}
lines.push(`two arms (n = 250 each, true HR 2/3): HR within 5 % in ${hrRel.filter((x) => x <= 0.05).length}/${count} (worst ${pct(Math.max(...hrRel))})`);
console.log(lines.join('\n'));
