/**
 * Fuzzing the readers (fast-check, fixed seed): arbitrary strings never throw, and CSV-ish grids are either read
 * back cell for cell or every dropped record has a problem at its row — nothing is dropped silently.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseCsv } from '../../src/data/parseCsv.ts';
import { readAnalysisInput } from '../../src/data/readAnalysisInput.ts';
import { readStudies } from '../../src/data/readStudies.ts';
import { readCurve } from '../../src/data/readCurve.ts';
import { readRiskTable } from '../../src/data/readRiskTable.ts';
import { fuzz } from './arbitraries.ts';

/** Characters that stress a CSV reader: delimiters, quotes, line ends, signs, decimal marks, a BOM, U+FFFD. */
const NASTY = [',', ';', '\t', '"', '\n', '\r', '\r\n', ' ', '-', '.', 'e', '%', '0', '1', '9', 'a', 'N', '\uFEFF', '\uFFFD'];
const nastyString = fc.array(fc.constantFrom(...NASTY), { maxLength: 60 }).map((a) => a.join(''));
const anyText = fc.oneof(nastyString, fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }));

/** Lines a text has, as every reader counts them (a record may span lines, so rows never exceed this). */
const lineCount = (text: string): number => text.split(/\r\n|\r|\n/).length;

describe('readers on arbitrary strings', () => {
  test('parseCsv, readAnalysisInput, readStudies, readCurve, readRiskTable: no throw; problems at rows 0..n', () => {
    fc.assert(fc.property(anyText, (text) => {
      const lines = lineCount(text);
      const readers = [parseCsv, readAnalysisInput, readStudies, readCurve, readRiskTable];
      const results = readers.map((read) => read(text));
      for (const r of results) {
        for (const p of r.problems) {
          expect(Number.isInteger(p.row) && p.row >= 0 && p.row <= lines).toBe(true);
          expect(typeof p.column).toBe('string');
          expect(p.message.length).toBeGreaterThan(0);
        }
      }
    }), fuzz(400));
  });
});

/** A cell as a spreadsheet writes it: quoted when it holds a delimiter, quote or line end. */
const quote = (cell: string): string => (/[",;\t\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
const cellArb = fc.oneof(
  fc.constantFrom('', ' ', '0', '1', '12', '-3', '2.5', '1e1', 'NaN', 'Infinity', '0x1A', 'A', 'Mayo 2010', '1,5'),
  fc.array(fc.constantFrom(...NASTY.filter((c) => c !== '\uFFFD' && c !== '\uFEFF')), { maxLength: 8 }).map((a) => a.join('')),
);

describe('parseCsv on CSV-ish grids', () => {
  test('a well-quoted grid is read back cell for cell (blank records skipped, line ends in cells as LF)', () => {
    const grid = fc.integer({ min: 1, max: 6 }).chain((width) => fc.record({
      header: fc.uniqueArray(fc.constantFrom('study', 'events', 'n', 'yi', 'vi', 'group', 'a', 'b_2', 'note'),
        { minLength: width, maxLength: width }),
      rows: fc.array(fc.array(cellArb, { minLength: width, maxLength: width }), { maxLength: 20 }),
    }));
    fc.assert(fc.property(grid, ({ header, rows }) => {
      const text = [header, ...rows].map((r) => r.map(quote).join(',')).join('\n');
      const t = parseCsv(text);
      expect(t.problems).toEqual([]);
      expect(t.header).toEqual(header);
      const kept = rows.map((r, i) => ({ r, row: i + 2 })).filter(({ r }) => !r.every((c) => c.trim() === ''));
      expect(t.rows.map((x) => x.row)).toEqual(kept.map((k) => k.row));
      // a line end inside a quoted cell is read as LF (parseCsv's contract)
      const lf = (c: string): string => c.replace(/\r\n?/g, '\n');
      expect(t.rows.map((x) => header.map((h) => x.cells[h]))).toEqual(kept.map((k) => k.r.map(lf)));
    }), fuzz(150));
  });

  test('readAnalysisInput on study,events,n grids: every non-blank record is kept or has a problem at its row', () => {
    const grid = fc.array(fc.array(cellArb, { minLength: 3, maxLength: 3 }), { maxLength: 20 });
    fc.assert(fc.property(grid, (rows) => {
      const text = ['study,events,n', ...rows.map((r) => r.map(quote).join(','))].join('\n');
      const r = readAnalysisInput(text);
      expect(r.kind).toBe('proportions');
      if (r.kind !== 'proportions') return;
      const kept = new Set(r.rows.map((x) => x.row));
      const reported = new Set(r.problems.map((p) => p.row));
      rows.forEach((cells, i) => {
        if (cells.every((c) => c.trim() === '')) return;
        expect(kept.has(i + 2) !== reported.has(i + 2)).toBe(true);
      });
      for (const x of r.rows) {
        expect(Number.isInteger(x.events) && Number.isInteger(x.n)).toBe(true);
        expect(x.events >= 0 && x.n >= 1 && x.events <= x.n).toBe(true);
      }
    }), fuzz(300));
  });

  test('readCurve on x,y grids: every non-blank line is a point or has a problem at its line', () => {
    const num = fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }).map(String), cellArb.filter((c) => !/[\r\n,;\t]/.test(c)));
    const grid = fc.array(fc.tuple(num, num), { minLength: 1, maxLength: 30 });
    fc.assert(fc.property(grid, (pairs) => {
      const text = pairs.map(([x, y]) => `${x},${y}`).join('\n');
      const r = readCurve(text);
      const points = new Set(r.datasets.flatMap((d) => d.points.map((p) => p.row)));
      const reported = new Set(r.problems.map((p) => p.row));
      const header = r.format === 'header' ? 1 : 0;
      // an unusable header (one problem at line 1) leaves the whole file unread, and says so
      if (header && r.problems.some((p) => p.row === 1 && p.column === '')) return;
      pairs.forEach(([x, y], i) => {
        if (`${x},${y}`.trim() === '' || i + 1 === header) return;
        expect(points.has(i + 1) || reported.has(i + 1), `line ${i + 1}: ${x},${y}`).toBe(true);
      });
    }), fuzz(300));
  });
});
