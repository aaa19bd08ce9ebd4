import { clipCell } from './clipCell.ts';
import type { Problem } from './types.ts';
import { parseDecimal } from './parseDecimal.ts';

/** One published number at risk; `row` is its line number in the file (the first line is 1). */
export interface RiskRow {
  readonly time: number;
  readonly nRisk: number;
  readonly row: number;
}

export interface RiskReadResult {
  readonly rows: readonly RiskRow[];
  readonly problems: readonly Problem[];
}

/**
 * Reads a published numbers-at-risk table: `time,n_risk` per line, header optional; `;` as delimiter means
 * decimal commas. Never throws: each bad line becomes a problem {row, column, message} and is left out; a time
 * that does not increase or a number at risk that rises is a problem on that line.
 *
 * readRiskTable('time,n_risk\n0,100\n12,80\n') → {rows: [{time: 0, nRisk: 100, row: 2}, {time: 12, nRisk: 80, row: 3}]}
 */
export function readRiskTable(text: string): RiskReadResult {
  const delimiter = text.includes(';') ? ';' : text.includes('\t') ? '\t' : ',';
  const decimalComma = delimiter === ';';
  const problems: Problem[] = [];
  const rows: RiskRow[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let names: [string, string] = ['time', 'n_risk'];
  let seenData = false;
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const row = i + 1;
    const cells = line.split(delimiter).map((c) => c.trim());
    while (cells.length > 2 && cells[cells.length - 1] === '') cells.pop();
    if (!seenData && cells.every((c) => parseDecimal(c, decimalComma) === null)) {
      // A header line: keep its names for the problem reports.
      if (cells.length >= 2) names = [cells[0], cells[1]];
      seenData = true;
      continue;
    }
    seenData = true;
    if (cells.length !== 2) {
      problems.push({ row, column: '', message: `expected 2 values (time, number at risk), found ${cells.length}` });
      continue;
    }
    const t = parseDecimal(cells[0], decimalComma);
    const n = parseDecimal(cells[1], decimalComma);
    let ok = true;
    if (t === null) {
      problems.push({ row, column: names[0], message: cells[0] === '' ? 'missing value' : `not a number: ${clipCell(cells[0])}` });
      ok = false;
    } else if (t < 0) {
      problems.push({ row, column: names[0], message: `negative time: ${clipCell(cells[0])}` });
      ok = false;
    }
    if (n === null) {
      problems.push({ row, column: names[1], message: cells[1] === '' ? 'missing value' : `not a number: ${clipCell(cells[1])}` });
      ok = false;
    } else if (n < 0 || !Number.isInteger(n)) {
      problems.push({ row, column: names[1], message: `number at risk must be a whole number ≥ 0: ${clipCell(cells[1])}` });
      ok = false;
    }
    if (!ok || t === null || n === null) continue;
    const prev = rows[rows.length - 1];
    if (prev && t <= prev.time) {
      problems.push({ row, column: names[0], message: `time ${t} does not increase (previous ${prev.time}, line ${prev.row})` });
      continue;
    }
    if (prev && n > prev.nRisk) {
      problems.push({ row, column: names[1], message: `number at risk rises from ${prev.nRisk} to ${n}` });
      continue;
    }
    rows.push({ time: t, nRisk: n, row });
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ row: 0, column: '', message: 'no data' });
  return { rows, problems };
}
