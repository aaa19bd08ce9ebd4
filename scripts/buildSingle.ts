/**
 * `npm run build:single`: writes dist-single/nelm-explorer.html, one self-contained file that works from file://.
 * A normal Vite build into a temporary folder (one JS chunk, one CSS file), then the JS and CSS are inlined, the
 * study table is embedded as a non-executing `<script type="text/csv" id="bundled-studies">` block ('</', '<\' and
 * '<!' escaped; app.ts undoes it), the Web Worker is inlined as a blob: URL, and the page keeps a CSP whose only
 * script allowance is the sha256 hash of its one inline script (no 'unsafe-inline', no eval).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

const OUT_DIR = 'dist-single';
const OUT_FILE = join(OUT_DIR, 'nelm-explorer.html');

/** Inserts a backslash after every '<' followed by '/', '\' or '!', so a data block cannot end or comment itself. */
export function escapeBlock(text: string): string {
  return text.replace(/<([/\\!])/g, '<\\$1');
}

/** `</script` inside inline JS would end the element; `<\/script` means the same in JS strings and regexes. */
function escapeInlineScript(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

function csp(scriptHash: string): string {
  return [
    'default-src \'none\'',
    `script-src '${scriptHash}'`,
    'style-src \'unsafe-inline\'',
    'img-src data: blob:',
    'connect-src data: blob:',
    'worker-src blob:',
    'object-src \'none\'',
    'base-uri \'none\'',
    'form-action \'none\'',
  ].join('; ');
}

const tmp = mkdtempSync(join(tmpdir(), 'nelm-single-'));
try {
  await build({
    logLevel: 'warn',
    build: {
      outDir: tmp,
      emptyOutDir: true,
      cssCodeSplit: false,
      modulePreload: false,
      assetsInlineLimit: Number.MAX_SAFE_INTEGER,
      rolldownOptions: { output: { codeSplitting: false } },
    },
  });
  const assets = readdirSync(join(tmp, 'assets'));
  const jsFiles = assets.filter((f) => f.endsWith('.js') && !f.includes('.worker'));
  const cssFiles = assets.filter((f) => f.endsWith('.css'));
  if (jsFiles.length !== 1) throw new Error(`expected one JS chunk, got ${jsFiles.join(', ')}`);
  let js = readFileSync(join(tmp, 'assets', jsFiles[0]), 'utf8');
  // Each worker file referenced by the chunk becomes a blob: URL made from its inlined source. From file:// (an opaque
  // origin) Chromium refuses module workers from blob: URLs, so the worker (emitted as a self-contained IIFE, no
  // import/export) is started as a classic worker instead.
  for (const w of assets.filter((f) => f.includes('.worker') && f.endsWith('.js'))) {
    const source = readFileSync(join(tmp, 'assets', w), 'utf8');
    if (/^\s*(import|export)\b/m.test(source)) throw new Error(`worker ${w} is an ES module; it cannot run as a classic worker`);
    const name = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const url = `new URL\\(\\s*(["'\`])[^"'\`]*${name}\\1\\s*,\\s*import\\.meta\\.url\\s*\\)`;
    const ref = new RegExp(url, 'g');
    const blob = `new URL(URL.createObjectURL(new Blob([${JSON.stringify(source)}],{type:"text/javascript"})))`;
    if (!ref.test(js)) throw new Error(`worker ${w}: reference not found in ${jsFiles[0]}`);
    js = js.replace(ref, () => blob);
  }
  // `new Worker(<our blob URL>[.href, import.meta.url)], {type: 'module'})` → classic
  const tail = /(\{type:"text\/javascript"\}\)\)\)(?:\.href\s*,\s*(?:(["'`])\2\s*\+\s*)?import\.meta\.url\s*\))?)\s*,\s*\{\s*type\s*:\s*(["'`])module\3\s*\}/g;
  js = js.replace(tail, '$1,{type:"classic"}');
  const script = escapeInlineScript(js);
  const css = cssFiles.map((f) => readFileSync(join(tmp, 'assets', f), 'utf8')).join('\n').replace(/<\/(style)/gi, '<\\/$1');
  const studies = readFileSync(join(tmp, 'studies.csv'), 'utf8');
  const favicon = readFileSync(join(tmp, 'favicon.svg')).toString('base64');
  const hash = `sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}`;

  let html = readFileSync(join(tmp, 'index.html'), 'utf8');
  const replaceOnce = (pattern: RegExp, by: string, what: string) => {
    if (!pattern.test(html)) throw new Error(`index.html: ${what} not found`);
    html = html.replace(pattern, () => by);
  };
  replaceOnce(/<meta http-equiv="Content-Security-Policy" content="[^"]*"\s*\/?>/, `<meta http-equiv="Content-Security-Policy" content="${csp(hash)}" />`, 'CSP');
  replaceOnce(/<script type="module"[^>]*src="[^"]*"><\/script>\s*/, '', 'module script');
  html = html.replace(/<link rel="stylesheet"[^>]*>\s*/g, '');
  replaceOnce(/<link rel="icon" href="[^"]*"/, `<link rel="icon" href="data:image/svg+xml;base64,${favicon}"`, 'icon');
  replaceOnce(/<\/head>/, `  <style>\n${css}\n</style>\n  </head>`, '</head>');
  replaceOnce(/<\/body>/, `<script type="text/csv" id="bundled-studies">${escapeBlock(studies)}</script>\n`
  + `<script type="module">${script}</script>\n</body>`, '</body>');
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(OUT_FILE, html);
  process.stdout.write(`${OUT_FILE}: ${(Buffer.byteLength(html) / 1024).toFixed(0)} KB, script ${hash}\n`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
