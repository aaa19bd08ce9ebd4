/**
 * Pass counts of the Guyot round trip (test/survival/guyotRoundTrip.test.ts) over seeds 1–20, for each digitisation
 * style (steps, corners, trace; test/survival/guyotSimulate.ts) and each simulated case, with the bounds:
 * |ΔS| ≤ 0.02 + 1/n at the landmarks, events within max(2 %, 1), median within 5 %, two-arm HR within 5 %.
 * Each style is reconstructed as stated, and with the style detected (auto); a last block reads step-digitised
 * curves with the midpoint rule, as before the option existed. The tables in docs/methods/reconstruction.md
 * ("Accuracy") are this output. Run: npx tsx scripts/guyotSeeds.ts [firstSeed lastSeed]
 */
import type { DigitisationChoice } from '../src/survival/detectDigitisation.ts';
import { ROUND_TRIP_CASES, roundTrip, twoArmHr, withinBounds, type SimStyle } from '../test/survival/guyotSimulate.ts';

const first = Number(process.argv[2] ?? 1);
const last = Number(process.argv[3] ?? 20);
const count = last - first + 1;
const pct = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)} %`;
const worst = (xs: readonly number[]) => xs.reduce((w, x) => (Math.abs(x) > Math.abs(w) ? x : w), 0);
const mean = (xs: readonly number[]) => xs.reduce((t, x) => t + x, 0) / xs.length;

function block(title: string, style: SimStyle, digitised: DigitisationChoice): string[] {
  const lines = [`${title}`, '| case | \\|ΔS\\| ≤ 0.02 + 1/n | events within max(2 %, 1) | median within 5 % | read as |', '|---|---|---|---|---|'];
  for (const c of ROUND_TRIP_CASES) {
    const s: number[] = [];
    const e: number[] = [];
    const m: number[] = [];
    const ok = { s: 0, events: 0, median: 0 };
    const read = new Map<string, number>();
    for (let seed = first; seed <= last; seed++) {
      const r = roundTrip({ ...c.spec, seed }, c.riskStep, style, digitised);
      const b = withinBounds(r);
      ok.s += Number(b.s);
      ok.events += Number(b.events);
      ok.median += Number(b.median);
      s.push(r.maxDiff);
      e.push(b.eventsRel);
      m.push(b.medianRel);
      read.set(r.curve.digitised.style, (read.get(r.curve.digitised.style) ?? 0) + 1);
    }
    const readAs = [...read].map(([k, v]) => `${k} ${v}`).join(', ');
    lines.push(
      `| ${c.name} | ${ok.s}/${count} (max ${Math.max(...s).toFixed(3)}) | ${ok.events}/${count} (mean ${pct(mean(e))}, worst ${pct(worst(e))}) ` +
      `| ${ok.median}/${count} (worst ${pct(worst(m.filter((x) => !Number.isNaN(x))))}) | ${readAs} |`,
    );
  }
  const hr: number[] = [];
  for (let seed = first; seed <= last; seed++) hr.push(twoArmHr(seed, style, digitised).rel);
  lines.push(`two arms (n = 250 each, true HR 2/3): HR within 5 % in ${hr.filter((x) => Math.abs(x) <= 0.05).length}/${count} (worst ${pct(worst(hr))})`, '');
  return lines;
}

const out = [`seeds ${first}–${last}`, ''];
for (const style of ['steps', 'corners', 'trace'] as const) {
  out.push(...block(`digitised as ${style}, reconstructed as stated (--digitised ${style})`, style, style));
}
for (const style of ['steps', 'corners', 'trace'] as const) {
  out.push(...block(`digitised as ${style}, style detected (--digitised auto)`, style, 'auto'));
}
out.push(...block('digitised as steps, read with the midpoint rule (--digitised corners: the behaviour before this option)', 'steps', 'corners'));
console.log(out.join('\n'));
