/**
 * The explorer in headless Chromium (Debian's, flags as test/e2e/browser.ts) against `vite preview` of dist/:
 * navigation → first drawn forest plot (median of several fresh loads), the in-page re-pool time after an exclusion
 * (performance.now around forestModel, read from the view's data-pool-ms), and the gzip size of the shipped JS
 * (jsGzip.ts: landing page, workers, lazily loaded views, all). Needs a build first (`npx vite build`). Prints
 * figures; asserts nothing.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { jsGzip } from './jsGzip.ts';
import type { BenchRow } from './run.ts';

/** Issue 16: the landing page's JS and the workers' together, gzip, in kB of 1000 bytes. */
const JS_BUDGET_KB = 150;

const LOADS = 7;
const TOGGLES = 11;

/** k study,events,n rows from a fixed linear congruential sequence (n 20–199, proportions 0.3–0.7). */
function bigUpload(k: number): string {
  let state = 5;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const lines = ['study,events,n'];
  for (let i = 1; i <= k; i++) {
    const n = 20 + Math.floor(next() * 180);
    lines.push(`S${i},${Math.round(n * (0.3 + 0.4 * next()))},${n}`);
  }
  return `${lines.join('\n')}\n`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The build's JS, gzip (zlib level 9, each file on its own), in kB of 1000 bytes. */
function jsRows(): BenchRow[] {
  const js = jsGzip('dist');
  const kb = (bytes: number) => bytes / 1000;
  const budget = kb(js.landing.bytes + js.workers.bytes);
  const over = budget - JS_BUDGET_KB;
  return [
    { name: 'app: JS gzip, landing page', value: kb(js.landing.bytes), unit: 'kB', note: `index + explorer + map view and their static imports: ${js.landing.files.length} files, zlib 9` },
    { name: 'app: JS gzip, workers', value: kb(js.workers.bytes), unit: 'kB', note: `worker entries + the chunks they import that the landing page has not: ${js.workers.files.length} files` },
    { name: 'app: JS gzip, landing page + workers', value: budget, unit: 'kB', target: `≤ ${JS_BUDGET_KB}`, note: over <= 0 ? 'within the budget' : `OVER the budget by ${over.toFixed(1)} kB` },
    { name: 'app: JS gzip, lazily loaded views', value: kb(js.views.bytes), unit: 'kB', note: `view and chart chunks (Observable Plot): ${js.views.files.length} files` },
    { name: 'app: JS gzip, all', value: kb(js.all.bytes), unit: 'kB', note: `every dist/assets/*.js: ${js.all.files.length} files` },
  ];
}

export default async function (): Promise<BenchRow[]> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npx vite build` first');
  const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => !!p && existsSync(p));
  if (!chromiumPath) throw new Error('Chromium not found');
  const rows = jsRows();
  const server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
  const base = server.resolvedUrls?.local[0];
  if (!base) throw new Error('preview server has no URL');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  try {
    const loads: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      // ms since the navigation started (performance.timeOrigin) when the plot's first study row enters the DOM,
      // noted by the page itself (the driver's polling and round trip would add tens of ms)
      await page.addInitScript(() => {
        const seen = new MutationObserver(() => {
          if (!document.querySelector('svg.forest g.study')) return;
          Object.assign(window, { plotAt: performance.now() });
          seen.disconnect();
        });
        seen.observe(document, { subtree: true, childList: true });
      });
      await page.goto(new URL('#view=forest&outcome=os_5y', base).toString());
      await page.waitForSelector('svg.forest g.study');
      loads.push(await page.evaluate(() => (window as unknown as { plotAt: number }).plotAt));
      await context.close();
    }
    rows.push({ name: 'app: navigation → first forest plot', value: median(loads), unit: 'ms', target: '< 1000', note: `median of ${LOADS} fresh loads` });

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(new URL('#view=forest&outcome=os_5y', base).toString());
    await page.waitForSelector('svg.forest g.study');
    const pools: number[] = [];
    for (let i = 0; i < TOGGLES; i++) {
      await page.locator('svg.forest g.study').first().click();
      await page.waitForSelector('.forest-view[data-pool-ms]');
      pools.push(Number(await page.locator('.forest-view').getAttribute('data-pool-ms')));
    }
    rows.push({ name: 'app: re-pool after an exclusion', value: median(pools), unit: 'ms', target: '< 16', note: `in-page, median of ${TOGGLES} toggles` });
    await context.close();

    // a 100 000-row study,events,n upload: time from choosing the file to the drawn forest plot, and the longest
    // main-thread task meanwhile (PerformanceObserver 'longtask', Chromium)
    const big = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const up = await big.newPage();
    await up.goto(new URL('#view=data', base).toString());
    await up.waitForSelector('#upload-file');
    await up.evaluate(() => {
      const w = window as unknown as { longest: number };
      w.longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    // handed over as a file on disk, as a user's pick is: Chromium attaches it natively (a buffer would be decoded from
    // base64 by the driver's script on the page's main thread, a long task that is not the explorer's)
    const dir = mkdtempSync(join(tmpdir(), 'nelm-bench-'));
    const file = join(dir, 'big.csv');
    writeFileSync(file, bigUpload(100_000));
    const t0 = Date.now();
    await up.setInputFiles('#upload-file', file);
    await up.waitForSelector('svg.forest g.summary.overall', { timeout: 300_000 });
    const drawn = Date.now() - t0;
    const longest = await up.evaluate(() => (window as unknown as { longest: number }).longest);
    rows.push({ name: 'app: 100 000-row upload → pooled forest plot', value: drawn, unit: 'ms', target: '< 10000', note: 'file chosen → overall diamond drawn' });
    rows.push({ name: 'app: longest main-thread task during it', value: longest, unit: 'ms', target: '< 200', note: 'PerformanceObserver longtask' });
    await big.close();
    rmSync(dir, { recursive: true });
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
  return rows;
}
