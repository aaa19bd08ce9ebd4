/**
 * Views load on first use (src/app/views/registry.ts): the landing page fetches only the JS that bench/jsGzip.ts counts
 * as the landing page (no other view, no Observable Plot); choosing a tab fetches that view's chunk, with a
 * "Loading…" line meanwhile; a view whose chunk cannot be fetched says so and loads when its tab is chosen again.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { jsGzip } from '../../bench/jsGzip.ts';
import { baseUrl, launch } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The built file of a source module, from dist/.vite/manifest.json. */
function builtFile(src: string): string {
  const manifest = JSON.parse(readFileSync('dist/.vite/manifest.json', 'utf8')) as Record<string, { file: string }>;
  const chunk = manifest[src];
  if (!chunk) throw new Error(`not in the manifest: ${src}`);
  return chunk.file;
}

test('the map fetches only the landing page\'s JS; the diagnostics tab then fetches its own chunk', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const js: string[] = [];
  page.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (path.endsWith('.js') && !path.endsWith('/sw.js')) js.push(path.replace(/^.*\/assets\//, 'assets/'));
  });
  await page.goto(baseUrl());
  await page.waitForSelector('#view-root svg');
  await page.waitForLoadState('networkidle');
  const landing = jsGzip('dist').landing.files;
  expect(js.filter((f) => !landing.includes(f))).toEqual([]);
  expect(js).not.toContain(builtFile('src/app/views/diagnosticsView.ts'));

  await page.locator('.tab[data-view="diagnostics"]').click();
  await page.waitForSelector('#view-root svg');
  expect(js).toContain(builtFile('src/app/views/diagnosticsView.ts'));
  await context.close();
});

test('a view whose chunk fails to load says so in words; choosing its tab again loads it', async () => {
  // no service worker: it would pre-cache the chunk and serve it past page.route (offline.test.ts covers the worker)
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const forest = builtFile('src/app/views/forestView.ts');
  let failing = true;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(`**/${forest}`, async (route) => {
    await held;
    if (failing) await route.abort();
    else await route.continue();
  });
  await page.goto(baseUrl());
  await page.waitForSelector('#view-root svg');

  await page.locator('.tab[data-view="forest"]').click();
  await expect(page.locator('#view-root .view-loading').textContent()).resolves.toBe('Loading the Forest plot view…');
  release();
  const alert = page.locator('#view-root [role="alert"]');
  await alert.waitFor();
  expect(await alert.textContent()).toMatch(/^Could not load the Forest plot view \(.+\)\. Check the connection and choose the tab again\.$/);

  failing = false;
  await page.locator('.tab[data-view="forest"]').click();
  await page.waitForSelector('svg.forest g.study');
  await context.close();
});
