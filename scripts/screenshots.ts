/**
 * Screenshots of each view at 1280×800 (light; the map and forest plot also dark) into docs/screenshots/, taken
 * with Debian's Chromium against `vite preview` of the built site. Run: npx vite build && npx tsx scripts/screenshots.ts
 * [names…]
 */
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { preview } from 'vite';

const OUT = 'docs/screenshots';
const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => !!p && existsSync(p));
if (!chromiumPath) throw new Error('Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)');
if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npx vite build` first');
mkdirSync(OUT, { recursive: true });

const server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'warn' });
const base = server.resolvedUrls?.local[0];
if (!base) throw new Error('preview server has no URL');
const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});

/** Optional names on the command line limit the run to those shots (e.g. `km-light reconstruct-light`). */
const only = new Set(process.argv.slice(2));

async function shot(name: string, hash: string, scheme: 'light' | 'dark', act?: (p: Page) => Promise<void>) {
  if (only.size > 0 && !only.has(name)) return;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
  const page = await context.newPage();
  await page.goto(new URL(hash, base).toString());
  await page.waitForSelector('#view-root');
  if (act) await act(page);
  await page.screenshot({ path: `${OUT}/${name}.png` });
  await context.close();
  console.log(`${OUT}/${name}.png`);
}

try {
  await shot('map-light', '#', 'light');
  await shot('map-dark', '#', 'dark');
  await shot('trials-light', '#view=trials', 'light', (p) => p.waitForSelector('.trials-view section.trial').then(() => undefined));
  await shot('forest-light', '#view=forest&outcome=os_5y', 'light', async (p) => {
    await p.waitForSelector('svg.forest g.study');
    await p.locator('svg.forest g.study').nth(1).click();
    await p.locator('svg.forest g.study').nth(3).focus();
  });
  await shot('forest-dark', '#view=forest&outcome=os_5y', 'dark', (p) => p.waitForSelector('svg.forest g.study').then(() => undefined));
  await shot('data-light', '#view=data', 'light');
  await shot('upload-error-light', '#view=data', 'light', async (p) => {
    await p.setInputFiles('#upload-file', {
      name: 'my-studies.csv', mimeType: 'text/csv', buffer: Buffer.from('study,events,n\nA,3,10\nB,x,20\nC,30,12\nD,4,15\n'),
    });
    await p.waitForSelector('.upload-problems');
  });
  await shot('km-light', '#view=km&modality=resection', 'light', async (p) => {
    await p.waitForSelector('svg.km-plot g.curve');
    await p.evaluate(() => window.scrollTo(0, (document.querySelector('.km-curves') as HTMLElement).offsetTop - 8));
  });
  await shot('reconstruct-light', '#view=km&modality=resection', 'light', async (p) => {
    await p.locator('#km-reconstruct').click();
    await p.setInputFiles('#rc-curve', 'test/fixtures/curves/veteran_arm1_wpd.csv');
    await p.setInputFiles('#rc-risk-file', 'test/fixtures/curves/veteran_arm1_risk.csv');
    await p.waitForFunction(() => (document.getElementById('rc-risk') as HTMLTextAreaElement).value.includes('n_risk'));
    await p.locator('#rc-label').fill('Veteran trial, arm 1 (days)');
    await p.locator('#rc-run').click();
    await p.waitForSelector('.rc-diagnostics');
    await p.locator('#rc-status').scrollIntoViewIfNeeded();
  });
  await shot('sensitivity-light', '#view=sensitivity&outcome=os_5y', 'light', async (p) => {
    await p.waitForSelector('svg.sensitivity g.row');
    await p.locator('#tau-slider').focus();
    for (let i = 0; i < 12; i++) await p.keyboard.press('ArrowRight');
    await p.evaluate(() => window.scrollTo(0, 0));
  });
  await shot('diagnostics-light', '#view=diagnostics&outcome=os_5y&modality=resection', 'light', async (p) => {
    await p.waitForSelector('svg.funnel');
  });
  await shot('heterogeneity-light', '#view=heterogeneity&outcome=os_5y&modality=resection&mod=year', 'light', async (p) => {
    await p.waitForSelector('svg.het-bubble circle.study');
    await p.evaluate(() => window.scrollTo(0, (document.querySelector('.heterogeneity-view h2') as HTMLElement).offsetTop - 8));
  });
  await shot('bubble-plot', '#view=heterogeneity&outcome=os_5y&modality=resection&mod=year', 'light', async (p) => {
    await p.waitForSelector('svg.het-bubble circle.study');
    await p.locator('svg.het-bubble').scrollIntoViewIfNeeded();
  });
  await shot('disagreements-light', '#view=disagreements', 'light', async (p) => {
    await p.waitForSelector('article.disagreement[data-id="x01"]');
  });
  await shot('disagreements-dark', '#view=disagreements', 'dark', async (p) => {
    await p.waitForSelector('article.disagreement[data-id="x08"]');
    await p.locator('article.disagreement[data-id="x08"]').scrollIntoViewIfNeeded();
    await p.evaluate(() => window.scrollBy(0, (document.querySelector('article.disagreement[data-id="x08"]') as HTMLElement).getBoundingClientRect().top - 8));
  });
  await shot('sof-light', '#view=sof', 'light', async (p) => {
    await p.waitForSelector('tr[data-id="resection.os_5y"]');
    await p.evaluate(() => window.scrollTo(0, (document.querySelector('.sof-view h2') as HTMLElement).offsetTop - 8));
  });
  await shot('data-export-light', '#view=data', 'light', async (p) => {
    await p.waitForSelector('.modality-group');
    await p.locator('#data-search').fill('sunitinib');
    // a string, not a function: tsx would wrap a named arrow in a helper the page does not have
    await p.evaluate('Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("refused")) } })');
    await p.locator('tr[data-row-id="s001-0100"] button.copy-citation').click();
    await p.waitForSelector('textarea.citation-fallback');
    await p.locator('#data-export-csv').scrollIntoViewIfNeeded();
  });
  for (const layout of ['revman5', 'jama', 'bmj']) {
    await shot(`forest-${layout}-light`, `#view=forest&outcome=os_5y&modality=resection&layout=${layout}`, 'light', async (p) => {
      await p.waitForSelector('svg.forest g.study');
      await p.locator('svg.forest').scrollIntoViewIfNeeded();
    });
  }
  await shot('presentation-light', '#view=forest&outcome=os_5y', 'light', async (p) => {
    await p.waitForSelector('svg.forest g.study');
    await p.locator('button.present-toggle').click();
    await p.waitForSelector('html.presenting', { state: 'attached' });
  });
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}
