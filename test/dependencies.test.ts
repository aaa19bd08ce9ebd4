/**
 * package.json `dependencies` say exactly what src/ imports at run time (issue 16: "no declared dependency that
 * nothing imports"): every declared package is imported by some file of src/, and every package src/ imports is
 * declared. Type-only imports do not count (their types come from devDependencies); node builtins are not packages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The package a bare specifier names: `@scope/name` or `name`, without a subpath; null for relative paths and builtins. */
function packageOf(specifier: string): string | null {
  if (/^[./]/.test(specifier) || specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0])) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Packages a TypeScript source imports at run time: static imports and re-exports (not `import type`), and import(). */
function runtimeImports(source: string): Set<string> {
  const specifiers = [
    ...[...source.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^'"`;]*?\sfrom\s+['"]([^'"]+)['"]/gm)].filter((m) => !m[1]).map((m) => m[2]),
    ...[...source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]),
    ...[...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]),
  ];
  return new Set(specifiers.map(packageOf).filter((p): p is string => p !== null));
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourcesUnder(join(dir, e.name)) : /\.[cm]?[jt]s$/.test(e.name) ? [join(dir, e.name)] : []));
}

describe('runtimeImports(source)', () => {
  it('finds static, multi-line, side-effect and dynamic imports and re-exports by package, not type-only ones', () => {
    const source = [
      'import { a } from \'pkg-a\';',
      'import {',
      '  b,',
      '} from \'@scope/pkg-b/sub/path.js\';',
      'import \'pkg-c/style.css\';',
      'export { d } from \'pkg-d\';',
      'const e = await import(\'pkg-e\');',
      'import type { F } from \'pkg-f\';',
      'export type { G } from \'pkg-g\';',
      'import { h } from \'./local.ts\';',
      'import { readFileSync } from \'node:fs\';',
      'import { join } from \'path\';',
    ].join('\n');
    expect([...runtimeImports(source)].sort()).toEqual(['@scope/pkg-b', 'pkg-a', 'pkg-c', 'pkg-d', 'pkg-e']);
  });
});

describe('package.json dependencies', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies?: Record<string, string> };
  const declared = Object.keys(pkg.dependencies ?? {}).sort();
  const imported = new Set(sourcesUnder('src').flatMap((f) => [...runtimeImports(readFileSync(f, 'utf8'))]));

  it('every declared dependency is imported by src/', () => {
    expect(declared.filter((d) => !imported.has(d))).toEqual([]);
  });

  it('every package src/ imports is a declared dependency', () => {
    expect([...imported].filter((p) => !declared.includes(p)).sort()).toEqual([]);
  });
});
