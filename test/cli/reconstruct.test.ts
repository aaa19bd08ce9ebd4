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
    risk: { time: number; published: number; reconstructed: number | null; note?: string }[];
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

  test('--digitised steps places each death at the clicked left end of its step; auto detects it and says so', () => {
    // By hand: 10 patients, left ends at 2, 5, 9 (one death each), end of follow-up at 12; 9 at risk at 4.
    const c = file('steps.csv', '0, 1\n2, 0.9\n5, 0.8\n9, 0.7\n12, 0.7\n');
    const rk = file('steps-risk.csv', 'time,n_risk\n0,10\n4,9\n');
    const stated = JSON.parse(reconstruct('--curve', c, '--risk', rk, '--digitised', 'steps').stdout) as Out & { digitised: unknown };
    expect(stated.ipd.filter((x) => x.event === 1).map((x) => x.time)).toEqual([2, 5, 9]);
    expect(stated.digitised).toEqual({ style: 'steps', how: 'stated', flat_share: 0.25 });
    const auto = JSON.parse(reconstruct('--curve', c, '--risk', rk).stdout) as Out & { digitised: unknown };
    expect(auto.ipd).toEqual(stated.ipd);
    expect(auto.digitised).toEqual({ style: 'steps', how: 'detected', flat_share: 0.25 });
    // read as corners, the falls are placed at the midpoints 1, 3.5 and 7
    const corners = JSON.parse(reconstruct('--curve', c, '--risk', rk, '--digitised', 'corners').stdout) as Out;
    expect(corners.ipd.filter((x) => x.event === 1).map((x) => x.time)).toEqual([1, 3.5, 7]);
  });

  test('the veteran corners are detected as corners', () => {
    const out = JSON.parse(reconstruct('--curve', curve, '--risk', risk).stdout) as { digitised: { style: string; how: string } };
    expect(out.digitised).toMatchObject({ style: 'corners', how: 'detected' });
  });

  test('risk rows after the last digitised time are "not used", not "reconstructed 0"', () => {
    const c = file('short.csv', '0, 1\n2, 1\n2, 0.8\n5, 0.8\n5, 0.6\n9, 0.6\n');
    const rk = file('long-risk.csv', 'time,n_risk\n0,10\n6,6\n12,4\n');
    const r = reconstruct('--curve', c, '--risk', rk);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Out;
    expect(out.diagnostics.risk).toEqual([
      { time: 0, published: 10, reconstructed: 10 },
      { time: 6, published: 6, reconstructed: 6 },
      { time: 12, published: 4, reconstructed: null, note: 'not used (after the last digitised time)' },
    ]);
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

  test('--scale fraction on a curve in percent', () => {
    const r = reconstruct('--curve', curve, '--risk', risk, '--scale', 'fraction');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`nelm reconstruct: ${curve}: survival reaches 100 but the scale is fraction (at most 1): the curve is in percent (use scale percent or auto)`);
  });

  test('a risk table of zeros', () => {
    const rk = file('risk-zeros.csv', 'time,n_risk\n0,0\n100,0\n');
    const r = reconstruct('--curve', curve, '--risk', rk);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`nelm reconstruct: ${rk}: no patients: the number at risk at time 0 is 0`);
  });

  test('--n 0, and --n above the limit of 10⁶ patients', () => {
    expect(reconstruct('--curve', curve, '--n', '0').stderr).toBe('nelm reconstruct: invalid --n: 0 (a whole number ≥ 1)');
    const r = reconstruct('--curve', curve, '--n', '100000000');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('nelm reconstruct: invalid --n: 100000000 (at most 1,000,000 patients can be reconstructed)');
  });

  test('a risk table with 10⁹ patients', () => {
    const rk = file('risk-huge.csv', 'time,n_risk\n0,1000000000\n');
    const r = reconstruct('--curve', curve, '--risk', rk);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`nelm reconstruct: ${rk}: 1,000,000,000 patients at time 0: at most 1,000,000 can be reconstructed`);
  });

  test('a curve time of 1e308', () => {
    const c = file('huge-time.csv', '0, 1\n1e308, 0.5\n');
    const r = reconstruct('--curve', c, '--n', '10');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`nelm reconstruct: ${c}: row 2, column x: time 1e308 is beyond 1000000, the largest accepted`);
  });

  test('a bad --digitised', () => {
    expect(reconstruct('--curve', curve, '--n', '5', '--digitised', 'stairs').stderr)
      .toBe('nelm reconstruct: invalid --digitised: stairs (one of auto, steps, corners, trace)');
  });

  test('an unreadable file', () => {
    const r = reconstruct('--curve', 'no/such/file.csv', '--n', '5');
    expect(r.status).toBe(2);
    // the reader may add where it looked (issue 15, relative paths): one line that starts with the file name
    expect(r.stderr).toMatch(/^nelm reconstruct: cannot read file: no\/such\/file\.csv( \(.*\))?$/);
  });
});
