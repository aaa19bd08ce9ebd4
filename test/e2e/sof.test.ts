/**
 * The summary of findings in Chromium: resection 5-year OS shows a rating and its reasons; the panel's rating with a
 * reason survives a reload of the permalink; excluding Mayo 2010 in the link changes resection's k from 9 to 8 (as
 * `nelm pool --outcome os_5y --by modality --exclude mayo_2010`); the exports; axe finds no serious or critical
 * violation, light and dark.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { explorerSession } from './browser.ts';

const session = explorerSession();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const RESECTION = 'tr[data-id="resection.os_5y"]';

async function downloaded(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path!, 'utf8') };
}

describe('the summary of findings', () => {
  test('shows a rating and its reasons for resection 5-year OS', async () => {
    const page = await session.open('#view=sof');
    await page.waitForSelector(RESECTION);
    await expect(page.locator('.sof-view .statement').textContent()).resolves.toContain('Computed, GRADE-style: the panel\'s judgement prevails');
    const row = page.locator(RESECTION);
    await expect(row.locator('[data-col="k"]').textContent()).resolves.toBe('9');
    await expect(row.locator('.sof-certainty').getAttribute('data-certainty')).resolves.toBe('very low');
    const how = (await row.locator('.sof-how').textContent()) ?? '';
    expect(how).toContain('Starting level: low — observational: 9 single-arm series pooled');
    expect(how).toContain('Risk of bias: rated down 1 level — retrospective or design-unknown series hold 87.2% of the patients (797 of 914; 7 of 9 studies)');
    expect(how).toContain('Inconsistency: rated down 1 level — I² = 53.7% > 50%');
    expect(how).toContain('Imprecision: no change — 95% CI 65.3%–76.3%');
    expect(how).toContain('Publication bias: not assessable — k = 9 < 10');
    expect(how).toContain('Indirectness: no change');
    await expect(row.locator('[data-col="effect"]').textContent()).resolves.toBe('71.1% (95% CI 65.3–76.3; 95% PI 56.4–82.4)');
  });

  test('the panel\'s rating with its reason survives a reload of the permalink', async () => {
    const page = await session.open('#view=sof');
    await page.waitForSelector(RESECTION);
    const row = page.locator(RESECTION);
    await row.locator('details.sof-edit summary').click();
    const reason = 'Large, consistent series; "quoted" & <b>not bold</b>, 100% — 9 cohorts ✓';
    // a rating without a reason is refused
    await row.locator('select').selectOption('low');
    await row.locator('button.sof-save').click();
    await expect(row.locator('.sof-error').textContent()).resolves.toBe('Give the reason for the panel\'s rating.');
    await row.locator('textarea').fill(reason);
    await row.locator('button.sof-save').click();
    await page.waitForFunction(() => location.hash.includes('sof='));
    await expect(page.locator(`${RESECTION} .sof-certainty`).getAttribute('data-certainty')).resolves.toBe('low');
    await expect(page.locator(`${RESECTION} .sof-panel-reason`).textContent()).resolves.toBe(reason);
    const permalink = page.url();
    await page.reload();
    await page.waitForSelector(RESECTION);
    expect(page.url()).toBe(permalink);
    await expect(page.locator(`${RESECTION} .sof-certainty`).textContent()).resolves.toBe('low (panel; computed: very low)');
    await expect(page.locator(`${RESECTION} .sof-panel-reason`).textContent()).resolves.toBe(reason);
    await expect(page.locator(`${RESECTION} .sof-panel-reason b`).count()).resolves.toBe(0);
    // the exports carry the panel's rating and reason
    const csv = await downloaded(page, '#sof-export-csv');
    expect(csv.name).toBe('summary-of-findings.csv');
    expect(csv.text.split('\r\n')[0]).toBe('id,modality,outcome,evidence,k,N,effect,estimate,ci_low,ci_high,pi_low,pi_high,designs,'
      + 'starting_level,risk_of_bias,inconsistency,imprecision,publication_bias,indirectness,computed_certainty,panel_certainty,panel_reason,certainty');
    expect(csv.text).toContain(`very low,low,"${reason.replace(/"/g, '""')}",low`);
    const html = await downloaded(page, '#sof-export-html');
    expect(html.name).toBe('summary-of-findings.html');
    expect(html.text).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    expect(html.text).not.toContain('<b>not bold</b>');
    const md = await downloaded(page, '#sof-export-md');
    expect(md.text).toContain('| Resection | 5-year overall survival | Single-arm series, pooled | 9 | 914 |');
    // removing the override restores the computed rating
    await page.locator(`${RESECTION} button.sof-remove`).click();
    await page.waitForFunction(() => !location.hash.includes('sof='));
    await expect(page.locator(`${RESECTION} .sof-certainty`).getAttribute('data-certainty')).resolves.toBe('very low');
  });

  test('excluding mayo_2010 in the link changes resection\'s k to 8', async () => {
    const page = await session.open('#view=sof&ex=mayo_2010');
    await page.waitForSelector(RESECTION);
    await expect(page.locator(`${RESECTION} [data-col="k"]`).textContent()).resolves.toBe('8');
    await expect(page.locator('.sof-view').textContent()).resolves.toContain('Your exclusions apply here too: mayo_2010.');
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe finds no violation, so none serious or critical (${scheme})`, async () => {
      const page = await session.open('#view=sof');
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForSelector(RESECTION);
      await page.locator(`${RESECTION} details.sof-edit summary`).click();
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
