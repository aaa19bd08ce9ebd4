/**
 * Content-Security-Policy and XSS: the built page carries the CSP meta tag and the browser enforces it; text from
 * an uploaded file or from the bundled table is rendered as text in every view (map, forest, data, tooltip),
 * never as markup, and never runs.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, launch, openPage } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  'javascript:window.__xss=1',
  '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss=1"><script>window.__xss=1</script></svg>',
];
/** Free-text columns of the study table (the others are validated against the vocabulary, see readStudies). */
const TEXT_COLUMNS = ['row_id', 'study', 'first_author', 'arm', 'seed_ref', 'section', 'quote', 'note'];

/** public/studies.csv with a payload in every free-text column of the rows `pick` selects (row ids kept unique). */
function poisoned(pick: (row: Record<string, string>) => boolean): string {
  const parsed = Papa.parse<Record<string, string>>(readFileSync('public/studies.csv', 'utf8'), { header: true, skipEmptyLines: true });
  const rows = parsed.data.filter(pick).map((r, i) => {
    const out = { ...r };
    for (const [j, c] of TEXT_COLUMNS.entries()) out[c] = `${PAYLOADS[(i + j) % PAYLOADS.length]}${c === 'row_id' ? `-${i}` : ''}`;
    return out;
  });
  return Papa.unparse(rows, { columns: parsed.meta.fields });
}

/** Nothing ran, and no payload became an element, an event-handler attribute or a javascript: link. */
async function expectInert(page: Page, where: string): Promise<void> {
  const found = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss,
    elements: document.querySelectorAll('#app script, #app img, #app iframe, #app object, #app embed, #app svg svg').length,
    handlers: document.querySelectorAll('[onload], [onerror], [onclick]').length,
    jsLinks: [...document.querySelectorAll('[href], [src]')]
      .filter((e) => /^\s*javascript:/i.test(e.getAttribute('href') ?? e.getAttribute('src') ?? '')).length,
  }));
  expect(found, where).toEqual({ xss: undefined, elements: 0, handlers: 0, jsLinks: 0 });
}

async function walkViews(page: Page): Promise<void> {
  await page.locator('nav.tabs a[data-view="map"]').click();
  await page.waitForSelector('svg.evidence-map g.map-row');
  await expectInert(page, 'map');

  await page.locator('nav.tabs a[data-view="forest"]').click();
  await page.waitForSelector('svg.forest g.study');
  await expect(page.locator('svg.forest').textContent()).resolves.toContain('window.__xss=1');
  await expectInert(page, 'forest');
  await page.locator('svg.forest g.study').first().hover();
  await page.waitForSelector('#chart-tooltip', { state: 'visible' });
  await expect(page.locator('#chart-tooltip').textContent()).resolves.toContain('window.__xss=1');
  await expectInert(page, 'tooltip');

  await page.locator('nav.tabs a[data-view="data"]').click();
  await page.waitForSelector('.modality-group');
  await page.locator('.modality-group tbody tr details summary').first().click();
  const text = await page.locator('#app').textContent();
  for (const p of PAYLOADS.slice(0, 3)) expect(text).toContain(p);
  await expectInert(page, 'data');
}

test('the built page carries the CSP meta tag: scripts only from self, no unsafe-inline or eval', async () => {
  const { page, context } = await openPage(browser, '');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain('default-src \'self\'');
  expect(csp).toContain('script-src \'self\';');
  expect(csp).toContain('object-src \'none\'');
  expect(csp).not.toContain('unsafe-eval');
  expect(csp?.match(/script-src[^;]*/)?.[0]).not.toContain('unsafe-inline');
  await context.close();
});

test('the CSP is enforced: eval throws, an injected inline script does not run and fires securitypolicyviolation', async () => {
  const { page, context } = await openPage(browser, '');
  await page.waitForSelector('svg.evidence-map g.map-row');
  const r = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    // run later, outside the DevTools evaluation (which itself may generate code), as page code would
    const evalBlocked = await new Promise<boolean>((resolve) => setTimeout(() => {
      try {
        // eslint-disable-next-line no-eval
        eval('1');
        resolve(false);
      } catch {
        resolve(true);
      }
    }, 0));
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.append(s);
    const img = document.createElement('img');
    img.setAttribute('src', 'x');
    img.setAttribute('onerror', 'window.__inline = 2');
    document.body.append(img);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { evalBlocked, inline: (window as unknown as { __inline?: number }).__inline, violations };
  });
  expect(r.evalBlocked).toBe(true);
  expect(r.inline).toBeUndefined();
  expect(r.violations).toContain('script-src-elem');
  await context.close();
});

test('an uploaded CSV with script, img, javascript: and SVG payloads in every text column renders as text everywhere', async () => {
  const { page, context, errors } = await openPage(browser, '#view=data');
  const valid = poisoned((r) => r.modality === 'resection' && r.design !== 'review_range');
  // one invalid row: its payload reaches the list of problems
  const text = `${valid}\n${PAYLOADS[1]}-bad,${PAYLOADS[0]},x,,,${PAYLOADS[3]},,,,,,,,,,,,,\n`;
  await page.setInputFiles('#upload-file', { name: '<img src=x onerror="window.__xss=1">.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.waitForSelector('.upload-problems');
  await expect(page.locator('.upload-problems').textContent()).resolves.toContain(PAYLOADS[0]);
  await expectInert(page, 'upload problems');
  await page.locator('button.analyse-valid').click();
  await page.waitForSelector('svg.forest g.study');
  await expect(page.locator('.source-banner').textContent()).resolves.toContain('<img src=x onerror="window.__xss=1">.csv');
  await walkViews(page);
  expect(errors).toEqual([]);
  await context.close();
});

test('the same payloads in the bundled table (studies.csv served by the test) render as text everywhere', async () => {
  const context: BrowserContext = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const body = poisoned(() => true);
  await page.route('**/studies.csv', (route) => route.fulfill({ status: 200, contentType: 'text/csv', body }));
  await page.goto(baseUrl());
  await walkViews(page);
  expect(errors).toEqual([]);
  await context.close();
});

test('eslint.config.js forbids assigning innerHTML/outerHTML', () => {
  const config = readFileSync('eslint.config.js', 'utf8');
  expect(config).toMatch(/AssignmentExpression\[left\.property\.name=\/\^\(innerHTML\|outerHTML\)\$\/\]/);
});
