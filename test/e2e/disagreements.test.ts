/**
 * The Disagreements view in Chromium: the two sides of a disagreement side by side (sunitinib median PFS 11.1 vs 11.4
 * months; Mazzaglia mean vs median 3.9 years), reached from a data row and named in the forest tooltip; axe finds no
 * serious or critical violation, light and dark.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { explorerSession } from './browser.ts';

const session = explorerSession();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The two sides of a disagreement: their text and boxes. */
async function sides(page: Page, id: string) {
  const article = page.locator(`article.disagreement[data-id="${id}"]`);
  const read = async (key: 'a' | 'b') => {
    const side = article.locator(`.d-side[data-side="${key}"]`);
    return { text: (await side.textContent()) ?? '', box: (await side.boundingBox())! };
  };
  return { a: await read('a'), b: await read('b'), text: (await article.textContent()) ?? '' };
}

describe('the Disagreements view', () => {
  test('shows sunitinib median PFS 11.1 (seed 000) vs 11.4 months (seed 001) side by side, each with its quote', async () => {
    const page = await session.open('#view=disagreements');
    await page.waitForSelector('article.disagreement[data-id="x08"]');
    await expect(page.locator('h2').first().textContent()).resolves.toContain('Disagreements');
    const { a, b, text } = await sides(page, 'x08');
    expect(text).toContain('Sunitinib phase III: median PFS on sunitinib');
    expect(text).toContain('different value');
    expect(a.text).toContain('Seed 000');
    expect(a.text).toContain('11.1 mo');
    expect(a.text).toContain('“median PFS of 11.1 months for patients on sunitinib versus 5.5 months for patients receiving placebo”');
    expect(b.text).toContain('Seed 001');
    expect(b.text).toContain('11.4 mo');
    expect(b.text).toContain('“the median PFS was 11.4 months in the sunitinib group');
    // side by side: same top, a left of b, not overlapping
    expect(Math.abs(a.box.y - b.box.y)).toBeLessThan(2);
    expect(a.box.x + a.box.width).toBeLessThanOrEqual(b.box.x);
  });

  test('shows Mazzaglia\'s 3.9 years as a mean (seed 000) and a median (seed 001) side by side', async () => {
    const page = await session.open('#view=disagreements');
    await page.waitForSelector('article.disagreement[data-id="x01"]');
    const { a, b, text } = await sides(page, 'x01');
    expect(text).toContain('mean vs median');
    expect(text).toContain('Cohort: Mazzaglia 2007 (mazzaglia_2007)');
    expect(a.text).toContain('mean survival 3.9 years');
    expect(a.text).toContain('“Mean survival extended 3.9 years after the first RFA treatment”');
    expect(b.text).toContain('median survival 3.9 years');
    expect(b.text).toContain('“median 3.9-year survival after the first RFA session”');
    expect(Math.abs(a.box.y - b.box.y)).toBeLessThan(2);
    expect(a.box.x + a.box.width).toBeLessThanOrEqual(b.box.x);
    // every disagreement of the table is listed: 13 between the reviews, the rest within one
    await expect(page.locator('#disagreements-cross').textContent()).resolves.toBe('Between the two reviews (13)');
  });

  test('a data row links to its disagreement; the view opens there with it focused', async () => {
    const page = await session.open('#view=data');
    await page.waitForSelector('.modality-group');
    await page.locator('#data-search').fill('sunitinib');
    const link = page.locator('tr[data-row-id="s000-0099"] a.disagreement-link');
    await expect(link.textContent()).resolves.toBe('Disagreement x08');
    await link.click();
    await page.waitForSelector('article.disagreement[data-id="x08"]');
    await page.waitForFunction(() => document.activeElement?.id === 'disagreement-x08');
    expect(page.url()).toContain('view=disagreements');
  });

  test('the forest tooltip of a row with a disagreement names it', async () => {
    const page = await session.open('#view=forest&outcome=os_5y&modality=transplant');
    await page.waitForSelector('svg.forest g.study');
    const row = page.locator('svg.forest g.study', { hasText: 'Le Treut 2007' }).first();
    await row.focus();
    await expect(page.locator('#chart-tooltip').textContent()).resolves.toContain('Disagreement: see the Disagreements view (x04)');
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe finds no serious or critical violation (${scheme})`, async () => {
      const page = await session.open('#view=disagreements');
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForSelector('article.disagreement');
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        type Result = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
        const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<Result> } }).axe;
        const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
        return r.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      });
      expect(violations.filter((v) => /^(serious|critical) /.test(v))).toEqual([]);
      expect(violations).toEqual([]);
    });
  }
});
