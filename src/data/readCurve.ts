import { clipCell } from './clipCell.ts';
import type { Problem } from './types.ts';
import { parseDecimal } from './parseDecimal.ts';

/** The longest digitised time read (the same bound as the reconstruction's, src/survival/reconstructLimits.ts: 10⁶). */
export const MAX_TIME = 1_000_000;

/** One digitised point; `row` is its line number in the file (the first line is 1). */
export interface CurvePoint {
  readonly time: number;
  readonly survival: number;
  readonly row: number;
}

/** One digitised curve: WebPlotDigitizer's dataset name, or `curve` when the file names none. */
export interface CurveDataset {
  readonly name: string;
  readonly points: readonly CurvePoint[];
}

/**
 * `wpd`: WebPlotDigitizer's per-dataset export (no header, `x, y`, or `x; y` with decimal commas);
 * `wpd-all`: its "Export All Data" (a row of dataset names, a row of X/Y labels, then X, Y column pairs);
 * `header`: a table with a header row such as `time,survival`.
 */
export type CurveFormat = 'wpd' | 'wpd-all' | 'header';

export interface CurveReadResult {
  readonly format: CurveFormat;
  readonly delimiter: ',' | ';' | '\t';
  readonly decimalComma: boolean;
  readonly datasets: readonly CurveDataset[];
  readonly problems: readonly Problem[];
}

interface Line {
  readonly row: number;
  readonly cells: readonly string[];
}

const TIME_NAMES = /^(time|t|x|months?|years?|weeks?|days?|time[ _]?\(?.*\)?)$/i;
const SURV_NAMES = /^(survival|surv|s|y|s\(t\)|prob(ability)?|percent|%|survival[ _]?\(?.*\)?)$/i;

/** The lines of a text file, with their 1-based line numbers and cells split on `delimiter`; blank lines omitted. */
function splitLines(text: string, delimiter: string): Line[] {
  const out: Line[] = [];
  const raw = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (const [i, line] of raw.entries()) {
    if (line.trim() === '') continue;
    const cells = line.split(delimiter).map((c) => c.trim());
    // A trailing delimiter (common in spreadsheet exports) leaves one empty cell: drop it.
    while (cells.length > 1 && cells[cells.length - 1] === '') cells.pop();
    out.push({ row: i + 1, cells });
  }
  return out;
}

/** `;` means a European export (decimal commas), then tab, then comma. */
function detectDelimiter(text: string): ',' | ';' | '\t' {
  if (text.includes(';')) return ';';
  if (text.includes('\t')) return '\t';
  return ',';
}

function isNumeric(cell: string, decimalComma: boolean): boolean {
  return parseDecimal(cell, decimalComma) !== null;
}

/** Reads one (x, y) pair; pushes a problem and returns null when either value is missing or not a number. */
function readPair(
  line: Line, xi: number, yi: number, names: readonly [string, string], decimalComma: boolean, problems: Problem[],
): CurvePoint | null {
  const xs = line.cells[xi] ?? '';
  const ys = line.cells[yi] ?? '';
  const x = parseDecimal(xs, decimalComma);
  const y = parseDecimal(ys, decimalComma);
  let ok = true;
  if (x === null) {
    problems.push({ row: line.row, column: names[0], message: xs === '' ? 'missing value' : `not a number: ${clipCell(xs)}` });
    ok = false;
  } else if (Math.abs(x) > MAX_TIME) {
    problems.push({ row: line.row, column: names[0], message: `time ${clipCell(xs)} is beyond ${MAX_TIME}, the largest accepted` });
    ok = false;
  }
  if (y === null) {
    problems.push({ row: line.row, column: names[1], message: ys === '' ? 'missing value' : `not a number: ${clipCell(ys)}` });
    ok = false;
  }
  return ok && x !== null && y !== null ? { time: x, survival: y, row: line.row } : null;
}

function readWpd(lines: readonly Line[], decimalComma: boolean, problems: Problem[]): CurveDataset[] {
  const points: CurvePoint[] = [];
  for (const line of lines) {
    if (line.cells.length !== 2) {
      problems.push({ row: line.row, column: '', message: `expected 2 values (x, y), found ${line.cells.length}` });
      continue;
    }
    const p = readPair(line, 0, 1, ['x', 'y'], decimalComma, problems);
    if (p) points.push(p);
  }
  return [{ name: 'curve', points }];
}

function readWpdAll(lines: readonly Line[], decimalComma: boolean, problems: Problem[]): CurveDataset[] {
  const [nameLine, , ...data] = lines;
  // Dataset names sit above each X column; the cell above Y is empty.
  const names: { name: string; col: number }[] = [];
  for (let c = 0; c < nameLine.cells.length; c += 2) {
    const name = nameLine.cells[c] || `dataset ${c / 2 + 1}`;
    names.push({ name, col: c });
  }
  const width = names.length * 2;
  const sets = names.map(({ name }) => ({ name, points: [] as CurvePoint[] }));
  for (const line of data) {
    if (line.cells.length > width) {
      problems.push({ row: line.row, column: '', message: `expected at most ${width} values, found ${line.cells.length}` });
      continue;
    }
    for (const [d, { name, col }] of names.entries()) {
      const xs = line.cells[col] ?? '';
      const ys = line.cells[col + 1] ?? '';
      if (xs === '' && ys === '') continue; // this dataset has fewer points: its column has ended
      const p = readPair(line, col, col + 1, [`${name} X`, `${name} Y`], decimalComma, problems);
      if (p) sets[d].points.push(p);
    }
  }
  return sets;
}

