/**
 * A large upload (issue 15 / 16), in Chromium: read in a Web Worker with a progress bar of rows read and a Cancel button
 * that stops it part-way and keeps the data analysed before; pooled in the analysis worker, drawn as a selection; the
 * page keeps answering. Two files dropped at once are refused in words;
 * a slow file chosen first never replaces a file chosen after it. Oracle: analyse() run here in Node on the same file.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { readAnalysisInput } from '../../src/data/readAnalysisInput.ts';
import { explorerSession } from './browser.ts';
import { syntheticCsv } from './syntheticCsv.ts';

const { open } = explorerSession();
const pc = (x: number): string => (x * 100).toFixed(1);

interface Sample {
  readonly ms: number;
  readonly text: string;
  readonly now: string | null;
}

/** Records the progress bar and line at every change of the page (a MutationObserver): the samples a user sees. */
async function recordProgress(page: Page): Promise<() => Promise<Sample[]>> {
  await page.evaluate(() => {
    const samples: { ms: number; text: string; now: string | null }[] = [];
    Object.assign(window, { progressSamples: samples });
    new MutationObserver(() => {
      const bar = document.querySelector('#upload-progress-bar');
      const text = document.querySelector('#upload-progress-text')?.textContent ?? '';
      const last = samples.at(-1);
      const now = bar?.getAttribute('aria-valuenow') ?? null;
      if (bar && (last?.text !== text || last.now !== now)) samples.push({ ms: performance.now(), text, now });
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { progressSamples: Sample[] }).progressSamples);
}

/**
 * The longest the page may take to answer page.evaluate while a 100 000-row upload is processed. Issue 16 asks for no
 * main-thread task over 200 ms: the page's tasks here measure about 70-160 ms, but a round trip also carries the
 * driver's latency and the machine's load (slowest seen 117-192 ms on a shared 2-core machine; 1.5-3.6 s before the
 * analysis crossed from the worker in slices), so the bound leaves room for that.
 */
const ANSWER_MS = 300;

/** How long each page.evaluate(() => 1) took, asked one after another (20 ms apart) until `until` settles. */
async function roundTrips(page: Page, until: Promise<unknown>): Promise<number[]> {
  let settled = false;
  until.then(() => (settled = true), () => (settled = true));
  const out: number[] = [];
  while (!settled) {
    const t0 = performance.now();
    await page.evaluate(() => 1);
    out.push(performance.now() - t0);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return out;
}

/** Goes to another view of the same state, as the tabs do (the view is one part of the URL's hash). */
async function showView(page: Page, view: string): Promise<void> {
  await page.evaluate((v) => {
    location.hash = location.hash.replace(/view=[a-z]+/, `view=${v}`);
  }, view);
}

const rowsIn = (text: string): number | null => {
  const m = /^([\d,]+) rows read/.exec(text);
  return m ? Number(m[1].replaceAll(',', '')) : null;
};

test('a 100 000-row upload: the bar shows rising row counts, then pooled off the page with the same overall estimate as Node', async () => {
  const text = syntheticCsv(100_000, 5, 'S');
  const page = await open('#view=data');
  const samples = await recordProgress(page);
  await page.evaluate(() => {
    const tasks: number[][] = [];
    Object.assign(window, { longTasks: tasks });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask' });
  });
  await page.setInputFiles('#upload-file', { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  const filed = await page.evaluate(() => performance.now());
  // the page answers while the file is read, pooled in the worker, sent back and drawn: every round trip, one after another
  const drawn = page.waitForSelector('svg.forest g.summary.overall', { timeout: 120_000 });
  const trips = roundTrips(page, drawn);
  await expect(page.locator('#upload-progress-bar').getAttribute('aria-valuemax')).resolves.toBe('100');
  await expect(page.locator('label[for="upload-progress-bar"]').textContent()).resolves.toContain('Reading big.csv (1.4 MB)');
  await drawn;
  const answered = await trips;
  console.log(`page.evaluate round trips while the 100 000 rows were processed (ms, slowest first): ${JSON.stringify(
    [...answered].sort((x, y) => y - x).slice(0, 10).map(Math.round))} of ${answered.length}`);
  // for the log (not asserted: a loaded machine stretches tasks): the page's long tasks after the driver handed over the file
  const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[][] }).longTasks);
  console.log(`long tasks after the file was set (ms): ${JSON.stringify(tasks.filter(([t]) => t > filed).map(([, d]) => Math.round(d)))}`);
  expect(answered.length).toBeGreaterThan(10);
  expect(Math.max(...answered)).toBeLessThan(ANSWER_MS);
  const seen = await samples();
  const counts = seen.map((s) => rowsIn(s.text)).filter((n): n is number => n !== null);
  console.log(`progress samples (ms, text, aria-valuenow): ${JSON.stringify(seen.map((s) => [Math.round(s.ms - seen[0].ms), s.text, s.now]))}`);
  // several counts part-way, rising, ending at the file's 100 000 rows with the bar full
  expect(counts.filter((n) => n > 0 && n < 100_000).length).toBeGreaterThanOrEqual(3);
  for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThanOrEqual(counts[i - 1]);
  expect(seen.at(-1)).toMatchObject({ text: '100,000 rows read; checking them…', now: '100' });
  const nows = seen.map((s) => Number(s.now)).filter((n) => n > 0 && n < 100);
  expect(nows.length).toBeGreaterThanOrEqual(3);
  const f = analyse(readAnalysisInput(text), { method: 'REML', test: 'knha' }).pooled!.overall;
  await expect(page.locator('svg.forest g.summary.overall text.est').textContent())
    .resolves.toBe(`${pc(f.back.estimate)} [${pc(f.back.ci[0])}, ${pc(f.back.ci[1])}]`);
  await expect(page.locator('#large-k-note').textContent()).resolves.toContain('of 100,000 studies');
  expect(await page.locator('svg.forest g.study').count()).toBeLessThanOrEqual(45);
}, 240_000);

test('Cancel part-way through reading a 600 000-row file stops it and keeps the data analysed before, saying so', async () => {
  const page = await open('#view=data');
  await page.setInputFiles('#upload-file', { name: 'small.csv', mimeType: 'text/csv', buffer: Buffer.from('study,events,n\nA,3,10\nB,5,20\n') });
  await page.waitForSelector('svg.forest g.study');
  await showView(page, 'data');
  await page.waitForSelector('#upload-file');
  const samples = await recordProgress(page);
  // the 9 MB file is made in the page and dropped (sending it from here through the driver takes long on a busy machine)
  const huge = await page.evaluateHandle((k) => {
    const lines = ['study,events,n'];
    for (let i = 1; i <= k; i++) lines.push(`H${i},${i % 50},${60 + (i % 100)}`);
    const dt = new DataTransfer();
    dt.items.add(new File([`${lines.join('\n')}\n`], 'huge.csv', { type: 'text/csv' }));
    return dt;
  }, 600_000);
  await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer: huge });
  // wait until rows are being read (the parsing stage), then click Cancel as a person would
  await page.waitForFunction(() => /^[\d,]+ rows read$/.test(document.querySelector('#upload-progress-text')?.textContent ?? ''), undefined, { polling: 10 });
  await page.locator('button.cancel-upload').click();
  const status = await page.locator('.upload-status').textContent();
  const before = await samples();
  console.log(`cancel: ${status}; last sample ${JSON.stringify(before.at(-1))}`);
  const m = /cancelled after ([\d,]+) rows: the file was not read; still analysing your file small\.csv/.exec(status ?? '');
  expect(m, status ?? '').not.toBeNull();
  const cancelledAt = Number(m![1].replaceAll(',', ''));
  expect(cancelledAt).toBeGreaterThan(0);
  expect(cancelledAt).toBeLessThan(600_000);
  // the worker is gone: no bar, and nothing more arrives
  await expect(page.locator('#upload-progress-bar').count()).resolves.toBe(0);
  await page.waitForTimeout(1500);
  expect((await samples()).length).toBe(before.length);
  await expect(page.locator('.source-banner').textContent()).resolves.toContain('small.csv');
  await expect(page.locator('.upload').textContent()).resolves.toContain('Analysing: your file small.csv.');
  await showView(page, 'forest');
  await page.waitForSelector('svg.forest g.study');
  await expect(page.locator('svg.forest g.study').count()).resolves.toBe(2);
}, 120_000);

