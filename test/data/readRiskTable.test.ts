import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readRiskTable } from '../../src/data/readRiskTable.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/curves/${name}`, import.meta.url), 'utf8');

describe('readRiskTable(text)', () => {
  test('reads time,n_risk with a header (fixture veteran_arm1_risk.csv, from survival::veteran trt 1)', () => {
    const r = readRiskTable(fixture('veteran_arm1_risk.csv'));
    expect(r.problems).toEqual([]);
    // sum(time >= t) for t = 0, 100, …, 500 in R (scripts/reference/guyotVeteran.R).
    expect(r.rows.map((x) => [x.time, x.nRisk])).toEqual([[0, 69], [100, 34], [200, 12], [300, 5], [400, 2], [500, 1]]);
    expect(r.rows[0].row).toBe(2);
  });

  test('reads a table without a header', () => {
    const r = readRiskTable('0,120\n6,98\n');
    expect(r.rows).toEqual([{ time: 0, nRisk: 120, row: 1 }, { time: 6, nRisk: 98, row: 2 }]);
  });

  test('reads ";" with decimal commas (fixture risk_semicolon.csv)', () => {
    const r = readRiskTable(fixture('risk_semicolon.csv'));
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => [x.time, x.nRisk])).toEqual([[0, 50], [6.5, 40], [12, 31]]);
  });

  test('each bad line is a problem with its line number and column; good lines are kept', () => {
    const r = readRiskTable('time,n_risk\n0,100\n6,eighty\n12,85.5\n12,70\n18,75\n24\n30,-1\n');
    expect(r.problems).toEqual([
      { row: 3, column: 'n_risk', message: 'not a number: eighty' },
      { row: 4, column: 'n_risk', message: 'number at risk must be a whole number ≥ 0: 85.5' },
      { row: 6, column: 'n_risk', message: 'number at risk rises from 70 to 75' },
      { row: 7, column: '', message: 'expected 2 values (time, number at risk), found 1' },
      { row: 8, column: 'n_risk', message: 'number at risk must be a whole number ≥ 0: -1' },
    ]);
    expect(r.rows.map((x) => x.row)).toEqual([2, 5]);
  });

  test('a time that does not increase is a problem on its line', () => {
    const r = readRiskTable('0,10\n5,8\n5,7\n');
    expect(r.problems).toEqual([{ row: 3, column: 'time', message: 'time 5 does not increase (previous 5, line 2)' }]);
  });

  test('an empty file is one problem', () => {
    expect(readRiskTable('').problems).toEqual([{ row: 0, column: '', message: 'no data' }]);
  });
});