function readHeader(lines: readonly Line[], decimalComma: boolean, problems: Problem[]): CurveDataset[] {
  const [header, ...data] = lines;
  let ti = header.cells.findIndex((h) => TIME_NAMES.test(h));
  let si = header.cells.findIndex((h, i) => i !== ti && SURV_NAMES.test(h));
  if (ti < 0 || si < 0) {
    if (header.cells.length < 2) {
      problems.push({ row: header.row, column: '', message: 'expected a header with a time and a survival column' });
      return [{ name: 'curve', points: [] }];
    }
    [ti, si] = [0, 1];
  }
  const names: [string, string] = [header.cells[ti], header.cells[si]];
  const points: CurvePoint[] = [];
  for (const line of data) {
    const p = readPair(line, ti, si, names, decimalComma, problems);
    if (p) points.push(p);
  }
  return [{ name: 'curve', points }];
}

/** Survival above this is percent-sized (as prepareCurve's 'auto' scale); at most 1 is fraction-sized. */
const PERCENT_ABOVE = 1.5;

/**
 * Percent and fraction mixed in one curve: a fraction-sized survival (≤ 1) written before a later percent-sized
 * one (> 1.5) cannot both be on one scale, since survival does not rise. The minority scale is reported (a
 * fraction among percentages, or a percentage among fractions) and its points left out. A percent curve whose
 * tail falls below 1 % is not mixed: nothing percent-sized comes after it.
 */
function dropMixedScale(points: readonly CurvePoint[], column: string, problems: Problem[]): readonly CurvePoint[] {
  const big = points.filter((p) => p.survival > PERCENT_ABOVE);
  const small = points.filter((p) => p.survival <= 1);
  if (big.length === 0 || small.length === 0) return points;
  const lastBig = big.reduce((t, p) => Math.max(t, p.time), -Infinity);
  const misfits = small.filter((p) => p.time < lastBig);
  if (misfits.length === 0) return points;
  const percent = big.length >= small.length;
  const bad = new Set(percent ? misfits : big);
  for (const p of bad) {
    const message = percent
      ? `survival ${p.survival} looks like a fraction in a curve written in percent (${big.length} values above ${PERCENT_ABOVE})`
      : `survival ${p.survival} looks like a percentage in a curve written as fractions (${small.length} values at most 1)`;
    problems.push({ row: p.row, column, message });
  }
  return points.filter((p) => !bad.has(p));
}

/**
 * Reads digitised Kaplan–Meier points from WebPlotDigitizer's exports or a `time,survival` table.
 * Never throws: every bad line becomes a problem {row (line number), column, message} and valid lines are kept;
 * a time beyond MAX_TIME (10⁶, in any unit) is a problem.
 * Survival is returned as written (fraction or percent); prepareCurve() decides the scale. A curve that mixes
 * the two has the minority scale's points reported and left out (dropMixedScale).
 *
 * readCurve('0, 1\n2.5, 0.9\n') → {format: 'wpd', datasets: [{name: 'curve', points: [{time: 0, survival: 1, row: 1}, …]}]}
 */
export function readCurve(text: string): CurveReadResult {
  const delimiter = detectDelimiter(text);
  const decimalComma = delimiter === ';';
  const lines = splitLines(text, delimiter);
  const problems: Problem[] = [];
  if (lines.length === 0) {
    problems.push({ row: 0, column: '', message: 'no data' });
    return { format: 'wpd', delimiter, decimalComma, datasets: [], problems };
  }
  const first = lines[0];
  let format: CurveFormat;
  // A first line with any number in it is data (a bad cell there is a problem, not a header).
  if (first.cells.some((c) => isNumeric(c, decimalComma))) format = 'wpd';
  else if (lines.length > 1 && lines[1].cells.length >= 2 && lines[1].cells.every((c, i) => /^[xy]$/i.test(c) && (i % 2 === 0 ? /x/i : /y/i).test(c))) {
    format = 'wpd-all';
  } else format = 'header';
  const read = format === 'wpd'
    ? readWpd(lines, decimalComma, problems)
    : format === 'wpd-all' ? readWpdAll(lines, decimalComma, problems) : readHeader(lines, decimalComma, problems);
  const yColumn = (name: string): string => {
    if (format === 'wpd') return 'y';
    if (format === 'wpd-all') return `${name} Y`;
    const header = lines[0].cells;
    return header.find((h) => SURV_NAMES.test(h)) ?? header[1] ?? 'y';
  };
  const datasets = read.map((d) => ({ name: d.name, points: dropMixedScale(d.points, yColumn(d.name), problems) }));
  problems.sort((a, b) => a.row - b.row);
  return { format, delimiter, decimalComma, datasets, problems };
}
