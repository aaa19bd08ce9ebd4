import { describe, expect, test } from 'vitest';
import { datasets, expectClose } from '../meta/diagnosticsFixture.ts';
import { csvOf, nelm, write } from './diagnosticsCli.ts';

interface Row { study: string; estimate: number; ci: [number, number]; tau2: number; I2: number }

function rowsOf(stdout: string): Row[] {
  return (JSON.parse(stdout) as { rows: Row[] }).rows;
}

describe('nelm cumulative', () => {
  test('--order year (numeric) --method DL --test z on dat.bcg matches metafor cumul (fixture meta-diagnostics.json)', () => {
    const d = datasets.find((x) => x.name === 'dat.bcg')!;
    const c = d.cases.find((x) => x.method === 'DL' && x.test === 'z')!;
    const r = nelm('cumulative', '--input', write('bcg.csv', csvOf(d)), '--order', 'year', '--method', 'DL', '--test', 'z');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const rows = rowsOf(r.stdout);
    expect(rows.map((x) => x.study)).toEqual(c.cumulative.map((x) => x.study));
    rows.forEach((x, j) => {
      const e = c.cumulative[j];
      expectClose(x.estimate, e.estimate, `step ${j + 1} estimate`);
      expectClose(x.ci[0], e.ci[0], `step ${j + 1} ci.lb`);
      expectClose(x.ci[1], e.ci[1], `step ${j + 1} ci.ub`);
      expectClose(x.tau2, e.tau2, `step ${j + 1} tau2`);
      expectClose(x.I2, e.I2, `step ${j + 1} I2`);
    });
  });

  test('--order authors (text) with the defaults on dat.pritz1997 matches metafor cumul (fixture meta-diagnostics.json)',
    () => {
      const d = datasets.find((x) => x.name === 'dat.pritz1997')!;
      const c = d.cases.find((x) => x.method === 'REML' && x.test === 'knha')!;
      const r = nelm('cumulative', '--input', write('pritz.csv', csvOf(d)), '--order', 'authors');
      expect(r.status).toBe(0);
      const rows = rowsOf(r.stdout);
      expect(rows.map((x) => x.study)).toEqual(c.cumulative.map((x) => x.study));
      expectClose(rows[13].estimate, c.cumulative[13].estimate, 'last step estimate');
      expectClose(rows[5].ci[1], c.cumulative[5].ci[1], 'step 6 ci.ub');
    });

  describe('bad input: one stderr line, exit 2', () => {
    test('an order column that does not exist', () => {
      const r = nelm('cumulative', '--input', write('noyear.csv', 'study,yi,vi\nA,0.1,0.2\nB,0.3,0.1\n'), '--order', 'year');
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/column year: not found/);
    });

    test('an empty order cell names its row and column', () => {
      const r = nelm('cumulative', '--input', write('gap.csv', 'study,yi,vi,year\nA,0.1,0.2,2001\nB,0.3,0.1,\n'),
        '--order', 'year');
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^nelm cumulative: .*gap\.csv: row 3, column year: empty order value$/m);
    });

    test('a missing --order', () => {
      const r = nelm('cumulative', '--input', write('ok.csv', 'study,yi,vi\nA,0.1,0.2\nB,0.3,0.1\n'));
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/missing option --order/);
    });
  });
});
