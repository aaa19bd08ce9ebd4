/**
 * Issue 15, "missing values in the CLI input stop the run (exit 2); keep that as the default, and add
 * --drop-invalid to go on without the invalid rows, listing them as warnings (as metafor drops NA rows with a
 * warning)". The oracle for a run with --drop-invalid is the same command on the file with those rows deleted by
 * hand: the numbers must be identical, and each dropped row is one `invalid_row_dropped` warning naming its row.
 */
import { describe, expect, test } from 'vitest';
import { expectJson, expectOneLineError, nelm, tempFile } from './cliRun.ts';

const SLOW = 60_000;
const BAD = [
  'study,events,n,region',
  'A,3,10,north',
  'B,5,,south', // row 3: n missing
  'C,4,11,north',
  'D,x,-1,south', // row 5: events and n invalid
  'E,7,20', // row 6: too few fields
  'F,6,13,south',
  'G,2,9,north',
].join('\n');
const bad = tempFile('bad.csv', BAD);
const clean = tempFile('clean.csv', BAD.split('\n').filter((_, i) => ![2, 4, 5].includes(i)).join('\n'));

interface Warned {
  warnings: { code: string; row?: number; message: string }[];
}
type Fit = Warned & { k: number; estimate: number; ci: number[] };

const droppedOf = (out: Warned) => out.warnings.filter((w) => w.code === 'invalid_row_dropped');
const others = <T extends Warned>(out: T) => ({ ...out, warnings: out.warnings.filter((w) => w.code !== 'invalid_row_dropped') });

describe('without --drop-invalid an invalid row stops the run (the default)', () => {
  test('pool exits 2 naming the first invalid row and column', () => {
    expectOneLineError(nelm('pool', '--input', bad), /^nelm pool: .*bad\.csv: row 3, column n: invalid n: "" \(must be a positive integer\)$/);
  }, SLOW);
});

