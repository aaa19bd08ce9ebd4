import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readCurve } from '../../src/data/readCurve.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/curves/${name}`, import.meta.url), 'utf8');

describe('readCurve(text)', () => {
  test('reads WebPlotDigitizer\'s per-dataset export (x, y without a header), keeping the click order', () => {
    const r = readCurve('0, 1\n12.5, 0.84\n6.25, 0.91\n');
    expect(r.format).toBe('wpd');
    expect(r.problems).toEqual([]);
    expect(r.datasets).toEqual([{
      name: 'curve',
      points: [
        { time: 0, survival: 1, row: 1 },
        { time: 12.5, survival: 0.84, row: 2 },
        { time: 6.25, survival: 0.91, row: 3 },
      ],
    }]);
  });

  test('reads the per-dataset export with "; " and decimal commas (fixture wpd_decimal_comma.csv)', () => {
    const r = readCurve(fixture('wpd_decimal_comma.csv'));
    expect(r.decimalComma).toBe(true);
    expect(r.problems).toEqual([]);
    // The file's values, written with decimal commas.
    const xy = r.datasets[0].points.map((p) => [p.time, p.survival]);
    expect(xy).toEqual([[0, 1], [1.5, 0.95], [3.25, 0.9], [3.25, 0.8]]);
  });

  test('reads "Export All Data": every dataset by name, columns of unequal length (fixture wpd_all.csv)', () => {
    const r = readCurve(fixture('wpd_all.csv'));
    expect(r.format).toBe('wpd-all');
    expect(r.problems).toEqual([]);
    expect(r.datasets.map((d) => d.name)).toEqual(['Control', 'Treatment']);
    expect(r.datasets[0].points.map((p) => [p.time, p.survival])).toEqual([[0, 1], [2.5, 0.9], [4, 0.7]]);
    const xyRow = r.datasets[1].points.map((p) => [p.time, p.survival, p.row]);
    expect(xyRow).toEqual([[0, 1, 3], [3, 0.95, 4], [5, 0.85, 5], [7, 0.6, 6]]);
  });

  test('reads "Export All Data" with ";" and decimal commas', () => {
    const r = readCurve('A;;B;\nX;Y;X;Y\n0;1;0;1\n1,5;0,9;2,5;0,8\n');
    expect(r.problems).toEqual([]);
    expect(r.datasets[1].points[1]).toEqual({ time: 2.5, survival: 0.8, row: 4 });
  });

  test('reads a time,survival table with a header, survival as written (percent here; fixture header_percent.csv)', () => {
    const r = readCurve(fixture('header_percent.csv'));
    expect(r.format).toBe('header');
    expect(r.problems).toEqual([]);
    expect(r.datasets[0].points.map((p) => p.survival)).toEqual([100, 92.5, 80, 70.1]);
    expect(r.datasets[0].points[0].row).toBe(2);
  });

  test('finds the columns by name whatever their order', () => {
    const r = readCurve('arm,surv,months\nA,0.9,3\n');
    expect(r.datasets[0].points).toEqual([{ time: 3, survival: 0.9, row: 2 }]);
  });

  test('every bad line is a problem naming its line number and column; valid lines are kept (fixture bad_curve.csv)', () => {
    const r = readCurve(fixture('bad_curve.csv'));
    expect(r.problems).toEqual([
      { row: 3, column: 'x', message: 'not a number: abc' },
      { row: 4, column: '', message: 'expected 2 values (x, y), found 1' },
    ]);
    expect(r.datasets[0].points.map((p) => p.row)).toEqual([1, 2, 5]);
  });

  test('a bad first line is a problem, not mistaken for a header', () => {
    const r = readCurve('abc, 1\n2, 0.9\n');
    expect(r.format).toBe('wpd');
    expect(r.problems).toEqual([{ row: 1, column: 'x', message: 'not a number: abc' }]);
    expect(r.datasets[0].points).toEqual([{ time: 2, survival: 0.9, row: 2 }]);
  });

  test('a missing value in one dataset of "Export All Data" is a problem in that dataset\'s column', () => {
    const r = readCurve('A,,B,\nX,Y,X,Y\n0,1,0,\n');
    expect(r.problems).toEqual([{ row: 3, column: 'B Y', message: 'missing value' }]);
    expect(r.datasets[0].points).toHaveLength(1);
  });

  test('an empty file is one problem, not a throw', () => {
    expect(readCurve('\n\n').problems).toEqual([{ row: 0, column: '', message: 'no data' }]);
  });

  test('ignores a byte-order mark, CRLF line ends and blank lines, keeping line numbers', () => {
    const r = readCurve('\uFEFF0, 1\r\n\r\n5, 0.5\r\n');
    expect(r.datasets[0].points).toEqual([{ time: 0, survival: 1, row: 1 }, { time: 5, survival: 0.5, row: 3 }]);
  });
});
