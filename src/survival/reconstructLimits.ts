import type { RiskPoint } from './guyot.ts';
import type { SurvivalScale } from './prepareCurve.ts';

/** The most patients a reconstruction writes, one IPD row each (10⁶ rows is about 30 MB of JSON). */
export const MAX_PATIENTS = 1_000_000;
/** The largest time a digitised point may have, in the figure's unit (10⁶ months, days or weeks is beyond any follow-up). */
export const MAX_TIME = 1_000_000;
/** A curve told to be a fraction may overshoot 1 by a digitiser's slip up to this; above it, it is written in percent. */
export const FRACTION_AT_MOST = 1.05;

const count = (n: number) => n.toLocaleString('en-US');

/** Which input a problem is in, and what is wrong with it (one line). */
export interface InputProblem {
  readonly input: 'curve' | 'risk';
  readonly message: string;
}

/**
 * The first way the inputs of a reconstruction contradict themselves, naming the input, or null when they do not:
 * no patients at time 0, more than MAX_PATIENTS, or a curve told to be a fraction whose survival exceeds
 * FRACTION_AT_MOST (a percent curve read as a fraction would be clamped to 1 everywhere and give no events).
 * `risk` starts at time 0 (the readers and guyot() check that).
 *
 * reconstructInputProblem([{survival: 100}], [{time: 0, nRisk: 50}], 'fraction')
 *   → {input: 'curve', message: 'survival reaches 100 but the scale is fraction (at most 1): the curve is in percent (use scale percent or auto)'}
 */
export function reconstructInputProblem(
  points: readonly { readonly survival: number }[], risk: readonly RiskPoint[], scale: SurvivalScale,
): InputProblem | null {
  const n = risk.length ? risk[0].nRisk : 0;
  if (n === 0) return { input: 'risk', message: 'no patients: the number at risk at time 0 is 0' };
  if (n > MAX_PATIENTS) return { input: 'risk', message: `${count(n)} patients at time 0: at most ${count(MAX_PATIENTS)} can be reconstructed` };
  if (scale === 'fraction') {
    let max = -Infinity;
    for (const p of points) if (p.survival > max) max = p.survival;
    if (max > FRACTION_AT_MOST) {
      const message = `survival reaches ${max} but the scale is fraction (at most 1): the curve is in percent (use scale percent or auto)`;
      return { input: 'curve', message };
    }
  }
  return null;
}
