/**
 * The `nelm` command: `npm run --silent nelm -- <command> [options]`.
 * Each command lives in src/cli/commands/<name>.ts and exports `run(args): Promise<string>` returning stdout text.
 * Bad input throws CliError: one line on stderr, exit code 2, nothing on stdout.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, parseArgs } from './args.ts';

const here = dirname(fileURLToPath(import.meta.url));
const commandDir = join(here, 'commands');

function commandNames(): string[] {
  if (!existsSync(commandDir)) return [];
  return readdirSync(commandDir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const names = commandNames();
  if (!name || name === '--help' || name === 'help') {
    process.stdout.write(`usage: nelm <command> [options]\ncommands: ${names.join(', ')}\n`);
    return name ? 0 : 2;
  }
  if (!names.includes(name)) {
    process.stderr.write(`nelm: unknown command: ${name} (commands: ${names.join(', ')})\n`);
    return 2;
  }
  try {
    const mod = (await import(join(commandDir, `${name}.ts`))) as { run: (args: ReturnType<typeof parseArgs>) => Promise<string> | string };
    const out = await mod.run(parseArgs(rest));
    process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
    return 0;
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`nelm ${name}: ${err.message.replace(/\s*\n\s*/g, ' ')}\n`);
      return 2;
    }
    throw err;
  }
}

process.exitCode = await main(process.argv.slice(2));
