import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { choice, CliError, flag, parseArgs, parseCommandArgs, readInput, requireOption } from '../../src/cli/args.ts';

describe('parseArgs(argv)', () => {
  test('reads --name value, --name=value and bare flags', () => {
    const a = parseArgs(['pos', '--input', 'x.csv', '--measure=PLO', '--verbose']);
    expect(a.flags.get('input')).toBe('x.csv');
    expect(a.flags.get('measure')).toBe('PLO');
    expect(a.flags.get('verbose')).toBe(true);
    expect(a.positional).toEqual(['pos']);
  });
  test('choice() is case-insensitive and names the bad value', () => {
    expect(choice(parseArgs(['--test', 'KNHA']), 'test', ['z', 'knha'], 'z')).toBe('knha');
    expect(() => choice(parseArgs(['--test', 'wald']), 'test', ['z', 'knha'], 'z')).toThrow('invalid --test: wald (one of z, knha)');
  });
  test('requireOption() throws a CliError for a missing option', () => {
    expect(() => requireOption(parseArgs([]), 'input')).toThrow(CliError);
  });
});

describe('parseCommandArgs(argv, command, options)', () => {
  const options = [
    { name: 'input', value: 'FILE', help: '' },
    { name: 'drop-invalid', value: null, help: '' },
  ] as const;
  const parse = (...argv: string[]) => parseCommandArgs(argv, 'pool', options, new Set(['by']));
  test('reads value options (both spellings) and flags; a value may start with one dash', () => {
    expect([...parse('--input', '-x.csv', '--drop-invalid').flags]).toEqual([['input', '-x.csv'], ['drop-invalid', true]]);
    expect(parse('--input=a=b.csv').flags.get('input')).toBe('a=b.csv');
  });
  test('names the unknown, the repeated, the stray and the misplaced', () => {
    expect(() => parse('--inptu', 'a')).toThrow('unknown option: --inptu (did you mean --input? nelm pool --help lists its options)');
    expect(() => parse('--zzz')).toThrow('unknown option: --zzz (nelm pool --help lists its options)');
    expect(() => parse('--by', 'x')).toThrow('option --by does not apply to pool');
    expect(() => parse('--input', 'a', '--input=a')).toThrow('option --input given twice');
    expect(() => parse('a.csv')).toThrow('unexpected argument: "a.csv"');
    expect(() => parse('--input', 'a', '--')).toThrow('unexpected argument: "--"');
    expect(() => parse('--drop-invalid=no')).toThrow('option --drop-invalid takes no value (got "no")');
    expect(() => parse('--input', '--drop-invalid')).toThrow('option --input needs a value (FILE)');
    expect(() => parse('--input=')).toThrow('option --input needs a value (FILE)');
  });
  test('flag() is true only when given, and refuses a value', () => {
    expect(flag(parse('--drop-invalid'), 'drop-invalid')).toBe(true);
    expect(flag(parse(), 'drop-invalid')).toBe(false);
    expect(() => flag(parseArgs(['--drop-invalid', 'yes']), 'drop-invalid')).toThrow('option --drop-invalid takes no value (got "yes")');
  });
});

describe('readInput(path)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nelm-args-'));
  test('decodes UTF-16LE with a BOM (Excel "Unicode text") and strips a UTF-8 BOM', () => {
    writeFileSync(join(dir, 'u16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\tb\n1\t2\n', 'utf16le')]));
    writeFileSync(join(dir, 'bom.csv'), '\uFEFFa,b\n');
    expect(readInput(join(dir, 'u16.txt'))).toBe('a\tb\n1\t2\n');
    expect(readInput(join(dir, 'bom.csv'))).toBe('a,b\n');
  });
  test('names what went wrong: no such file, a directory, too large', () => {
    expect(() => readInput(join(dir, 'none.csv'))).toThrow(`cannot read file: ${join(dir, 'none.csv')} (no such file)`);
    expect(() => readInput(dir)).toThrow(`cannot read file: ${dir} (a directory, not a file)`);
    expect(() => readInput('/dev/zero')).toThrow('/dev/zero: file too large: more than 100 MB');
  });
});
