import { readFileSync } from 'node:fs';

/** A user error: printed as one line on stderr with exit code 2. */
export class CliError extends Error {}

export interface Args {
  readonly flags: ReadonlyMap<string, string | true>;
  readonly positional: readonly string[];
}

/** `--name value`, `--name=value` and bare `--flag` (true). */
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

/** One of a fixed set of values (case-insensitive), returned in the set's spelling. */
export function choice<T extends string>(args: Args, name: string, values: readonly T[], fallback: T): T {
  const v = option(args, name);
  if (v === undefined) return fallback;
  const hit = values.find((x) => x.toLowerCase() === v.toLowerCase());
  if (!hit) throw new CliError(`invalid --${name}: ${v} (one of ${values.join(', ')})`);
  return hit;
}

export function readInput(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new CliError(`cannot read file: ${path}`);
  }
}

export function json(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
}
