/**
 * The static import graph of the app's TypeScript, read from the source text: what a bundler puts in the same load
 * as a module. Used by vite.config.ts (to group the landing page's modules into few chunks) and by
 * test/app/landingImports.test.ts (to keep lazily loaded views out of the landing page).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

/** Run-time import specifiers of a module: static imports and re-exports, not `import type` / `export type`. */
export function staticImports(source: string): string[] {
  return [...source.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'"`;]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)]
    .filter((m) => !m[1]).map((m) => m[2]);
}

/**
 * Every file and package reachable from `entry` (an absolute path) by static imports, each with the file that first
 * imports it (relative to the working folder; '' for the entry). Files are absolute paths, packages `package:<name>`.
 */
export function staticGraph(entry: string): Map<string, string> {
  const seen = new Map<string, string>([[entry, '']]);
  const todo = [entry];
  for (let file = todo.pop(); file !== undefined; file = todo.pop()) {
    for (const spec of staticImports(readFileSync(file, 'utf8'))) {
      const target = spec.startsWith('.') ? resolve(dirname(file), spec.replace(/\?.*$/, '')) : `package:${spec}`;
      if (seen.has(target)) continue;
      seen.set(target, relative('.', file));
      if (target.endsWith('.ts') && existsSync(target)) todo.push(target);
    }
  }
  return seen;
}
