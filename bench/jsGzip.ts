/**
 * The gzip size of a build's JavaScript, split the way a visitor downloads it, read from Vite's build manifest
 * (dist/.vite/manifest.json, `build.manifest: true`):
 * - landing: the page's entry (index.html) and the module it imports at once (app.ts → explorer.ts, which imports
 *   the map view), with every chunk they import statically: what the first paint of the evidence map loads;
 * - workers: the Web Worker entries (`*.worker.ts`) and their static imports, less the chunks already in landing;
 * - views: every other JS file (the lazily loaded views and charts, Observable Plot among them);
 * - all: every .js file of the build.
 * Each file is gzipped on its own (as a server sends it) with node:zlib at level 9; sizes in bytes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  readonly file: string;
  readonly src?: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
  readonly dynamicImports?: readonly string[];
}

export interface JsGzip {
  /** gzip bytes of each group, and the files in it (relative to the build folder) */
  readonly landing: { readonly bytes: number; readonly files: readonly string[] };
  readonly workers: { readonly bytes: number; readonly files: readonly string[] };
  readonly views: { readonly bytes: number; readonly files: readonly string[] };
  readonly all: { readonly bytes: number; readonly files: readonly string[] };
}

/** Every chunk reachable from `keys` by static imports, as manifest keys. */
function closure(manifest: Readonly<Record<string, ManifestChunk>>, keys: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...keys];
  for (let key = todo.pop(); key !== undefined; key = todo.pop()) {
    if (seen.has(key)) continue;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest: no chunk ${key}`);
    seen.add(key);
    todo.push(...(chunk.imports ?? []));
  }
  return seen;
}

/** Sizes the JS of the build in `dir` (a folder written by `vite build` with `build.manifest: true`). */
export function jsGzip(dir: string): JsGzip {
  const manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const page = manifest['index.html'];
  if (!page?.isEntry) throw new Error('manifest: no index.html entry');
  const gz = new Map<string, number>();
  const sizeOf = (file: string) => {
    let n = gz.get(file);
    if (n === undefined) {
      n = gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
      gz.set(file, n);
    }
    return n;
  };
  const group = (files: Iterable<string>) => {
    const list = [...new Set(files)].filter((f) => f.endsWith('.js')).sort();
    return { bytes: list.reduce((s, f) => s + sizeOf(f), 0), files: list };
  };
  const files = (keys: Iterable<string>) => [...keys].map((k) => manifest[k].file);

  // app.ts imports the explorer at once (not on a click), so that dynamic import belongs to the first paint; its
  // others are the lazily loaded views (fetched early only when a link names one)
  const explorer = (page.dynamicImports ?? []).filter((k) => /(^|\/)explorer\.ts$/.test(k));
  if (explorer.length !== 1) throw new Error('manifest: index.html does not import src/app/explorer.ts');
  const landing = group(files(closure(manifest, ['index.html', ...explorer])));
  const workerKeys = Object.keys(manifest).filter((k) => manifest[k].isEntry && /\.worker\.ts$/.test(manifest[k].src ?? k));
  if (workerKeys.length === 0) throw new Error('manifest: no worker entries (*.worker.ts)');
  const inLanding = new Set(landing.files);
  const workers = group(files(closure(manifest, workerKeys)).filter((f) => !inLanding.has(f)));
  const all = group(readdirSync(join(dir, 'assets')).map((f) => `assets/${f}`));
  const counted = new Set([...landing.files, ...workers.files]);
  const views = group(all.files.filter((f) => !counted.has(f)));
  return { landing, workers, views, all };
}
