/**
 * The `nelm` command: `npm run --silent nelm -- <command> [options]`.
 * Each command lives in src/cli/commands/<name>.ts and exports `run(args): Promise<string>` returning stdout text.
 * Bad input throws CliError: one line on stderr, exit code 2, nothing on stdout. Each command's options are listed in
 * commandOptions.ts: argv is checked against that list before the command runs (an unknown, repeated or stray
 * argument is exit 2 naming it), and `nelm <command> --help` prints it.
 */
import { PoolInputError } from '../meta/poolInputError.ts';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, parseCommandArgs, type Args } from './args.ts';
import { COMMAND_OPTIONS, helpText } from './commandOptions.ts';

const here = dirname(fileURLToPath(import.meta.url));
const commandDir = join(here, 'commands');

function commandNames(): string[] {
  if (!existsSync(commandDir)) return [];
  return readdirSync(commandDir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
}

function usage(names: readonly string[]): string {
  const width = names.reduce((w, n) => Math.max(w, n.length), 0);
  const lines = names.map((n) => `  ${n.padEnd(width)}  ${COMMAND_OPTIONS.get(n)?.summary ?? ''}`);
  return ['usage: nelm <command> [options]   (nelm <command> --help: its options)', 'commands:', ...lines, ''].join('\n');
}

/** Option names of every command but `name`: on `name` they "do not apply" rather than being unknown. */
function otherOptionNames(name: string): Set<string> {
  const own = new Set(COMMAND_OPTIONS.get(name)?.options.map((o) => o.name));
  const out = new Set<string>();
  for (const spec of COMMAND_OPTIONS.values()) for (const o of spec.options) if (!own.has(o.name)) out.add(o.name);
  return out;
}

async function main(argv: string[]): Promise<number> {
  const [first, ...afterFirst] = argv;
  // `nelm help pool` is `nelm pool --help`
  const [name, ...rest] = first === 'help' && afterFirst.length > 0 ? [afterFirst[0], '--help'] : argv;
  const names = commandNames();
  if (!name || name === '--help' || name === 'help') {
    process.stdout.write(usage(names));
    return name ? 0 : 2;
  }
  if (!names.includes(name)) {
    process.stderr.write(`nelm: unknown command: ${name.slice(0, 60)} (commands: ${names.join(', ')})\n`);
    return 2;
  }
  const spec = COMMAND_OPTIONS.get(name);
  if (spec === undefined) {
    process.stderr.write(`nelm: command ${name} has no entry in src/cli/commandOptions.ts\n`);
    return 1;
  }
  if (rest.includes('--help')) {
    process.stdout.write(helpText(name, spec));
    return 0;
  }
  try {
    const args = parseCommandArgs(rest, name, spec.options, otherOptionNames(name));
    const mod = (await import(join(commandDir, `${name}.ts`))) as { run: (args: Args) => Promise<string> | string };
    const out = await mod.run(args);
    process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
    return 0;
  } catch (err) {
    // bad input found by the engine itself (PoolInputError) is a user error too: one line, exit 2
    if (err instanceof CliError || err instanceof PoolInputError) {
      process.stderr.write(`nelm ${name}: ${err.message.replace(/\s*\n\s*/g, ' ')}\n`);
      return 2;
    }
    throw err;
  }
}

process.exitCode = await main(process.argv.slice(2));
