import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { defineConfig, type Plugin, type ResolvedConfig } from 'vite';
import { staticGraph } from './scripts/staticGraph.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * After the build, dist/sw.js (copied from public/) gets its cache version (a hash of every built file) and the list
 * of files to cache on install, so each build has its own cache and a deploy never serves a stale mix.
 */
function serviceWorkerVersion(): Plugin {
  let outDir = 'dist';
  return {
    name: 'nelm-sw-version',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const sw = join(outDir, 'sw.js');
      // not sw.js itself, nor Vite's build manifest (dist/.vite/, read by the bench; a static server hides dot folders)
      const files = filesUnder(outDir).filter((f) => f !== sw && !relative(outDir, f).startsWith('.vite')).sort();
      const hash = createHash('sha256');
      for (const f of files) hash.update(relative(outDir, f)).update(readFileSync(f));
      const assets = files.map((f) => `./${relative(outDir, f).split('\\').join('/')}`);
      const text = readFileSync(sw, 'utf8')
        .replace(/^const BUILD = 'dev';$/m, `const BUILD = '${hash.digest('hex').slice(0, 16)}';`)
        .replace(/^const ASSETS = \[\];$/m, `const ASSETS = ${JSON.stringify(assets)};`);
      writeFileSync(sw, text);
    },
  };
}

/** False for a build into one JS file (`npm run build:single`: `codeSplitting: false`). */
function splitsCode(config: ResolvedConfig): boolean {
  const output = config.build.rolldownOptions.output;
  return !(Array.isArray(output) ? output : [output]).some((o) => o?.codeSplitting === false);
}

