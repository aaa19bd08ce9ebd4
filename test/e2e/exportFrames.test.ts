/**
 * Exports that stand alone (issue 13 item 5), in Chromium: the map's SVG carries its title, the caveat and the source
 * line with the permalink; the forest plot's PNG is a framed image (taller than the chart by its title and source).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { explorerSession } from './browser.ts';

const { open } = explorerSession();

test('the evidence map\'s SVG export contains its title, caveat and source line', async () => {
  const page = await open('#view=map');
  await page.waitForSelector('svg.evidence-map g.map-row');
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export the evidence map as SVG' }).click(),
  ]);
  const svg = readFileSync((await file.path())!, 'utf8');
  expect(svg).toContain('Evidence map: pooled outcomes by modality');
  expect(svg).toContain('Descriptive, not comparative');
  expect(svg).toMatch(/Source: NELM Evidence Explorer \d+\.\d+\.\d+, \d{4}-\d{2}-\d{2}\./);
  expect(svg).toContain('View: http://127.0.0.1');
  const parsed = await page.evaluate((text) => new DOMParser().parseFromString(text, 'image/svg+xml').getElementsByTagName('parsererror').length, svg);
  expect(parsed).toBe(0);
});

test('the forest plot\'s PNG export is the framed chart: 2x the chart plus its title and source lines', async () => {
  const page = await open('#view=forest&outcome=os_5y&modality=resection');
  await page.waitForSelector('svg.forest g.study');
  const chartHeight = Number(await page.locator('svg.forest').getAttribute('height'));
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export the forest plot as PNG (2×), twice its size' }).click(),
  ]);
  const png = readFileSync((await file.path())!);
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  const height = png.readUInt32BE(20);
  expect(height).toBeGreaterThan(2 * chartHeight + 2 * 40);
});
