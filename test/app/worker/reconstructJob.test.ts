import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ipdCsv, reconstructJob, type ReconstructOutput } from '../../../src/app/worker/reconstructJob.ts';
import { parseArgs } from '../../../src/cli/args.ts';
import { run } from '../../../src/cli/commands/reconstruct.ts';

const CURVE = 'test/fixtures/curves/veteran_arm1_wpd.csv';
const RISK = 'test/fixtures/curves/veteran_arm1_risk.csv';
const read = (p: string) => readFileSync(p, 'utf8');
const job = (patch: Partial<Parameters<typeof reconstructJob>[0]> = {}) => reconstructJob({
  curveText: read(CURVE), curveName: 'curve.csv', riskText: read(RISK), riskName: 'risk.csv', scale: 'auto', ...patch,
});

describe('reconstructJob(request)', () => {
  test('gives the same IPD rows as the CLI\'s `reconstruct --format csv` on the same files', () => {
    const out = job() as ReconstructOutput;
    expect(out.ok).toBe(true);
    const cli = run(parseArgs(['--curve', CURVE, '--risk', RISK, '--format', 'csv']));
    expect(ipdCsv(out.ipd)).toBe(cli);
  });

  test('matches the CLI\'s JSON diagnostics with a published total of events', () => {
    const out = job({ totalEvents: 64 }) as ReconstructOutput;
    const cli = JSON.parse(run(parseArgs(['--curve', CURVE, '--risk', RISK, '--events', '64']))) as {
      events: number; median: number | null; diagnostics: { rmse: number; max_abs_error: number }; warnings: string[];
    };
    expect(out.events).toBe(cli.events);
    expect(out.median).toBe(cli.median);
    expect(out.rmse).toBe(cli.diagnostics.rmse);
    expect(out.maxAbsError).toBe(cli.diagnostics.max_abs_error);
    expect(out.warnings).toEqual(cli.warnings);
    expect(out.publishedEvents).toBe(64);
  });

  test('names the file and row of a bad line, and asks for a dataset when a file holds several', () => {
    const bad = job({ curveText: read('test/fixtures/curves/bad_curve.csv'), curveName: 'bad_curve.csv' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^bad_curve\.csv: row 3/);
    const many = job({ curveText: read('test/fixtures/curves/wpd_all.csv'), riskText: 'time,n_risk\n0,20\n' });
    expect(many.ok).toBe(false);
    if (!many.ok) expect(many.datasets).toEqual(['Control', 'Treatment']);
    const chosen = job({ curveText: read('test/fixtures/curves/wpd_all.csv'), riskText: 'time,n_risk\n0,20\n', dataset: 'Treatment' });
    expect(chosen.ok && chosen.dataset).toBe('Treatment');
  });

  test('rejects a risk table that does not start at 0 and a total of events above n', () => {
    const late = job({ riskText: 'time,n_risk\n5,69\n' });
    expect(!late.ok && late.error).toMatch(/must start at time 0/);
    const over = job({ totalEvents: 70 });
    expect(!over.ok && over.error).toMatch(/invalid total events: 70/);
  });
});
