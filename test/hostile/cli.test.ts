/**
 * The hostile corpus through the CLI: `pool`, `km` and `reconstruct` must exit 2 with one stderr line naming the
 * row and column of the first problem, and print nothing on stdout. Every corpus file goes through the command's
 * `run` in-process (a CliError with that one line); a sample of them is spawned as a real process (`npx tsx`) to
 * check the exit code and the empty stdout, concurrently to keep the suite fast.
 */
import { spawn } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { CliError, parseArgs } from '../../src/cli/args.ts';
import { run as km } from '../../src/cli/commands/km.ts';
import { run as pool } from '../../src/cli/commands/pool.ts';
import { run as reconstruct } from '../../src/cli/commands/reconstruct.ts';
import { corpusPath } from './corpus.ts';

const COMMANDS = { pool, km, reconstruct } as const;
type Command = keyof typeof COMMANDS;

/** The CliError message of an in-process run, or a failure when the command returns or throws anything else. */
function cliError(command: Command, argv: readonly string[]): string {
  try {
    COMMANDS[command](parseArgs(argv));
  } catch (err) {
    if (err instanceof CliError) return err.message;
    throw err;
  }
  throw new Error(`nelm ${command} ${argv.join(' ')} printed a result instead of failing`);
}

interface Spawned {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string[];
}

function nelm(...args: string[]): Promise<Spawned> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', 'src/cli/main.ts', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('close', (status) => {
      // npx may print its own "npm warn" lines; keep only the command's stderr.
      const lines = stderr.split('\n').filter((l) => l !== '' && !l.startsWith('npm warn'));
      resolve({ status, stdout, stderr: lines });
    });
  });
}

const f = corpusPath;
const RISK = f('risk_good.csv');
const CURVE = f('curve_good.csv');

