import { describe, expect, test } from 'vitest';
import { datasets, expectClose } from '../meta/diagnosticsFixture.ts';
import { csvOf, nelm, write } from './diagnosticsCli.ts';

interface Row { study: string; estimate: number; ci: [number, number]; tau2: number; I2: number }

describe('nelm leave1out', () => {
  test('with the defaults (PLO, REML, knha) on dat.pritz1997 matches metafor leave1out (fixture meta-diagnostics.json)',
    () => {
      const d = datasets.find((x) => x.name === 'dat.pritz1997')!;
      const c = d.cases.find((x) => x.method === 'REML' && x.test === 'knha')!;
      const r = nelm('leave1out', '--input', write('pritz.csv', csvOf(d)));
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const rows = (JSON.parse(r.stdout) as { rows: Row[] }).rows;
      expect(rows.map((x) => x.study)).toEqual(c.leave1out.map((x) => x.study));
      rows.forEach((x, i) => {
        const e = c.leave1out[i];
        expectClose(x.estimate, e.estimate, `${e.study} estimate`);
        expectClose(x.ci[0], e.ci[0], `${e.study} ci.lb`);
        expectClose(x.ci[1], e.ci[1], `${e.study} ci.ub`);
        expectClose(x.tau2, e.tau2, `${e.study} tau2`);
        expectClose(x.I2, e.I2, `${e.study} I2`);
      });
    });

  test('bad input: a non-positive vi gives one stderr line naming row and column, exit 2', () => {
    const r = nelm('leave1out', '--input', write('bad-vi.csv', 'study,yi,vi\nA,0.1,0.2\nB,0.3,0\nC,0.2,0.1\n'));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^nelm leave1out: .*bad-vi\.csv: row 3, column vi: invalid vi: "0"/m);
  });
});
