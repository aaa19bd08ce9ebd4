/**
 * Big hostile files, generated at test time in a temporary folder (never committed): a 50 MB upload, 100 000-row
 * tables and curves. Each has bad rows planted at known rows, so the problems and the number of rows
 * kept are exact. Timings are not asserted (the suite timeout is the guard); docs/hardening.md lists the figures.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parseArgs } from '../../src/cli/args.ts';
import { run as km } from '../../src/cli/commands/km.ts';
import { run as pool } from '../../src/cli/commands/pool.ts';
import { readAnalysisInput } from '../../src/data/readAnalysisInput.ts';
import { readStudies } from '../../src/data/readStudies.ts';
import { readCurve } from '../../src/data/readCurve.ts';
import { readRiskTable } from '../../src/data/readRiskTable.ts';
import { studyCsv } from '../data/studyCsv.ts';
import { where } from './corpus.ts';

const dir = mkdtempSync(join(tmpdir(), 'nelm-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `text` to the temporary folder and reads it back as the browser decodes an upload. */
function roundTrip(name: string, text: string): { path: string; text: string } {
  const path = join(dir, name);
  writeFileSync(path, text);
  return { path, text: new TextDecoder('utf-8', { fatal: false }).decode(readFileSync(path)) };
}

const ROWS = 100_000;
const MB50 = 50 * 1024 * 1024;
const SLOW = 120_000;

describe('100 000-row files', () => {
  // Data row i (0-based) is spreadsheet row i + 2. Planted: row 50 001 has events > n; the last row is ragged.
  const lines = ['study,events,n'];
  for (let i = 0; i < ROWS; i++) lines.push(i === 49_999 ? 'S49999,60,50' : `S${i},${i % 50},${50 + (i % 7)}`);
  lines[ROWS] = 'S99999,1';
  const { path, text } = roundTrip('rows100k.csv', `${lines.join('\n')}\n`);

  test('readAnalysisInput: 99 998 rows kept; row 50 001 (events) and row 100 001 (ragged) reported', () => {
    const r = readAnalysisInput(text);
    expect(where(r.problems)).toEqual([[50_001, 'events'], [100_001, '']]);
    expect(r.kind === 'proportions' && r.rows.length).toBe(99_998);
  }, SLOW);

  test('nelm pool on it fails on row 50 001, column events', () => {
    expect(() => pool(parseArgs(['--input', path]))).toThrow(/: row 50001, column events: invalid events: "60"/);
  }, SLOW);

  test('readStudies: a study table of 100 000 rows with a duplicate row_id at its last row keeps 99 999', () => {
    const csv = studyCsv(Array.from({ length: ROWS }, (_, i) => (i === ROWS - 1 ? { row_id: 'r7' } : {})));
    const r = readStudies(roundTrip('studies100k.csv', csv).text);
    expect(r.problems).toEqual([{ row: 100_001, column: 'row_id', message: 'invalid row_id: "r7" (duplicate of row 8)' }]);
    expect(r.records).toHaveLength(99_999);
  }, SLOW);

  test('readRiskTable: 100 000 lines, a non-number planted at line 70 001; 99 999 rows kept', () => {
    const risk = ['time,n_risk'];
    for (let i = 0; i < ROWS; i++) risk.push(i === 70_000 ? `${i},many` : `${i},${10 * ROWS - i}`);
    const r = readRiskTable(roundTrip('risk100k.csv', risk.join('\n')).text);
    expect(where(r.problems)).toEqual([[70_002, 'n_risk']]);
    expect(r.rows).toHaveLength(ROWS - 1);
  }, SLOW);

  test('nelm km on 100 000 patients in two groups prints both curves, a log-rank test and a Cox fit', () => {
    const ipd = ['time,event,group'];
    for (let i = 0; i < ROWS; i++) ipd.push(`${((i * 7919) % 1000) / 10},${i % 3 === 0 ? 0 : 1},${i % 2 ? 'a' : 'b'}`);
    const out = JSON.parse(km(parseArgs(['--ipd', roundTrip('ipd100k.csv', ipd.join('\n')).path]))) as {
      groups: { n: number }[]; logrank: { df: number } | null; cox: { hr: number } | null;
    };
    expect(out.groups.map((g) => g.n)).toEqual([50_000, 50_000]);
    expect(out.logrank?.df).toBe(1);
    expect(Number.isFinite(out.cox?.hr)).toBe(true);
  }, SLOW);
});

describe('a 100 000-point digitised curve', () => {
  test('readCurve: "abc" planted at line 60 001 is the one problem; 99 999 points kept', () => {
    const lines: string[] = [];
    for (let i = 0; i < ROWS; i++) lines.push(i === 60_000 ? 'abc,0.5' : `${i / 1e3},${1 - i / (1.1 * ROWS)}`);
    const r = readCurve(roundTrip('curve100k.csv', lines.join('\n')).text);
    expect(where(r.problems)).toEqual([[60_001, 'x']]);
    expect(r.datasets[0].points).toHaveLength(ROWS - 1);
  }, SLOW);
});

describe('50 MB files', () => {
  test('readAnalysisInput: a 50 MB study,yi,vi,note upload; vi = 0 at row 2 and yi = NaN at the last row reported', () => {
    const note = 'x'.repeat(80);
    const lines = ['study,yi,vi,note'];
    let size = 0;
    for (let i = 0; size < MB50; i++) {
      const line = `S${i},${(i % 100) / 50 - 1},${i === 0 ? 0 : 0.01 + (i % 13) / 100},${note}`;
      lines.push(line);
      size += line.length + 1;
    }
    lines[lines.length - 1] = `last,NaN,0.1,${note}`;
    const r = readAnalysisInput(roundTrip('upload50mb.csv', lines.join('\n')).text);
    const dataRows = lines.length - 1;
    expect(where(r.problems)).toEqual([[2, 'vi'], [dataRows + 1, 'yi']]);
    expect(r.kind === 'generic' && r.rows.length).toBe(dataRows - 2);
  }, SLOW);
});
