/**
 * The single-file build (`npm run build:single` → dist-single/nelm-explorer.html) works from file:// in Chromium:
 * the map renders from the embedded table with no console error, under a CSP that allows the one inline script by
 * its hash only.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch } from './browser.ts';

const FILE = resolve('dist-single/nelm-explorer.html');
let browser: Browser;
let html = '';
beforeAll(async () => {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/buildSingle.ts'], { stdio: 'pipe' });
  html = readFileSync(FILE, 'utf8');
  browser = await launch();
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

test('nelm-explorer.html inlines everything: no external script, stylesheet or fetch target', () => {
  expect(html).not.toMatch(/<script[^>]+src=/);
  expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
  expect(html).toMatch(/<script type="text\/csv" id="bundled-studies">row_id,cohort_id,/);
  const block = html.match(/<script type="text\/csv" id="bundled-studies">([\s\S]*?)<\/script>/)?.[1] ?? '';
  expect(block).not.toContain('</');
});

test('its CSP allows the one inline script by sha256 only (no unsafe-inline, no eval)', () => {
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1] ?? '';
  const scriptSrc = csp.match(/script-src ([^;]*)/)?.[1] ?? '';
  const inline = html.match(/<script type="module">([\s\S]*?)<\/script>/)?.[1] ?? '';
  const hash = createHash('sha256').update(inline, 'utf8').digest('base64');
  expect(scriptSrc).toBe(`'sha256-${hash}'`);
  expect(scriptSrc).not.toContain('unsafe');
  expect(csp).toContain('default-src \'none\'');
});

test('opened from file:// the map and the forest plot render with no console error or CSP violation', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      // @stdlib/assert-has-generator-support probes eval('(function* () {})') inside try/catch: refused, harmless
      if (e.blockedURI !== 'eval') console.error(`CSP violation: ${e.effectiveDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(pathToFileURL(FILE).toString());
  await page.waitForSelector('svg.evidence-map g.map-row');
  await expect(page.locator('svg.evidence-map g.map-row').count()).resolves.toBeGreaterThan(3);
  await page.locator('nav.tabs a[data-view="forest"]').click();
  await page.waitForSelector('svg.forest g.study');
  await page.locator('nav.tabs a[data-view="data"]').click();
  await page.waitForSelector('.modality-group');
  expect(errors).toEqual([]);
  await context.close();
});

test('from file:// the reconstruct dialog runs its Web Worker (inlined as a blob: URL) and shows diagnostics', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(`${pathToFileURL(FILE).toString()}#view=km&modality=resection`);
  await page.locator('#km-reconstruct').click();
  await page.waitForSelector('dialog.rc-dialog[open]');
  await page.setInputFiles('#rc-curve', 'test/fixtures/curves/veteran_arm1_wpd.csv');
  await page.setInputFiles('#rc-risk-file', 'test/fixtures/curves/veteran_arm1_risk.csv');
  await page.waitForFunction(() => (document.getElementById('rc-risk') as HTMLTextAreaElement).value.includes('n_risk'));
  await page.locator('#rc-label').fill('Veteran arm 1');
  await page.locator('#rc-run').click();
  await page.waitForSelector('.rc-diagnostics');
  expect(page.workers().map((w) => new URL(w.url()).protocol)).toEqual(['blob:']);
  // 69 at risk at time 0 in the fixture's risk table (as in km.test.ts)
  await expect(page.locator('.rc-diagnostics dd[data-field="events"]').textContent()).resolves.toMatch(/^69 \//);
  expect(errors).toEqual([]);
  await context.close();
});
