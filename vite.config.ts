import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

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
      const files = filesUnder(outDir).filter((f) => f !== sw).sort();
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

// The explorer is a static site: relative base so the build works from any folder.
export default defineConfig({
  base: './',
  build: { outDir: 'dist', target: 'es2022', sourcemap: false },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
  plugins: [serviceWorkerVersion()],
  // Workers are bundled separately; drop stdlib's per-file licence headers there as the main build does
  // (the packages' licences ship in node_modules and are listed in package-lock.json).
  worker: { rolldownOptions: { output: { legalComments: 'none' } } },
});