test('two files dropped at once are refused in words; none replaces the table', async () => {
  const page = await open('#view=data');
  const drop = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['study,events,n\nA,1,10\n'], 'a.csv', { type: 'text/csv' }));
    dt.items.add(new File(['study,events,n\nB,2,10\n'], 'b.csv', { type: 'text/csv' }));
    return dt;
  });
  await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer: drop });
  await expect(page.locator('.upload-status').textContent()).resolves.toContain('drop one file at a time: 2 files were dropped (a.csv, b.csv); none was read');
  await expect(page.locator('button.use-bundled').isDisabled()).resolves.toBe(true);
});

test('a large file chosen first does not replace a small file chosen after it', async () => {
  const page = await open('#view=data');
  await page.setInputFiles('#upload-file', { name: 'slow.csv', mimeType: 'text/csv', buffer: Buffer.from(syntheticCsv(60_000, 9, 'L')) });
  await page.setInputFiles('#upload-file', { name: 'small.csv', mimeType: 'text/csv', buffer: Buffer.from('study,events,n\nA,3,10\nB,5,20\n') });
  await page.waitForSelector('svg.forest g.study');
  await page.waitForTimeout(3000);
  await expect(page.locator('.source-banner').textContent()).resolves.toContain('small.csv');
  await expect(page.locator('svg.forest g.study').count()).resolves.toBe(2);
});
