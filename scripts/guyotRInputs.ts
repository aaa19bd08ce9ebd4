/**
 * Writes the inputs of the independent R reconstruction (scripts/reference/guyot.R): for each digitisation style
 * (steps, corners, trace), each round-trip case and seeds 1–3, and for the two-arm case, the prepared digitised
 * curve (prepareCurve: sorted, monotone, S(0) = 1; the same points guyot() reads), the risk table, the landmarks
 * and the true IPD's events, median and S at the landmarks; points to 6 significant digits. The R script and
 * test/survival/guyotR.test.ts both read this file, so they reconstruct the very same curves. Deterministic; run:
 * npx tsx scripts/guyotRInputs.ts → test/fixtures/guyotRInputs.json, then Rscript scripts/reference/guyot.R.
 */
import { writeFileSync } from 'node:fs';
import { survivalAt } from '../src/survival/survivalAt.ts';
import { guyotRInputs } from '../test/survival/guyotRInputs.ts';

const p6 = (xs: readonly number[]) => xs.map((x) => Number(x.toPrecision(6)));
const inputs = guyotRInputs().map((c) => ({
  ...c,
  // 6 significant digits (rounding keeps the order, so the curve stays sorted and non-increasing)
  curve: { time: p6(c.curve.time), survival: p6(c.curve.survival) },
  truth: {
    events: c.run.truth.km.events,
    median: c.run.truth.km.median,
    landmarkSurvival: c.run.landmarks.map((t) => survivalAt(c.run.truth.km, t)),
  },
  run: undefined,
}));
writeFileSync('test/fixtures/guyotRInputs.json', `${JSON.stringify(inputs)}\n`);
console.log(`${inputs.length} curves → test/fixtures/guyotRInputs.json`);
