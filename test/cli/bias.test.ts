import { describe, expect, test } from 'vitest';
import { datasets, expectClose } from '../meta/diagnosticsFixture.ts';
import { csvOf, nelm, write } from './diagnosticsCli.ts';

interface BiasOut {
  k: number;
  egger: { t: number; df: number; p: number };
  begg: { tau: number; p: number };
  trimfill: { k0: number; side: string; estimate: number; ci: [number, number]; filled: { yi: number }[] };
  warnings: { code: string; message: string }[];
}

describe('nelm bias', () => {
  test('with the defaults (PLO, REML, knha) on dat.pritz1997 events/n matches metafor (fixture meta-diagnostics.json)',
    () => {
      const d = datasets.find((x) => x.name === 'dat.pritz1997')!;
      const c = d.cases.find((x) => x.method === 'REML' && x.test === 'knha')!;
      const r = nelm('bias', '--input', write('pritz.csv', csvOf(d)));
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout) as BiasOut;
      expect(out.k).toBe(14);
      expectClose(out.egger.t, d.egger.t, 'egger t');
      expectClose(out.egger.p, d.egger.p, 'egger p');
      expectClose(out.begg.tau, d.begg.tau, 'begg tau');
      expectClose(out.begg.p, d.begg.p, 'begg p');
      expect(out.trimfill.k0).toBe(c.trimfill.k0);
      expect(out.trimfill.side).toBe(c.trimfill.side);
      expectClose(out.trimfill.estimate, c.trimfill.estimate, 'trimfill estimate');
      expectClose(out.trimfill.ci[0], c.trimfill.ci[0], 'trimfill ci.lb');
      expectClose(out.trimfill.ci[1], c.trimfill.ci[1], 'trimfill ci.ub');
      expect(out.warnings.map((w) => w.code)).not.toContain('small_k_bias');
    });

  test('--method DL --test z on dat.bcg yi/vi matches metafor and imputes on the right (fixture meta-diagnostics.json)',
    () => {
      const d = datasets.find((x) => x.name === 'dat.bcg')!;
      const c = d.cases.find((x) => x.method === 'DL' && x.test === 'z')!;
      const r = nelm('bias', '--input', write('bcg.csv', csvOf(d)), '--method', 'DL', '--test', 'z');
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout) as BiasOut;
      expect(out.trimfill.k0).toBe(c.trimfill.k0);
      expect(out.trimfill.side).toBe('right');
      expectClose(out.trimfill.estimate, c.trimfill.estimate, 'trimfill estimate');
      expectClose(out.trimfill.filled[0].yi, c.trimfill.filled[0].yi, 'filled yi');
    });

  test('--side left on dat.bcg imputes nothing (metafor 3.8-1: trimfill(rma(yi, vi), side = "left")$k0 is 0)', () => {
    const d = datasets.find((x) => x.name === 'dat.bcg')!;
    const c = d.cases.find((x) => x.method === 'REML' && x.test === 'knha')!;
    const r = nelm('bias', '--input', write('bcg-left.csv', csvOf(d)), '--side', 'left');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as BiasOut;
    expect(out.trimfill.side).toBe('left');
    expect(out.trimfill.k0).toBe(0);
    expectClose(out.trimfill.estimate, c.fit.estimate, 'estimate (the original fit)');
    expectClose(out.trimfill.ci[0], c.fit.ci[0], 'ci.lb (the original fit)');
  });

  test('warns small_k_bias once for k = 8 (pritz-small-ties)', () => {
    const d = datasets.find((x) => x.name === 'pritz-small-ties')!;
    const r = nelm('bias', '--input', write('small.csv', csvOf(d)));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as BiasOut;
    expect(out.warnings.filter((w) => w.code === 'small_k_bias')).toHaveLength(1);
    expectClose(out.begg.p, d.begg.p, 'begg p (ties: normal approximation)');
  });

  describe('bad input: one stderr line naming row and column, exit 2, nothing on stdout', () => {
    test('events greater than n', () => {
      const path = write('bad.csv', 'study,events,n\nA,3,10\nB,12,10\nC,4,9\n');
      const r = nelm('bias', '--input', path);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^nelm bias: .*bad\.csv: row 3, column events: invalid events: "12" \(must be at most n \(10\)\)$/m);
    });

    test('fewer than 3 studies', () => {
      const r = nelm('bias', '--input', write('two.csv', 'study,events,n\nA,3,10\nB,5,10\n'));
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/bias needs at least 3 studies \(got 2\)/);
    });

    test('an unknown --method', () => {
      const r = nelm('bias', '--input', write('ok.csv', 'study,events,n\nA,3,10\nB,5,10\nC,4,9\n'), '--method', 'XYZ');
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/invalid --method: XYZ/);
    });
  });
});
