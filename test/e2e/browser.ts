import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';

/** Debian's Chromium (installed by .ci/run); never a browser downloaded by a test tool. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const hit = candidates.find((p): p is string => !!p && existsSync(p));
  if (!hit) throw new Error('Chromium not found: install Debian\'s chromium (apt-get install chromium) or set CHROMIUM_PATH');
  return hit;
}

/** Playwright gives every launch a fresh, empty profile directory of its own. */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
  });
}

export function baseUrl(): string {
  return inject('baseUrl');
}

/**
 * A page that records console errors, uncaught page errors and every request outside the page's origin,
 * so each test can assert that none happened.
 */
export interface WatchedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly errors: string[];
  readonly foreignRequests: string[];
}

export async function openPage(browser: Browser, path = '', viewport = { width: 1280, height: 800 }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  const foreignRequests: string[] = [];
  const origin = new URL(baseUrl()).origin;
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreignRequests.push(u);
  });
  await page.goto(new URL(path, baseUrl()).toString());
  return { page, context, errors, foreignRequests };
}

/**
 * One browser for a test file, with the same guard on every page it opens: at the end of the file, no console
 * error and no request outside the page's origin happened on any of them. `open(path)` waits for the explorer's view.
 */
export function explorerSession(): { open: (path: string) => Promise<Page> } {
  let browser: Browser;
  const pages: WatchedPage[] = [];
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    for (const p of pages) {
      expect(p.errors).toEqual([]);
      expect(p.foreignRequests).toEqual([]);
      await p.context.close();
    }
    await browser?.close();
  });
  return {
    open: async (path: string) => {
      const w = await openPage(browser, path);
      pages.push(w);
      await w.page.waitForSelector('#view-root');
      return w.page;
    },
  };
}
