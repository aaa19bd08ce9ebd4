import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { poolableRows } from '../../src/data/poolable.ts';
import { readStudies } from '../../src/data/readStudies.ts';
import { nelm, write } from './diagnosticsCli.ts';

// The diagnostics commands read the study table through pool's own preparation: leave-one-out on
// `--input public/studies.csv --outcome os_5y` must equal leave-one-out on the same studies written as a plain
// study,events,n file (which is checked against metafor in leave1out.test.ts).
describe('nelm leave1out / bias on the study table (--outcome)', () => {
  const { records } = readStudies(readFileSync('public/studies.csv', 'utf8'));
  const { included } = poolableRows(records, 'os_5y');
  const label = (r: (typeof included)[number]['record']) => (r.arm ? `${r.study} (${r.arm})` : r.study);
  const plain = write('os5.csv', ['study,events,n', ...included.map((x) => `"${label(x.record)}",${x.events},${x.n}`)].join('\n'));

  test('leave1out --outcome os_5y equals leave1out on the equivalent study,events,n file', () => {
    const a = nelm('leave1out', '--input', 'public/studies.csv', '--outcome', 'os_5y');
    const b = nelm('leave1out', '--input', plain);
    expect(a.stderr.trim()).toBe('');
    expect(a.status).toBe(0);
    expect(JSON.parse(a.stdout)).toEqual(JSON.parse(b.stdout));
    expect(JSON.parse(a.stdout).rows).toHaveLength(included.length);
  });

  test('bias without --outcome on the study table exits 2 naming the missing option', () => {
    const r = nelm('bias', '--input', 'public/studies.csv');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe('nelm bias: public/studies.csv: missing option --outcome (the study table needs one outcome to pool)');
  });
});