describe('with --drop-invalid the run goes on without the invalid rows, each listed as a warning', () => {
  test('pool: the fit of the file with rows 3, 5, 6 deleted, and three warnings naming them', () => {
    const out = expectJson<Fit>(nelm('pool', '--input', bad, '--drop-invalid'));
    const ref = expectJson<Fit>(nelm('pool', '--input', clean));
    expect(out.k).toBe(4);
    expect(others(out)).toEqual(ref);
    expect(droppedOf(out)).toEqual([
      { code: 'invalid_row_dropped', row: 3, message: 'row 3 left out (--drop-invalid): column n: invalid n: "" (must be a positive integer)' },
      {
        code: 'invalid_row_dropped', row: 5,
        message: 'row 5 left out (--drop-invalid): column events: invalid events: "x" (must be an integer, at least 0); column n: invalid n: "-1" (must be a positive integer)',
      },
      { code: 'invalid_row_dropped', row: 6, message: 'row 6 left out (--drop-invalid): too few fields: 3 (expected 4, one per header column)' },
    ]);
  }, SLOW);

  test('pool --by region: the warnings are at the top level, the subgroups are the clean file\'s', () => {
    const out = expectJson<Warned & { subgroups: unknown }>(nelm('pool', '--input', bad, '--drop-invalid', '--by', 'region'));
    const ref = expectJson<{ subgroups: unknown }>(nelm('pool', '--input', clean, '--by', 'region'));
    expect(out.subgroups).toEqual(ref.subgroups);
    expect(droppedOf(out).map((w) => w.row)).toEqual([3, 5, 6]);
  }, SLOW);

  test('--exclude still counts the file\'s rows: --exclude 7 leaves out F (row 7), not the 7th valid row', () => {
    const out = expectJson<Fit & { excluded: { study: string }[] }>(nelm('pool', '--input', bad, '--drop-invalid', '--exclude', '7'));
    expect(out.k).toBe(3);
    expect(out.excluded.map((e) => e.study)).toEqual(['F']);
  }, SLOW);

  test.each(['leave1out', 'bias', 'sensitivity'])('%s: same output as on the clean file, plus the warnings', (command) => {
    const out = expectJson<Warned>(nelm(command, '--input', bad, '--drop-invalid'));
    const ref = expectJson<Partial<Warned>>(nelm(command, '--input', clean));
    expect(droppedOf(out).map((w) => w.row)).toEqual([3, 5, 6]);
    const rest = others(out);
    expect(ref.warnings === undefined ? { ...rest, warnings: undefined } : rest).toEqual(ref);
  }, SLOW);

  test('cumulative --order region', () => {
    const out = expectJson<Warned & { rows: unknown }>(nelm('cumulative', '--input', bad, '--drop-invalid', '--order', 'region'));
    expect(out.rows).toEqual(expectJson<{ rows: unknown }>(nelm('cumulative', '--input', clean, '--order', 'region')).rows);
    expect(droppedOf(out)).toHaveLength(3);
  }, SLOW);

  test('regress --mods region: the clean file\'s coefficients, the dropped rows first in warnings', () => {
    const out = expectJson<Warned & { coefficients: unknown; k: number }>(nelm('regress', '--input', bad, '--drop-invalid', '--mods', 'region'));
    const ref = expectJson<Warned>(nelm('regress', '--input', clean, '--mods', 'region'));
    expect(others(out)).toEqual(ref);
    expect(out.warnings.slice(0, 3).map((w) => [w.code, w.row])).toEqual([['invalid_row_dropped', 3], ['invalid_row_dropped', 5], ['invalid_row_dropped', 6]]);
  }, SLOW);

  test('medians (study,median,n): the clean file\'s pooled medians, and the warning', () => {
    const text = 'study,median,n\nA,20,10\nB,,12\nC,30,11\nD,25,14\n';
    const out = expectJson<Warned & { groups: unknown }>(nelm('medians', '--input', tempFile('m.csv', text), '--drop-invalid'));
    const ref = expectJson<{ groups: unknown }>(nelm('medians', '--input', tempFile('m-clean.csv', text.replace('B,,12\n', ''))));
    expect(out.groups).toEqual(ref.groups);
    expect(droppedOf(out).map((w) => w.row)).toEqual([3]);
    expectOneLineError(nelm('medians', '--input', tempFile('m2.csv', text)), /: row 3, column median: invalid median: "" /);
  }, SLOW);

  test('the study table: invalid rows (duplicate row_id, n -5, value NaN, …) dropped with their reasons', () => {
    const out = expectJson<Fit>(nelm('pool', '--input', 'test/hostile/files/studies_bad.csv', '--outcome', 'os_5y', '--drop-invalid'));
    expect(out.k).toBe(1);
    expect(droppedOf(out)[0].message).toBe('row 3 left out (--drop-invalid): column row_id: invalid row_id: "r1" (duplicate of row 2)');
  }, SLOW);
});

describe('--drop-invalid leaves out rows, never a broken header or file', () => {
  test.each([
    ['a duplicate header (n and N)', 'study,events,n,N\nA,3,10,1\nB,x,10,1\n', /: row 1, column N: duplicate column: "N" \(same as "n"\) \(--drop-invalid leaves out rows, not a broken header or file\)$/],
    ['an unrecognised header', 'name,x\nA,1\n', /: row 1: unrecognised header: name, x; /],
    ['an empty file', '', /: file: empty file: no header row \(--drop-invalid/],
  ])('%s: exit 2', (_name, text, line) => {
    expectOneLineError(nelm('pool', '--input', tempFile('broken.csv', text), '--drop-invalid'), line);
  }, SLOW);

  test('every row invalid: exit 2, "no rows"', () => {
    expectOneLineError(nelm('pool', '--input', tempFile('allbad.csv', 'study,events,n\nA,x,10\nB,1,\n'), '--drop-invalid'), /: no rows$/);
  }, SLOW);
});
