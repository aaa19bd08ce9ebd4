/**
 * Issue 15, "`--by constructor` / `--by __proto__` / `--order constructor` crash the CLI or name a subgroup
 * 'function Object() { [native code] }'": anything keyed by user text (column names, group labels, exclusion ids)
 * lives in a Map or a prototype-free object. A name that is not a column is "not found" (exit 2, one line); a column
 * that really is called `__proto__` or `constructor` works like any other.
 */
import { describe, expect, test } from 'vitest';
import { expectJson, expectOneLineError, nelm, tempFile } from './cliRun.ts';

const TABLE = 'public/studies.csv';
const plain = tempFile('plain.csv', 'study,events,n,region\nA,3,10,north\nB,5,12,south\nC,4,11,north\nD,6,13,south\n');
// columns literally named after Object.prototype's members
const named = tempFile('proto-columns.csv', [
  'study,events,n,__proto__,constructor,toString',
  'A,3,10,x,p,4', 'B,5,12,y,q,3', 'C,4,11,x,p,2', 'D,6,13,y,q,1',
].join('\n'));
const ipd = tempFile('ipd-proto.csv', ['time,event,constructor,__proto__', '1,1,a,u', '2,0,b,v', '3,1,a,u', '4,1,b,v'].join('\n'));

interface ByJson {
  subgroups: { group: string; k: number }[];
}

describe('names of Object.prototype members that are not columns: exit 2, "not found"', () => {
  test.each([
    ['pool --by constructor (study,events,n)', ['pool', '--input', plain, '--by', 'constructor'], /: column constructor: not found \(columns: region\)$/],
    ['pool --by __proto__ (study,events,n)', ['pool', '--input', plain, '--by', '__proto__'], /: column __proto__: not found \(columns: region\)$/],
    ['pool --by hasOwnProperty (study,events,n)', ['pool', '--input', plain, '--by', 'hasOwnProperty'], /: column hasOwnProperty: not found /],
    ['pool --by constructor (study table)', ['pool', '--input', TABLE, '--outcome', 'os_5y', '--by', 'constructor'], /: column constructor: not found \(a study-table column\)$/],
    ['pool --by __proto__ (study table)', ['pool', '--input', TABLE, '--outcome', 'os_5y', '--by', '__proto__'], /: column __proto__: not found \(a study-table column\)$/],
    ['pool --outcome constructor', ['pool', '--input', TABLE, '--outcome', 'constructor'], /: invalid --outcome: constructor \(one of /],
    ['pool --exclude __proto__', ['pool', '--input', TABLE, '--outcome', 'os_5y', '--exclude', '__proto__'], /: invalid --exclude: __proto__ \(not a cohort_id or row_id of the table\)$/],
    ['cumulative --order constructor', ['cumulative', '--input', plain, '--order', 'constructor'], /: column constructor: not found \(columns: region\)$/],
    ['cumulative --order __proto__ (study table)', ['cumulative', '--input', TABLE, '--outcome', 'os_5y', '--order', '__proto__'], /: column __proto__: not found \(a study-table column\)$/],
    ['km --group constructor', ['km', '--ipd', tempFile('ipd.csv', 'time,event\n1,1\n2,0\n'), '--group', 'constructor'], /^nelm km: row 1: missing column "constructor" \(header: time, event\)$/],
    ['km --group __proto__', ['km', '--ipd', tempFile('ipd2.csv', 'time,event\n1,1\n2,0\n'), '--group', '__proto__'], /^nelm km: row 1: missing column "__proto__" /],
  ])('%s', (_name, argv, line) => {
    const r = nelm(...argv);
    expectOneLineError(r, line);
    expect(r.stderr).not.toMatch(/function Object|native code|is not a function/);
  }, 30_000);
});

describe('columns really called __proto__ and constructor', () => {
  test('pool --by __proto__ and --by constructor: the subgroups are the cells, x/y and p/q', () => {
    for (const [by, groups] of [['__proto__', ['x', 'y']], ['constructor', ['p', 'q']]] as const) {
      const out = expectJson<ByJson>(nelm('pool', '--input', named, '--by', by));
      expect(out.subgroups.map((g) => [g.group, g.k])).toEqual([[groups[0], 2], [groups[1], 2]]);
    }
  }, 30_000);

  test('cumulative --order toString orders by the column (D = 1 first), not by a function', () => {
    const out = expectJson<{ order: string; rows: { study: string }[] }>(nelm('cumulative', '--input', named, '--order', 'toString'));
    expect(out.rows.map((r) => r.study)).toEqual(['D', 'C', 'B', 'A']);
  }, 30_000);

  test('km --group constructor and --group __proto__: groups a/b and u/v', () => {
    for (const [group, labels] of [['constructor', ['a', 'b']], ['__proto__', ['u', 'v']]] as const) {
      const out = expectJson<{ groups: { group: string; n: number }[] }>(nelm('km', '--ipd', ipd, '--group', group));
      expect(out.groups.map((g) => [g.group, g.n])).toEqual([[labels[0], 2], [labels[1], 2]]);
    }
  }, 30_000);
});
