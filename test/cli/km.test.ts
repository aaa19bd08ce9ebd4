import { nelm, writeInput } from './runCli.ts';
import { describe, expect, test } from 'vitest';
import { expectAllClose, expectClose, fixture } from '../survival/fixture.ts';

const file = writeInput;
const km = (...args: string[]) => nelm('km', ...args);

interface KmOut {
  groups: { group: string; n: number; events: number; median: number | null; median_ci: (number | null)[]; rmst: number;
    surv: { time: number; surv: number; lower: number | null; upper: number | null; n_risk: number }[]; }[];
  logrank: { chisq: number; df: number; p: number } | null;
  cox: { hr: number; ci: number[]; p: number } | null;
}

const lung = fixture.lung.data;
const lungRows = lung.time.map((t, i) => `${t},${lung.event[i]},${lung.group[i]}`);
const lungOne = file('lung1.csv', `time,event\n${lung.time.map((t, i) => `${t},${lung.event[i]}`).join('\n')}\n`);
const lungSex = file('lung.csv', `time,event,sex\n${lungRows.join('\n')}\n`);

describe('nelm km --ipd FILE (values from test/fixtures/survival.json, R survival)', () => {
  test('one group: n, events, median and CI, rmst to --horizon, surv at --times equal survfit', () => {
    const r = km('--ipd', lungOne, '--times', '100,200,365,500,730', '--horizon', '500');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as KmOut;
    const ref = fixture.lung.km_log;
    expect(out.groups).toHaveLength(1);
    const g = out.groups[0];
    expect([g.n, g.events]).toEqual([ref.n, ref.events]);
    expectClose(g.median, ref.median.median, 1e-9, 'median');
    expectAllClose(g.median_ci as number[], [ref.median.lower, ref.median.upper], 1e-9, 'median ci');
    expectClose(g.rmst, ref.rmean[0].rmean, 1e-6, 'rmst');
    expectAllClose(g.surv.map((s) => s.surv), ref.at.surv, 1e-6, 'surv');
    expectAllClose(g.surv.map((s) => s.lower ?? NaN), ref.at.lower, 1e-6, 'lower');
    expectAllClose(g.surv.map((s) => s.n_risk), ref.at.n_risk, 0, 'n_risk');
    expect(out.logrank).toBeNull();
    expect(out.cox).toBeNull();
  });
  test('--group sex: per-group medians, log-rank as survdiff, Cox HR (2 vs 1) as coxph', () => {
    const r = km('--ipd', lungSex, '--group', 'sex');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as KmOut;
    expect(out.groups.map((g) => g.group)).toEqual(['1', '2']);
    fixture.lung.by_group.forEach((ref, i) => {
      expectClose(out.groups[i].median, ref.median.median, 1e-9, 'median');
      expectAllClose(out.groups[i].median_ci as number[], [ref.median.lower, ref.median.upper], 1e-9, 'median ci');
    });
    expectClose(out.logrank?.chisq ?? NaN, fixture.lung.logrank.chisq, 1e-6, 'chisq');
    expectClose(out.logrank?.p ?? NaN, fixture.lung.logrank.p, 1e-6, 'p');
    const cox = fixture.lung.cox!;
    expectClose(out.cox?.hr ?? NaN, cox.hr, 1e-6, 'hr');
    expectAllClose(out.cox?.ci ?? [], [cox.lower, cox.upper], 1e-6, 'ci');
    expectClose(out.cox?.p ?? NaN, cox.p, 1e-6, 'cox p');
    // Default --times: every event time of the group.
    const events = new Set(lung.time.filter((_, i) => lung.group[i] === 1 && lung.event[i] === 1));
    expect(out.groups[0].surv.map((s) => s.time)).toEqual([...events].sort((a, b) => a - b));
  });
  test('three groups: log-rank with df 2 as survdiff and no Cox fit', () => {
    const s = fixture.sim3.data;
    const p = file('sim3.csv', `time,event,group\n${s.time.map((t, i) => `${t},${s.event[i]},${s.group[i]}`).join('\n')}\n`);
    const out = JSON.parse(km('--ipd', p).stdout) as KmOut;
    expect(out.groups).toHaveLength(3);
    expect(out.logrank?.df).toBe(2);
    expectClose(out.logrank?.chisq ?? NaN, fixture.sim3.logrank.chisq, 1e-6, 'chisq');
    expect(out.cox).toBeNull();
  });
  test('a negative time exits 2 with one stderr line naming the row, the column and the problem', () => {
    const r = km('--ipd', file('bad.csv', 'time,event\n1,1\n2,0\n-3,1\n'));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe('nelm km: row 4, column time: invalid time: "-3" (must be a number ≥ 0)');
  });
  test('an event other than 0/1 exits 2 naming the row', () => {
    const r = km('--ipd', file('ev.csv', 'time,event\n1,yes\n'));
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('nelm km: row 2, column event: invalid event: "yes" (must be 0 or 1)');
  });
  test('a missing column exits 2 naming it', () => {
    const r = km('--ipd', file('col.csv', 'time,status\n1,1\n'));
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('nelm km: row 1: missing column "event" (header: time, status)');
  });
  test('a bad --times value exits 2 naming it', () => {
    const r = km('--ipd', lungOne, '--times', '12,abc');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('invalid --times: "abc"');
  });
});
