/**
 * Issue 15, "the CLI silently ignores unknown options, repeated options and positional arguments": every command's
 * argv is read against its entry in src/cli/commandOptions.ts. Each case runs the real command (exit 2, one stderr
 * line naming the option, no stack trace), and `nelm <command> --help` prints the options. The registry is checked
 * against the command files, so it cannot drift from what the commands read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseCommandArgs } from '../../src/cli/args.ts';
import { COMMAND_OPTIONS } from '../../src/cli/commandOptions.ts';
import { expectOneLineError, nelm, root } from './cliRun.ts';

const TABLE = 'public/studies.csv';
const commandDir = join(root, 'src', 'cli', 'commands');
const commands = readdirSync(commandDir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();

describe('unknown, repeated and stray arguments exit 2 naming them', () => {
  test.each([
    ['an unknown option (--mesure PFT): did you mean --measure?',
      ['pool', '--input', TABLE, '--outcome', 'os_5y', '--mesure', 'PFT'], /^nelm pool: unknown option: --mesure \(did you mean --measure\? nelm pool --help lists its options\)$/],
    ['a repeated option (--input twice)',
      ['pool', '--input', TABLE, '--outcome', 'os_5y', '--input', TABLE], /^nelm pool: option --input given twice$/],
    ['a repeated option with --name=value',
      ['km', '--ipd', 'x.csv', '--times=12', '--times', '24'], /^nelm km: option --times given twice$/],
    ['a positional argument',
      ['pool', 'public/studies.csv', '--outcome', 'os_5y'], /^nelm pool: unexpected argument: "public\/studies.csv" \(not the value of an option; /],
    ['a stray argument after a flag',
      ['pool', '--input', TABLE, '--drop-invalid', 'yes'], /^nelm pool: unexpected argument: "yes" /],
    ['a value given to a flag', ['pool', '--input', TABLE, '--drop-invalid=1'], /^nelm pool: option --drop-invalid takes no value \(got "1"\)$/],
    ['a value option without its value', ['pool', '--outcome', 'os_5y', '--input'], /^nelm pool: option --input needs a value \(FILE\)$/],
    ['a single-dash option', ['km', '-ipd', 'x.csv'], /^nelm km: unexpected argument: "-ipd" /],
    ['another command\'s option (--by on bias)', ['bias', '--input', TABLE, '--by', 'modality'], /^nelm bias: option --by does not apply to bias \(nelm bias --help lists its options\)$/],
    ['--method on sensitivity, which fits every model', ['sensitivity', '--input', TABLE, '--method', 'DL'], /^nelm sensitivity: option --method does not apply to sensitivity /],
    ['an unknown option on reconstruct (its --digitised is known)', ['reconstruct', '--curve', 'c.csv', '--n', '10', '--digitized', 'steps'], /^nelm reconstruct: unknown option: --digitized \(did you mean --digitised\?/],
    ['a 10 000-character option name is clipped', ['pool', `--${'x'.repeat(10_000)}`], /^nelm pool: unknown option: --x{60} \(nelm pool --help/],
  ])('%s', (_name, argv, line) => {
    expectOneLineError(nelm(...argv), line);
  }, 30_000);
});

describe('nelm <command> --help', () => {
  test('pool --help prints its options, exit 0, nothing on stderr', () => {
    const r = nelm('pool', '--help');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^usage: nelm pool --input FILE \[options\]\n/);
    for (const o of COMMAND_OPTIONS.get('pool')!.options) expect(r.stdout).toContain(`--${o.name}`);
    expect(r.stdout).toMatch(/--drop-invalid +go on without invalid rows/);
  }, 30_000);

  test('reconstruct --help lists --digitised auto|steps|corners|trace; nelm help km is km --help', () => {
    expect(nelm('reconstruct', '--help').stdout).toMatch(/--digitised auto\|steps\|corners\|trace/);
    const km = nelm('help', 'km');
    expect(km.status).toBe(0);
    expect(km.stdout).toMatch(/^usage: nelm km --ipd FILE \[options\]/);
  }, 30_000);

  test('nelm --help lists every command with its summary', () => {
    const r = nelm('--help');
    expect(r.status).toBe(0);
    for (const c of commands) expect(r.stdout).toMatch(new RegExp(`^ {2}${c} +\\S`, 'm'));
  }, 30_000);
});

describe('the registry matches the commands', () => {
  /** Option names a source file reads with option(args, 'x'), requireOption, choice, flag, or a helper of the same shape. */
  const readIn = (file: string): Set<string> => {
    const src = readFileSync(file, 'utf8');
    return new Set([...src.matchAll(/\b(?!has\b)\w+(?:<[^>(]*>)?\(args, '([a-z-]+)'/g)].map((m) => m[1]));
  };
  const shared = readIn(join(root, 'src', 'cli', 'analysisArgs.ts'));

  test.each(commands)('%s: has an entry; every option it reads is listed; every listed option is read', (command) => {
    const spec = COMMAND_OPTIONS.get(command);
    expect(spec, `src/cli/commandOptions.ts has no entry for ${command}`).toBeDefined();
    const file = join(commandDir, `${command}.ts`);
    const own = readIn(file);
    const listed = new Set(spec!.options.map((o) => o.name));
    for (const name of own) expect(listed, `${command} reads --${name}`).toContain(name);
    const usesShared = /from '\.\.\/analysisArgs\.ts'/.test(readFileSync(file, 'utf8'));
    for (const name of listed) {
      expect(own.has(name) || (usesShared && shared.has(name)), `--${name} is listed for ${command} but never read`).toBe(true);
    }
  });

  test('in-process: the parser returns exactly the options given, none invented', () => {
    const args = parseCommandArgs(['--input', 'a.csv', '--drop-invalid', '--exclude=3,4'], 'pool', COMMAND_OPTIONS.get('pool')!.options);
    expect([...args.flags]).toEqual([['input', 'a.csv'], ['drop-invalid', true], ['exclude', '3,4']]);
    expect(args.positional).toEqual([]);
  });
});
