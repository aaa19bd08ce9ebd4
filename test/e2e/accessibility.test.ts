/** axe-core (WCAG 2 A/AA rules) on each explorer view, light and dark; the source is evaluated over CDP (CSP-safe). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage } from './browser.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

for (const scheme of ['light', 'dark'] as const) {
  for (const [view, selector] of [
    ['map', 'svg.evidence-map'], ['forest', 'svg.forest'], ['sensitivity', 'svg.sensitivity'],
    ['diagnostics&modality=resection', 'svg.funnel'], ['km', 'svg.km-plot'], ['data', '.upload'],
    ['sensitivity&present', 'html.presenting svg.sensitivity'],
  ] as const) {
    test(`the ${view.split('&')[0]} view${view.endsWith('&present') ? ' in presentation mode' : ''} has no axe violations (${scheme})`, async () => {
      const { page, context, errors } = await openPage(browser, `#view=${view.replace('&present', '')}`);
      if (view.endsWith('&present')) {
        await page.waitForSelector('#view-root');
        await page.locator('button.present-toggle').click();
      }
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForSelector(selector);
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        type Result = { violations: { id: string; nodes: { target: string[] }[] }[] };
        const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<Result> } }).axe;
        const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
        return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      });
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
}
