/**
 * `npm run bench`: runs every bench/*.bench.ts and prints one table of figures.
 * Benchmarks print what they measure; nothing here asserts on time.
 * Each module exports `default async function (): Promise<BenchRow[]>`.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: string;
  readonly note?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort()
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
const rows: BenchRow[] = [];
for (const f of files) {
  const mod = (await import(join(here, f))) as { default: () => Promise<BenchRow[]> };
  process.stderr.write(`bench: ${f}\n`);
  rows.push(...(await mod.default()));
}
const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3));
const table = [['benchmark', 'value', 'unit', 'target', 'note'], ...rows.map((r) => [r.name, fmt(r.value), r.unit, r.target ?? '', r.note ?? ''])];
const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
for (const [i, r] of table.entries()) {
  console.log(r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
