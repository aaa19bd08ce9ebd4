import { nelm, writeInput } from './runCli.ts';
import { describe, expect, test } from 'vitest';
import vet from '../fixtures/guyotVeteran.json' with { type: 'json' };

const file = writeInput;
function reconstruct(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = nelm('reconstruct', ...args);
  return { ...r, stderr: r.stderr.split('\n').filter((l) => l !== '').join('\n') };
}

interface Out {
  ipd: { time: number; event: 0 | 1 }[];
  n: number;
  events: number;
  median: number | null;
  diagnostics: {
    rmse: number;
    max_abs_error: number;
    risk: { time: number; published: number; reconstructed: number }[];
    events: { published: number | null; reconstructed: number };
  };
  warnings: string[];
}

// survival::veteran, trt 1, drawn as a published figure in percent (scripts/reference/guyotVeteran.R).
const curve = 'test/fixtures/curves/veteran_arm1_wpd.csv';
const risk = 'test/fixtures/curves/veteran_arm1_risk.csv';

describe('nelm reconstruct --curve FILE --risk FILE', () => {
  test('prints IPD whose numbers at risk are the published ones, 69 patients, events within 2 % of R\'s 64', () => {
    const r = reconstruct('--curve', curve, '--risk', risk);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Out;
    expect(out.n).toBe(vet.arm1.n);
    expect(out.ipd).toHaveLength(vet.arm1.n);
    expect(Math.abs(out.events - vet.arm1.events) / vet.arm1.events).toBeLessThanOrEqual(0.02);
    expect(out.diagnostics.risk.map((x) => [x.time, x.published, x.reconstructed]))
      .toEqual(vet.arm1.risk.time.map((t, i) => [t, vet.arm1.risk.n_risk[i], vet.arm1.risk.n_risk[i]]));
    expect(Math.abs((out.median as number) - vet.arm1.median) / vet.arm1.median).toBeLessThanOrEqual(0.05);
    expect(out.diagnostics.max_abs_error).toBeLessThan(0.01);
    expect(out.diagnostics.rmse).toBeLessThanOrEqual(out.diagnostics.max_abs_error);
    expect(out.warnings).toContain('survival read as percent (maximum 100 > 1.5)');
  });

  test('--events N: the reconstruction has exactly the published total', () => {
    const r = reconstruct('--curve', curve, '--risk', risk, '--events', String(vet.arm1.events));
    const out = JSON.parse(r.stdout) as Out;
    expect(out.events).toBe(vet.arm1.events);
    expect(out.diagnostics.events).toEqual({ published: vet.arm1.events, reconstructed: vet.arm1.events });
  });

  test('--format csv prints time,event rows with a header', () => {
    const r = reconstruct('--curve', curve, '--risk', risk, '--format', 'csv');
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('time,event');
    expect(lines).toHaveLength(vet.arm1.n + 1);
    expect(lines.slice(1).every((l) => /^[\d.]+,[01]$/.test(l))).toBe(true);
  });

  test('--scale fraction on a percent curve clamps and says so', () => {
    const r = reconstruct('--curve', curve, '--risk', risk, '--scale', 'fraction');
    const out = JSON.parse(r.stdout) as Out;
    expect(out.warnings[0]).toMatch(/told to be a fraction but reaches 100/);
  });

  test('--n without a risk table warns that event counts are unreliable', () => {
    const c = file('n-only.csv', '0, 1\n2, 1\n2, 0.75\n5, 0.75\n5, 0.5\n9, 0.5\n');
    const out = JSON.parse(reconstruct('--curve', c, '--n', '4').stdout) as Out;
    // By hand: 4 patients, drops of one quarter at 2 and 5, no censoring assumed before 9.
    expect(out.ipd.map((x) => [x.time, x.event])).toEqual([[2, 1], [5, 1], [9, 0], [9, 0]]);
    expect(out.warnings.some((w) => /event counts are unreliable/.test(w))).toBe(true);
  });

  test('"Export All Data" with several datasets: --dataset picks one, and without it the error lists them', () => {
    const all = 'test/fixtures/curves/wpd_all.csv';
    const bad = reconstruct('--curve', all, '--n', '10');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(`nelm reconstruct: ${all}: 2 datasets (Control, Treatment): choose one with --dataset`);
    const ok = reconstruct('--curve', all, '--n', '10', '--dataset', 'Control');
    expect(ok.status, ok.stderr).toBe(0);
  });
});

describe('nelm reconstruct: bad input is one stderr line naming the line and the problem, exit 2', () => {
  test('a bad curve line', () => {
    const r = reconstruct('--curve', 'test/fixtures/curves/bad_curve.csv', '--n', '10');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('nelm reconstruct: test/fixtures/curves/bad_curve.csv: row 3, column x: not a number: abc (and 1 more)');
  });

  test('a bad risk-table line', () => {
    const rk = file('risk-bad.csv', 'time,n_risk\n0,69\n100,many\n');
    const r = reconstruct('--curve', curve, '--risk', rk);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`nelm reconstruct: ${rk}: row 3, column n_risk: not a number: many`);
  });

  test('a risk table that does not start at 0', () => {
    const rk = file('risk-late.csv', 'time,n_risk\n10,69\n100,34\n');
    const r = reconstruct('--curve', curve, '--risk', rk);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`nelm reconstruct: ${rk}: row 2, column time: the numbers at risk must start at time 0, not 10`);
  });

  test('missing --risk and --n', () => {
    expect(reconstruct('--curve', curve).stderr).toBe('nelm reconstruct: missing option --risk (or --n when no numbers at risk are published)');
  });

  test('a bad --events', () => {
    expect(reconstruct('--curve', curve, '--risk', risk, '--events', '-3').stderr).toBe('nelm reconstruct: invalid --events: -3 (a whole number ≥ 0)');
  });

  test('an unreadable file', () => {
    const r = reconstruct('--curve', 'no/such/file.csv', '--n', '5');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('nelm reconstruct: cannot read file: no/such/file.csv');
  });
});
