import { describe, expect, test } from 'vitest';
import { choice, CliError, parseArgs, requireOption } from '../../src/cli/args.ts';

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
