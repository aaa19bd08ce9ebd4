/**
 * The curves the independent R reconstruction (scripts/reference/guyot.R) reads: for each digitisation style,
 * each round-trip case and seeds 1–3, plus both arms of the two-arm case, the prepared digitised points (what
 * guyot() reads), the risk table and the landmarks. Shared by scripts/guyotRInputs.ts (which writes them for R)
 * and test/survival/guyotR.test.ts (which reconstructs the same curves and compares with R's output).
 */
import { ROUND_TRIP_CASES, roundTrip, TWO_ARMS, type SimStyle } from './guyotSimulate.ts';

export const R_SEEDS = [1, 2, 3] as const;
export const R_STYLES: readonly SimStyle[] = ['steps', 'corners', 'trace'];

export interface RInput {
  readonly id: string;
  readonly style: SimStyle;
  /** two-arm cases: 'a' or 'b' of pair `pair` */
  readonly pair: string | null;
  readonly arm: 'a' | 'b' | null;
  readonly curve: { readonly time: readonly number[]; readonly survival: readonly number[] };
  readonly risk: { readonly time: readonly number[]; readonly nRisk: readonly number[] };
  readonly landmarks: readonly number[];
  readonly run: ReturnType<typeof roundTrip>;
}

export function guyotRInputs(): RInput[] {
  const out: RInput[] = [];
  const push = (id: string, style: SimStyle, run: ReturnType<typeof roundTrip>, pair: string | null, arm: 'a' | 'b' | null) => {
    out.push({
      id, style, pair, arm, run,
      curve: { time: run.curve.time, survival: run.curve.survival },
      risk: { time: run.risk.map((r) => r.time), nRisk: run.risk.map((r) => r.nRisk) },
      landmarks: run.landmarks,
    });
  };
  for (const style of R_STYLES) {
    for (const [ci, c] of ROUND_TRIP_CASES.entries()) {
      for (const seed of R_SEEDS) push(`${style}/case${ci + 1}/seed${seed}`, style, roundTrip({ ...c.spec, seed }, c.riskStep, style), null, null);
    }
    for (const seed of R_SEEDS) {
      const pair = `${style}/two-arms/seed${seed}`;
      push(`${pair}/a`, style, roundTrip({ seed, ...TWO_ARMS.a }, TWO_ARMS.riskStep, style), pair, 'a');
      push(`${pair}/b`, style, roundTrip({ seed: seed + 500, ...TWO_ARMS.b }, TWO_ARMS.riskStep, style), pair, 'b');
    }
  }
  return out;
}
