import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { decodeText } from '../data/decodeText.ts';
import { MAX_INPUT_BYTES, tooLargeMessage } from '../data/inputLimit.ts';
import type { OptionSpec } from './commandOptions.ts';

/** A user error: printed as one line on stderr with exit code 2. */
export class CliError extends Error {}

export interface Args {
  readonly flags: ReadonlyMap<string, string | true>;
  readonly positional: readonly string[];
}

/** `--name value`, `--name=value` and bare `--flag` (true), as they come (commands run in-process by tests). */
export function parseArgs(argv: readonly string[]): Args {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0) {
      flags.set(a.slice(2, eq), a.slice(eq + 1));
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      flags.set(a.slice(2), argv[++i]);
    } else {
      flags.set(a.slice(2), true);
    }
  }
  return { flags, positional };
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

const shown = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

/**
 * argv read against a command's options (commandOptions.ts), as main.ts runs every command: `--name value`,
 * `--name=value`, and `--flag` for options without a value. An unknown option, an option given twice, a flag
 * with a value, a value option without one, or an argument that is not an option's value is a CliError naming it.
 * `otherNames`: options of other commands, so that `--by` on `bias` says it does not apply rather than "unknown".
 */
export function parseCommandArgs(
  argv: readonly string[], command: string, options: readonly OptionSpec[], otherNames: ReadonlySet<string> = new Set(),
): Args {
  const known = new Map(options.map((o) => [o.name, o]));
  const help = `nelm ${command} --help lists its options`;
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--') || a === '--') {
      throw new CliError(`unexpected argument: ${shown(a)} (not the value of an option; ${help})`);
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const spec = known.get(name);
    if (spec === undefined) {
      if (otherNames.has(name)) throw new CliError(`option --${name.slice(0, 60)} does not apply to ${command} (${help})`);
      const near = options.map((o) => o.name).filter((o) => distance(o, name.toLowerCase()) <= 2);
      const hint = near.length > 0 ? `did you mean --${near[0]}? ` : '';
      throw new CliError(`unknown option: --${name.slice(0, 60)} (${hint}${help})`);
    }
    if (flags.has(name)) throw new CliError(`option --${name} given twice`);
    if (spec.value === null) {
      if (eq > 0) throw new CliError(`option --${name} takes no value (got ${shown(a.slice(eq + 1))})`);
      flags.set(name, true);
    } else if (eq > 0) {
      if (a.length === eq + 1) throw new CliError(`option --${name} needs a value (${spec.value})`);
      flags.set(name, a.slice(eq + 1));
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      flags.set(name, argv[++i]);
    } else {
      throw new CliError(`option --${name} needs a value (${spec.value})`);
    }
  }
  return { flags, positional: [] };
}

/** A string option, or the default; `--x` with no value is an error. */
export function option(args: Args, name: string, fallback?: string): string | undefined {
  const v = args.flags.get(name);
  if (v === undefined) return fallback;
  if (v === true) throw new CliError(`option --${name} needs a value`);
  return v;
}

export function requireOption(args: Args, name: string): string {
  const v = option(args, name);
  if (v === undefined) throw new CliError(`missing option --${name}`);
  return v;
}

/** A flag option (`--drop-invalid`): true when given; a value given to it is an error. */
export function flag(args: Args, name: string): boolean {
  const v = args.flags.get(name);
  if (v === undefined) return false;
  if (v !== true) throw new CliError(`option --${name} takes no value (got ${shown(v)})`);
  return true;
}

/** One of a fixed set of values (case-insensitive), returned in the set's spelling. */
export function choice<T extends string>(args: Args, name: string, values: readonly T[], fallback: T): T {
  const v = option(args, name);
  if (v === undefined) return fallback;
  const hit = values.find((x) => x.toLowerCase() === v.toLowerCase());
  if (!hit) throw new CliError(`invalid --${name}: ${v} (one of ${values.join(', ')})`);
  return hit;
}

/**
 * The directory a relative path is read from: where the user ran the command. `npm --prefix DIR run nelm` runs the
 * script in DIR and says where it was started in INIT_CWD; only `npm run nelm` itself is trusted to have set it
 * (a test run under `npm test` inherits an INIT_CWD that has nothing to do with the paths it passes).
 */
export function userDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.npm_lifecycle_event === 'nelm' && env.INIT_CWD ? env.INIT_CWD : process.cwd();
}

const CHUNK = 4 * 1024 * 1024;

/** The bytes of a file, or null past MAX_INPUT_BYTES (read in chunks: /dev/zero stops at the limit, never later). */
function readCapped(fd: number): Uint8Array | null {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK, MAX_INPUT_BYTES + 1 - total));
    const got = readSync(fd, chunk, 0, chunk.length, null);
    if (got === 0) return Buffer.concat(chunks, total);
    chunks.push(chunk.subarray(0, got));
    total += got;
    if (total > MAX_INPUT_BYTES) return null;
  }
}

/** A system error's code (ENOENT, EISDIR, ...), or '' for anything else. */
function errorCode(err: unknown): string {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : '';
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file', EISDIR: 'a directory, not a file', EACCES: 'permission denied', EPERM: 'permission denied',
};

function cannotRead(path: string, err: unknown, dir: string): CliError {
  const code = errorCode(err);
  const reason = Object.hasOwn(REASONS, code) ? REASONS[code] : code.toLowerCase() || 'read error';
  const where = code === 'ENOENT' && !isAbsolute(path) ? ` in ${dir}` : '';
  return new CliError(`cannot read file: ${path} (${reason}${where})`);
}

/**
 * An input file's text, read as the upload panel reads one: at most MAX_INPUT_BYTES (inputLimit.ts), bytes → text by
 * decodeText (UTF-8, or UTF-16 with a byte-order mark). A relative path is taken from where the user ran `nelm`
 * (userDirectory). Errors name the path as given: `cannot read file: x.csv (no such file in /home/me)`.
 */
export function readInput(path: string): string {
  const dir = userDirectory();
  let fd: number;
  try {
    fd = openSync(resolve(dir, path), 'r');
  } catch (err) {
    throw cannotRead(path, err, dir);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new CliError(`cannot read file: ${path} (${REASONS.EISDIR})`);
    if (stat.isFile() && stat.size > MAX_INPUT_BYTES) throw new CliError(`${path}: ${tooLargeMessage(stat.size)}`);
    let bytes: Uint8Array | null;
    try {
      bytes = readCapped(fd);
    } catch (err) {
      throw cannotRead(path, err, dir);
    }
    if (bytes === null) throw new CliError(`${path}: ${tooLargeMessage()}`);
    return decodeText(bytes);
  } finally {
    closeSync(fd);
  }
}

export function json(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
}
