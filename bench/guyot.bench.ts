/**
 * Guyot reconstruction of a large digitised curve: n = 10 000 patients, about 2 000 digitised points, numbers at
 * risk every 6 months. Prints the median wall time; asserts nothing.
 */
import { guyot } from '../src/survival/guyot.ts';
import { guyotDiagnostics } from '../src/survival/guyotDiagnostics.ts';
import { prepareCurve } from '../src/survival/prepareCurve.ts';
import { digitise, riskTable, simulateArm } from '../test/survival/guyotSimulate.ts';
import type { BenchRow } from './run.ts';
import { medianMs } from './timing.ts';

export default async function (): Promise<BenchRow[]> {
  const arm = simulateArm({ seed: 7, n: 10_000, scale: 24, shape: 1, censorMax: 150, followUp: 60 });
  const drops = arm.km.nEvent.filter((d) => d > 0).length;
  // Keep about 1 000 drops (2 000 corners); maxSkip 1 lets the random subset decide alone.
  const points = digitise(arm.km, { seed: 8, keep: 1050 / drops, noise: 0.003, maxSkip: 1 }).slice(0, 2000);
  const risk = riskTable(arm.time, 6);
  const riskTimes = risk.map((r) => r.time);
  const reconstruct = () => guyot(prepareCurve(points, { riskTimes }), risk);
  const ms = medianMs(reconstruct);
  const withDiag = medianMs(() => {
    const curve = prepareCurve(points, { riskTimes });
    return guyotDiagnostics(curve, risk, guyot(curve, risk));
  });
  const note = `${points.length} points, n = 10 000, ${risk.length} risk times`;
  return [
    { name: 'guyot: prepareCurve + guyot', value: ms, unit: 'ms', target: '< 50 ms', note },
    { name: 'guyot: + diagnostics (KM of the IPD)', value: withDiag, unit: 'ms', note },
  ];
}