/** [command, argv, the one line expected (after `<file>: ` where the command names the file)]. */
const CASES: readonly [Command, string[], RegExp][] = [
  ['pool', ['--input', f('empty.csv')], /: file: empty file: no header row$/],
  ['pool', ['--input', f('header_only.csv')], /: no rows$/],
  ['pool', ['--input', f('ragged.csv')], /: row 3: too few fields: 2 /],
  ['pool', ['--input', f('semicolon_decimal_comma.csv')], /: row 4, column vi: invalid vi: "0,0" /],
  ['pool', ['--input', f('bad_counts.csv')], /: row 2, column events: invalid events: "11" \(must be at most n \(10\)\)$/],
  ['pool', ['--input', f('nan_infinity.csv')], /: row 2, column yi: invalid yi: "NaN" /],
  ['pool', ['--input', f('wrong_types.csv')], /: row 2, column events: invalid events: "three" /],
  ['pool', ['--input', f('not_utf8.csv')], /: row 2, column study: invalid study: "A\uFFFD\uFFFD" \(bytes that are not UTF-8/],
  ['pool', ['--input', f('unterminated_quote.csv')], /: row 2: unterminated quoted field$/],
  ['pool', ['--input', f('studies_bad.csv'), '--outcome', 'os_5y'], /: row 3, column row_id: invalid row_id: "r1" \(duplicate of row 2\)$/],
  ['pool', ['--input', f('studies_semicolon.csv'), '--outcome', 'os_5y'], /: row 4, column n: invalid n: "1,5" /],
  ['km', ['--ipd', f('empty.csv')], /^file: empty file: no header row$/],
  ['km', ['--ipd', f('ipd_header_only.csv')], /^file: no data rows$/],
  ['km', ['--ipd', f('ipd_bad_event.csv')], /^row 3, column event: invalid event: "2" \(must be 0 or 1\)$/],
  ['km', ['--ipd', f('ipd_negative_time.csv')], /^row 3, column time: invalid time: "-2" /],
  ['km', ['--ipd', f('ipd_ragged.csv')], /^row 3: too few fields: 1 /],
  ['km', ['--ipd', f('ipd_nan_time.csv')], /^row 3, column time: invalid time: "NaN" /],
  ['km', ['--ipd', f('ipd_semicolon.csv')], /^row 4, column time: invalid time: "x" /],
  ['km', ['--ipd', f('ipd_not_utf8.csv')], /^row 2, column time: invalid time: "1\uFFFD" \(bytes that are not UTF-8/],
  ['reconstruct', ['--curve', f('empty.csv'), '--risk', RISK], /: file: no data$/],
  ['reconstruct', ['--curve', f('curve_header_only.csv'), '--risk', RISK], /: file: need at least 2 digitised points, found 0$/],
  ['reconstruct', ['--curve', f('curve_ragged.csv'), '--risk', RISK], /: row 2: expected 2 values \(x, y\), found 3 \(and 1 more\)$/],
  ['reconstruct', ['--curve', f('curve_nan.csv'), '--risk', RISK], /: row 2, column x: not a number: NaN \(and 1 more\)$/],
  ['reconstruct', ['--curve', f('curve_semicolon.csv'), '--risk', RISK], /: row 3, column y: not a number: abc$/],
  ['reconstruct', ['--curve', f('curve_not_utf8.csv'), '--risk', RISK], /: row 2, column x: not a number: 1\uFFFD$/],
  ['reconstruct', ['--curve', f('curve_mixed_scale.csv'), '--risk', RISK], /: row 2, column y: survival 0\.9 looks like a fraction/],
  ['reconstruct', ['--curve', CURVE, '--risk', f('empty.csv')], /: file: no data$/],
  ['reconstruct', ['--curve', CURVE, '--risk', f('risk_header_only.csv')], /: file: no data$/],
  ['reconstruct', ['--curve', CURVE, '--risk', f('risk_bad.csv')], /: row 3, column n_risk: number at risk rises from 100 to 120 \(and 3 more\)$/],
  ['reconstruct', ['--curve', CURVE, '--n', '5', '--events', '6'], /^invalid --events: 6 \(more than the 5 patients at time 0\)$/],
  ['reconstruct', ['--curve', CURVE, '--risk', RISK, '--events', '21'], /^invalid --events: 21 \(more than the 20 patients at time 0\)$/],
  ['reconstruct', ['--curve', CURVE, '--n', '0'], /^invalid --n: 0 \(a whole number ≥ 1\)$/],
  ['reconstruct', ['--curve', CURVE, '--n', '-3'], /^invalid --n: -3 /],
  ['reconstruct', ['--curve', CURVE, '--n', '2.5'], /^invalid --n: 2\.5 /],
];

describe('nelm pool / km / reconstruct on the hostile corpus (in-process run)', () => {
  test.each(CASES)('nelm %s %j fails with one line naming the row and column', (command, argv, expected) => {
    const message = cliError(command, argv);
    expect(message).toMatch(expected);
    expect(message).not.toMatch(/\n/);
  });
});

describe('nelm bias / leave1out / cumulative on the same files (in-process run)', () => {
  const commands = ['bias', 'leave1out', 'cumulative'] as const;
  const files: readonly [string, RegExp][] = [
    ['empty.csv', /: file: empty file: no header row$/],
    ['ragged.csv', /: row 3: too few fields: 2 /],
    ['bad_counts.csv', /: row 2, column events: invalid events: "11" /],
    ['not_utf8.csv', /: row 2, column study: invalid study: /],
    ['nan_infinity.csv', /: row 2, column yi: invalid yi: "NaN" /],
  ];
  for (const command of commands) {
    test.each(files)(`nelm ${command} --input %s fails with one line naming the row and column`, async (name, expected) => {
      const { run } = (await import(`../../src/cli/commands/${command}.ts`)) as {
        run: (args: ReturnType<typeof parseArgs>) => Promise<string> | string;
      };
      const argv = ['--input', f(name), ...(command === 'cumulative' ? ['--order', 'study'] : [])];
      let message = '';
      try {
        await run(parseArgs(argv));
      } catch (err) {
        if (!(err instanceof CliError)) throw err;
        message = err.message;
      }
      expect(message).toMatch(expected);
      expect(message).not.toMatch(/\n/);
    });
  }
});

/** Spawned as real processes: one case per kind of failure and command. */
const SPAWN_SAMPLE = ['not_utf8.csv', 'ipd_bad_event.csv', 'curve_mixed_scale.csv', '6'];
const SPAWNED = CASES.filter(([, argv]) => SPAWN_SAMPLE.some((s) => argv.some((a) => a === s || a.endsWith(`/${s}`))));

describe.concurrent('nelm (spawned) on the hostile corpus', () => {
  test.each(SPAWNED)('nelm %s %j exits 2 with one stderr line and an empty stdout', async (command, argv, expected) => {
    const r = await nelm(command, ...argv);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(new RegExp(`^nelm ${command}: `));
    expect(r.stderr[0]).toMatch(expected.source.startsWith('^') ? new RegExp(expected.source.slice(1)) : expected);
  });
});
