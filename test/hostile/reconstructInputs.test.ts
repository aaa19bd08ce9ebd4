/**
 * Reconstruction inputs that contradict themselves or are out of range (issue 14 item 2, issue 15 "Crashes"):
 * the CLI refuses each with one CliError line (exit 2, checked by spawning in test/cli/reconstruct.test.ts) and the
 * dialog's job (reconstructJob, run in the Web Worker) returns the same message as an error — never a result, a
 * stack trace or an out-of-memory death.
 */
import { describe, expect, test } from 'vitest';
import { reconstructJob } from '../../src/app/worker/reconstructJob.ts';
import { CliError, parseArgs } from '../../src/cli/args.ts';
import { run } from '../../src/cli/commands/reconstruct.ts';
import { writeInput } from '../cli/runCli.ts';

const PERCENT = '0, 100\n3, 100\n3, 90\n8, 90\n8, 70\n12, 70\n';

function cliError(...argv: string[]): string {
  try {
    run(parseArgs(argv));
  } catch (err) {
    if (err instanceof CliError) return err.message;
    throw err;
  }
  throw new Error(`reconstruct ${argv.join(' ')} printed a result instead of failing`);
}

function jobError(curveText: string, riskText: string, scale: 'auto' | 'fraction' | 'percent' = 'auto'): string {
  const r = reconstructJob({ curveText, curveName: 'curve.csv', riskText, riskName: 'risk.csv', scale });
  if (r.ok) throw new Error('the job returned a reconstruction');
  return r.error;
}

describe('reconstruct: contradictory inputs are refused with one line', () => {
  test('scale fraction with survival above 1 (a percent curve): CLI and dialog', () => {
    const c = writeInput('h-percent.csv', PERCENT);
    const msg = 'survival reaches 100 but the scale is fraction (at most 1): the curve is in percent (use scale percent or auto)';
    expect(cliError('--curve', c, '--n', '20', '--scale', 'fraction')).toBe(`${c}: ${msg}`);
    expect(jobError(PERCENT, 'time,n_risk\n0,20\n', 'fraction')).toBe(`curve.csv: ${msg}`);
  });

  test('a risk table of zeros (n = 0): CLI and dialog', () => {
    const r = writeInput('h-zeros.csv', 'time,n_risk\n0,0\n6,0\n');
    expect(cliError('--curve', writeInput('h-c.csv', PERCENT), '--risk', r)).toBe(`${r}: no patients: the number at risk at time 0 is 0`);
    expect(jobError(PERCENT, 'time,n_risk\n0,0\n6,0\n')).toBe('risk.csv: no patients: the number at risk at time 0 is 0');
  });
});

describe('reconstruct: size limits (10⁶ patients, times up to 10⁶)', () => {
  test('--n 100000000 is refused at once (it ran ~45 s and died out of memory)', () => {
    const t0 = Date.now();
    expect(cliError('--curve', writeInput('h-c2.csv', PERCENT), '--n', '100000000'))
      .toBe('invalid --n: 100000000 (at most 1,000,000 patients can be reconstructed)');
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  test('a risk table with 10⁹ patients: CLI and dialog', () => {
    const r = writeInput('h-huge.csv', 'time,n_risk\n0,1000000000\n');
    const msg = '1,000,000,000 patients at time 0: at most 1,000,000 can be reconstructed';
    expect(cliError('--curve', writeInput('h-c3.csv', PERCENT), '--risk', r)).toBe(`${r}: ${msg}`);
    expect(jobError(PERCENT, 'time,n_risk\n0,1000000000\n')).toBe(`risk.csv: ${msg}`);
  });

  test('a curve with times of 1e308 (threw an uncaught "invalid time … Infinity"): CLI and dialog', () => {
    const text = '0, 1\n1e308, 0.9\n1.5e308, 0.5\n';
    const c = writeInput('h-1e308.csv', text);
    expect(cliError('--curve', c, '--n', '10')).toBe(`${c}: row 2, column x: time 1e308 is beyond 1000000, the largest accepted (and 1 more)`);
    expect(jobError(text, 'time,n_risk\n0,10\n')).toBe('curve.csv: row 2, column x: time 1e308 is beyond 1000000, the largest accepted (and 1 more)');
  });

  test('times just under the limit reconstruct without overflow', () => {
    const c = writeInput('h-big-ok.csv', '0, 1\n400000, 1\n400000, 0.5\n999999, 0.5\n');
    const out = JSON.parse(run(parseArgs(['--curve', c, '--n', '2']))) as { ipd: { time: number; event: number }[] };
    expect(out.ipd).toEqual([{ time: 400000, event: 1 }, { time: 999999, event: 0 }]);
  });
});
