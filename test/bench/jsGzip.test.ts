/**
 * jsGzip (bench/jsGzip.ts) on a made-up build: a page entry that imports the explorer at once (and a view only when a
 * link names it), a view loaded later,
 * two workers sharing a chunk with the page and one of their own. Expected groups follow the manifest by hand; byte
 * counts are zlib's (level 9) of each file, summed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { jsGzip } from '../../bench/jsGzip.ts';

const dir = mkdtempSync(join(tmpdir(), 'jsgzip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILES: Record<string, string> = {
  'assets/index.js': 'import("./explorer.js"); const early = () => import("./forest.js");',
  'assets/explorer.js': 'import "./engine.js"; const v = () => import("./forest.js");',
  'assets/engine.js': 'export const fit = (x) => x * 2;'.repeat(20),
  'assets/forest.js': 'export const forest = 1;',
  'assets/plot.js': 'export const plot = 2;'.repeat(50),
  'assets/pool.worker.js': 'import "./engine.js"; import "./guyot.js";',
  'assets/upload.worker.js': 'import "./engine.js";',
  'assets/guyot.js': 'export const guyot = 3;'.repeat(10),
  'assets/app.css': 'body { margin: 0 }',
};
const MANIFEST = {
  // the entry also imports a view early when a link names it (app.ts preloadView): that view stays a lazy one
  'index.html': { file: 'assets/index.js', isEntry: true, dynamicImports: ['src/app/explorer.ts', 'src/app/views/forestView.ts'] },
  'src/app/explorer.ts': { file: 'assets/explorer.js', isDynamicEntry: true, imports: ['_engine.js'], dynamicImports: ['src/app/views/forestView.ts'] },
  '_engine.js': { file: 'assets/engine.js' },
  'src/app/views/forestView.ts': { file: 'assets/forest.js', isDynamicEntry: true, imports: ['_plot.js', 'src/app/explorer.ts'] },
  '_plot.js': { file: 'assets/plot.js' },
  'src/app/worker/pool.worker.ts': { file: 'assets/pool.worker.js', src: 'src/app/worker/pool.worker.ts', isEntry: true, imports: ['_engine.js', '_guyot.js'] },
  'src/app/worker/upload.worker.ts': { file: 'assets/upload.worker.js', src: 'src/app/worker/upload.worker.ts', isEntry: true, imports: ['_engine.js'] },
  '_guyot.js': { file: 'assets/guyot.js' },
};
mkdirSync(join(dir, 'assets'));
mkdirSync(join(dir, '.vite'));
for (const [f, text] of Object.entries(FILES)) writeFileSync(join(dir, f), text);
writeFileSync(join(dir, '.vite', 'manifest.json'), JSON.stringify(MANIFEST));

const gz = (...files: string[]) => files.reduce((s, f) => s + gzipSync(FILES[f], { level: 9 }).length, 0);

describe('jsGzip(dir)', () => {
  const js = jsGzip(dir);

  it('landing: the entry, the explorer it imports at once and their static imports', () => {
    expect(js.landing.files).toEqual(['assets/engine.js', 'assets/explorer.js', 'assets/index.js']);
    expect(js.landing.bytes).toBe(gz('assets/engine.js', 'assets/explorer.js', 'assets/index.js'));
  });

  it('workers: the worker entries and their imports, less what the landing page already loaded', () => {
    expect(js.workers.files).toEqual(['assets/guyot.js', 'assets/pool.worker.js', 'assets/upload.worker.js']);
    expect(js.workers.bytes).toBe(gz('assets/guyot.js', 'assets/pool.worker.js', 'assets/upload.worker.js'));
  });

  it('views: the rest of the JS; all: every .js file (CSS not counted)', () => {
    expect(js.views.files).toEqual(['assets/forest.js', 'assets/plot.js']);
    expect(js.all.files).toHaveLength(8);
    expect(js.all.bytes).toBe(js.landing.bytes + js.workers.bytes + js.views.bytes);
  });
});