/** `new URL('<path>.worker.ts', import.meta.url)` as the app writes it where it starts a Web Worker. */
const WORKER_URL = /new\s+URL\(\s*(['"])([^'"]+\.worker\.ts)\1\s*,\s*import\.meta\.url\s*\)/g;

/**
 * The Web Workers run chunks of the page's own build, so the engine ships once: each `new URL('…/x.worker.ts',
 * import.meta.url)` becomes an extra entry of this build (an emitted chunk, `assets/x.worker-<hash>.js`, an ES module
 * started with `{ type: 'module' }`) and the URL its hashed file name. A worker then imports the same chunks as the
 * page (analysis, statistics, CSV reading) instead of a copy bundled for it alone, and a visitor who opened a view
 * already has most of what a worker needs. `vite` (dev) serves the .ts source as before. A build without code
 * splitting (`npm run build:single`) cannot share chunks: there Vite bundles each worker by itself, as buildSingle
 * expects.
 */
function sharedWorkers(): Plugin {
  let enabled = true;
  return {
    name: 'nelm-shared-workers',
    apply: 'build',
    enforce: 'pre',
    configResolved(config) {
      enabled = splitsCode(config);
    },
    transform: {
      filter: { id: /\.ts$/, code: '.worker.ts' },
      handler(code, id) {
        if (!enabled) return null;
        const out = code.replace(WORKER_URL, (_, _quote: string, path: string) => {
          const referenceId = this.emitFile({ type: 'chunk', id: resolve(dirname(id), path), name: basename(path, '.ts') });
          return `new URL(import.meta.ROLLDOWN_FILE_URL_${referenceId}, import.meta.url)`;
        });
        return out === code ? null : { code: out, map: null };
      },
    },
  };
}

/** Where Observable Plot's modules live: the package, d3's all-in-one re-export, and the copies made below. */
const PLOT_WORLD = /\/node_modules\/(?:@observablehq\/plot|d3)\/|\?plot$/;

/**
 * Observable Plot gets its own copy of the d3 modules. d3 ships each package as one ES module file, and a bundler
 * places a whole module in one chunk: a d3 file that both a landing-page chart (the evidence map's linear scale) and
 * Plot import would carry everything Plot uses of it (time scales, formats, colour schemes) into the landing page.
 * Imported from Plot, a d3 package resolves to the same file with `?plot` appended: another module, tree-shaken to
 * what Plot uses and loaded only with the views that draw Plot charts. The app's own d3 imports are untouched.
 */
function plotOwnD3(): Plugin {
  let enabled = true;
  return {
    name: 'nelm-plot-own-d3',
    apply: 'build',
    enforce: 'pre',
    configResolved(config) {
      // one JS file: a second copy would only add bytes
      enabled = splitsCode(config);
    },
    async resolveId(source, importer, options) {
      if (!enabled || !importer || !/^d3(?:-[a-z-]+)?$/.test(source) || !PLOT_WORLD.test(importer)) return null;
      const resolved = await this.resolve(source, importer.replace(/\?plot$/, ''), { ...options, skipSelf: true });
      return resolved && !resolved.external ? { ...resolved, id: `${resolved.id}?plot` } : resolved;
    },
  };
}

const NO_DEBUG = '\0nelm-no-debug';

/**
 * Two pieces of @stdlib that a browser never runs, left out of the build; no number changes:
 * - gammaincinv (behind the chi-square quantile) logs an overflow warning through the `debug` package, which prints
 *   only when a developer sets localStorage.debug: here `debug` is a logger that never prints (drops debug and ms);
 * - utils-define-property picks Object.defineProperty when the engine has it (every browser we support) and
 *   otherwise a polyfill whose error messages need @stdlib/string-format: here it is Object.defineProperty itself
 *   (its lib/builtin.js).
 */
function leanStdlib(): Plugin {
  return {
    name: 'nelm-lean-stdlib',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer?.includes('/node_modules/@stdlib/')) return null;
      if (source === 'debug') return NO_DEBUG;
      if (source !== '@stdlib/utils-define-property') return null;
      const main = await this.resolve(source, importer, { ...options, skipSelf: true });
      return main ? join(dirname(main.id), 'builtin.js') : null;
    },
    load(id) {
      return id === NO_DEBUG ? 'module.exports = function debug() { return function log() {}; };\n' : null;
    },
  };
}

/** The app's own .ts files in a static graph (packages left out: a group takes a module's dependencies with it). */
function sourceFiles(graph: Map<string, string>): Set<string> {
  return new Set([...graph.keys()].filter((k) => k.endsWith('.ts')));
}

/** what explorer.ts (imported at once by the entry, app.ts) imports statically; the two keep chunks of their own */
const EXPLORER = resolve('src/app/explorer.ts');
const LANDING = sourceFiles(staticGraph(EXPLORER));
LANDING.delete(EXPLORER);
// what app.ts itself imports (the lazily loaded views' loaders) stays in its own small chunk, so the page's first
// script does not wait for the landing chunks before it starts fetching the study table; so do the modules that
// import it (registry.ts), as a group takes a captured module's imports along with it
const APP = new Set(staticGraph(resolve('src/app/app.ts')).keys());
for (const m of [...LANDING]) if ([...staticGraph(m).keys()].some((f) => APP.has(f))) LANDING.delete(m);
const WORKERS = sourceFiles(new Map(readdirSync('src/app/worker').filter((f) => f.endsWith('.worker.ts'))
  .flatMap((f) => [...staticGraph(resolve('src/app/worker', f))])));

/**
 * The landing page in two chunks instead of one per set of importers: left to itself the bundler gives every module
 * shared by a different mix of entries (the page, nine lazily loaded views, four workers) a chunk of its own, some
 * thirty small files the first paint waits for. `engine` holds what the landing page and the workers both run (DOM-
 * free analysis code), `landing` the rest of the first paint; each takes its packages along. Lazily loaded views
 * import from them (already loaded by then) and keep their own chunks.
 */
const LANDING_GROUPS = [
  { name: 'engine', priority: 2, test: (id: string) => LANDING.has(id) && WORKERS.has(id) },
  { name: 'landing', priority: 1, test: (id: string) => LANDING.has(id) },
];

// The explorer is a static site: relative base so the build works from any folder.
export default defineConfig({
  base: './',
  // manifest: dist/.vite/manifest.json, the chunk graph the bench reads to size the landing page. No modulepreload
  // polyfill: a browser without native modulepreload (Firefox < 115, Safari < 17) only loses the preloading.
  build: {
    outDir: 'dist', target: 'es2022', sourcemap: false, manifest: true, modulePreload: { polyfill: false },
    rolldownOptions: { output: { codeSplitting: { groups: LANDING_GROUPS } } },
  },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
  plugins: [sharedWorkers(), plotOwnD3(), leanStdlib(), serviceWorkerVersion()],
  // Workers bundled separately (the single-file build only, see sharedWorkers): the same lean @stdlib, and without
  // stdlib's per-file licence headers as the main build does (the packages' licences ship in node_modules and are
  // listed in package-lock.json).
  worker: { plugins: () => [leanStdlib()], rolldownOptions: { output: { comments: { legal: false } } } },
});
