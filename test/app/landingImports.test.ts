/**
 * The landing page loads the explorer and what it imports statically; every other view arrives by dynamic import
 * (views/lazyViews.ts). A bundler puts a module, and all it imports, in the chunk of its first static importer, so one
 * static import of a lazily loaded view or of Observable Plot from this graph would move it into the landing page
 * (issue 16: landing page and workers ≤ 150 kB gzip; Plot only with the views that need it). `npm run bench` measures
 * the bytes; this test names the import that breaks the rule.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticGraph, staticImports } from '../../scripts/staticGraph.ts';

describe('staticImports(source)', () => {
  it('finds imports, side-effect imports and re-exports, not type-only ones or dynamic import()', () => {
    const source = [
      'import { a } from \'./a.ts\';',
      'import \'./b.css\';',
      'export { c } from \'./c.ts\';',
      'import type { D } from \'./d.ts\';',
      'const e = () => import(\'./e.ts\');',
      'import {',
      '  f,',
      '} from \'pkg-f\';',
    ].join('\n');
    expect(staticImports(source)).toEqual(['./a.ts', './b.css', './c.ts', 'pkg-f']);
  });
});

describe('the landing page (src/app/app.ts, the explorer it imports at once, and their static imports)', () => {
  const graph = new Map([...staticGraph(resolve('src/app/explorer.ts')), ...staticGraph(resolve('src/app/app.ts'))]);
  const loaders = readFileSync('src/app/views/lazyViews.ts', 'utf8');
  const lazy = [...loaders.matchAll(/import\('(\.\/[^']+\.ts)'\)/g)].map((m) => resolve('src/app/views', m[1]));

  it('lazyViews.ts loads the views other than the map by dynamic import', () => {
    expect(lazy.length).toBeGreaterThanOrEqual(9);
  });

  it('imports none of the lazily loaded views', () => {
    expect(lazy.filter((v) => graph.has(v)).map((v) => `${relative('.', v)} imported by ${graph.get(v)}`)).toEqual([]);
  });

  it('imports no Observable Plot', () => {
    expect(graph.has('package:@observablehq/plot') ? [`@observablehq/plot imported by ${graph.get('package:@observablehq/plot')}`] : []).toEqual([]);
  });
});
