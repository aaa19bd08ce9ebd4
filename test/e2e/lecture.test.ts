/**
 * Lecture mode (issue 13 item 6), in Chromium: in every view with a chart, chart text is large vector text at
 * 1366×768 and the slide fits 1024×700 without scrolling (tall charts in pages: ← → step through the pages of a view,
 * then to the next view); the key hint fades, and the theme switch is remembered.
 */
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { explorerSession } from './browser.ts';

const { open } = explorerSession();

/** Median rendered height (px) of the visible text of the charts in view. */
function medianChartText(page: Page): Promise<number> {
  return page.evaluate(() => {
    const heights = [...document.querySelectorAll('#view-root .chart-box svg text')]
      .map((t) => t.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight)
      .map((r) => r.height)
      .sort((a, b) => a - b);
    return heights.length ? heights[Math.floor(heights.length / 2)] : 0;
  });
}

/** Every view with a chart (the map is the landing view). */
const CHART_VIEWS = ['map', 'trials', 'forest', 'sensitivity', 'diagnostics', 'heterogeneity', 'km'];
const pathOf = (view: string) => `#view=${view}&outcome=os_5y&modality=${view === 'forest' ? 'resection' : ''}`;

async function present(page: Page): Promise<void> {
  await page.keyboard.press('p');
  await page.waitForFunction(() => document.documentElement.classList.contains('presenting'));
  await page.waitForSelector('#view-root .chart-box svg');
}

test.each(CHART_VIEWS)('presentation at 1366×768: the %s view\'s chart text has a median height ≥ 24 px', async (view) => {
  const page = await open(pathOf(view));
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.waitForSelector('#view-root .chart-box svg');
  const before = await medianChartText(page);
  await present(page);
  const during = await medianChartText(page);
  expect(before).toBeLessThan(20);
  expect(during).toBeGreaterThanOrEqual(24);
  // still vector text, not a picture of it
  await expect(page.locator('#view-root .chart-box img, #view-root .chart-box canvas').count()).resolves.toBe(0);
});

test.each(CHART_VIEWS)('presentation at 1024×700: the %s view\'s slide fits without scrolling', async (view) => {
  const page = await open(pathOf(view));
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.waitForSelector('#view-root .chart-box svg');
  await present(page);
  const size = await page.evaluate(() => ({
    scrollH: document.documentElement.scrollHeight, innerH: innerHeight,
    scrollW: document.documentElement.scrollWidth, innerW: innerWidth,
    chart: document.querySelector('#view-root .chart-box svg')!.getBoundingClientRect().toJSON() as DOMRect,
  }));
  expect(size.scrollH).toBeLessThanOrEqual(size.innerH + 1);
  expect(size.scrollW).toBeLessThanOrEqual(size.innerW);
  expect(size.chart.bottom).toBeLessThanOrEqual(size.innerH + 1);
  expect(size.chart.width).toBeGreaterThan(900);
});

test('the map\'s rows are in pages: → steps through them (each row once) and then to the next view; ← goes back', async () => {
  const page = await open('#view=map');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.waitForSelector('svg.evidence-map');
  await present(page);
  const state = () => page.evaluate(() => {
    const svg = document.querySelector('#view-root .chart-box svg');
    return {
      view: location.hash, page: svg?.getAttribute('data-page'), pages: Number(svg?.getAttribute('data-pages')),
      rows: [...document.querySelectorAll('#view-root g.map-row')].map((g) => g.getAttribute('data-id')),
    };
  });
  const first = await state();
  expect(first.pages).toBeGreaterThan(1);
  await expect(page.locator('#slide-page').textContent()).resolves.toBe(`1 / ${first.pages}`);
  const seen = [...first.rows];
  for (let i = 2; i <= first.pages; i++) {
    await page.keyboard.press('ArrowRight');
    const s = await state();
    expect(s.page).toBe(String(i));
    seen.push(...s.rows);
  }
  // every modality of the map once, in order (the landing view's table lists them all)
  await page.keyboard.press('d');
  const all = await page.evaluate(() => [...document.querySelectorAll('#view-root table.map-table tbody tr')].map((r) => r.getAttribute('data-id')));
  await page.keyboard.press('d');
  expect(seen).toEqual(all);
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('svg.forest');
  await page.keyboard.press('ArrowLeft');
  await page.waitForSelector('svg.evidence-map');
  expect((await state()).page).toBe(String(first.pages));
});

test('at 1024×700 the slide starts with its title; the hint fades; d shows the details', async () => {
  const page = await open('#view=forest&outcome=os_5y&modality=resection');
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.waitForSelector('svg.forest');
  await page.locator('button.present-toggle').click();
  await page.waitForFunction(() => document.documentElement.classList.contains('presenting'));
  const size = await page.evaluate(() => ({
    scrollW: document.documentElement.scrollWidth, innerW: innerWidth,
    titleTop: document.querySelector('#view-root h2')!.getBoundingClientRect().top,
    chart: document.querySelector('#view-root .chart-box svg')!.getBoundingClientRect(),
  }));
  expect(size.scrollW).toBeLessThanOrEqual(size.innerW);
  // the slide starts with its title; the chart spans the width and starts on the first screen
  expect(size.titleTop).toBeLessThan(80);
  expect(size.chart.width).toBeGreaterThan(900);
  expect(size.chart.bottom).toBeLessThanOrEqual(700);
  await expect(page.locator('#presentation-hint').isVisible()).resolves.toBe(true);
  await page.waitForFunction(() => document.getElementById('presentation-hint')?.classList.contains('faded'), undefined, { timeout: 8000 });
  await expect(page.locator('#view-root .controls').isVisible()).resolves.toBe(false);
  await page.keyboard.press('d');
  await expect(page.locator('#view-root .controls').isVisible()).resolves.toBe(true);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.documentElement.classList.contains('presenting'));
});

test('the theme switch applies light or dark over the system\'s and is remembered', async () => {
  const page = await open('#view=map');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.locator('#theme-select').selectOption('dark');
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await expect(bg()).resolves.toBe('rgb(17, 20, 24)');
  await page.reload();
  await page.waitForSelector('svg.evidence-map');
  await expect(bg()).resolves.toBe('rgb(17, 20, 24)');
  await expect(page.locator('#theme-select').inputValue()).resolves.toBe('dark');
  await page.locator('#theme-select').selectOption('system');
  await expect(bg()).resolves.toBe('rgb(255, 255, 255)');
});
