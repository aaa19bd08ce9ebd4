import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { JSDOM } from 'jsdom';
import { pngSize } from '../../../src/app/export/svgToPng.ts';

const here = dirname(fileURLToPath(import.meta.url));
const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
if (!chromiumPath) console.warn('Chromium not found: the svgToPng browser test is skipped');

function svgFrom(markup: string): SVGSVGElement {
  const doc = new JSDOM(`<!doctype html><body>${markup}</body>`).window.document;
  return doc.querySelector('svg') as SVGSVGElement;
}

describe('pngSize(svg, scale)', () => {
  test('is the width and height attributes times the scale', () => {
    expect(pngSize(svgFrom('<svg width="760" height="524" viewBox="0 0 760 524"></svg>'))).toEqual({ width: 1520, height: 1048 });
    expect(pngSize(svgFrom('<svg width="100" height="50"></svg>'), 1.5)).toEqual({ width: 150, height: 75 });
  });

  test('falls back to the viewBox, and rejects a bad scale or size', () => {
    expect(pngSize(svgFrom('<svg viewBox="0 0 300 200"></svg>'), 3)).toEqual({ width: 900, height: 600 });
    expect(() => pngSize(svgFrom('<svg width="10" height="10"></svg>'), 0)).toThrow('invalid scale: 0');
    expect(() => pngSize(svgFrom('<svg></svg>'))).toThrow('invalid chart size');
  });
});

describe('svgToPng(svg, scale) in Chromium', () => {
  test.skipIf(!chromiumPath)('encodes the KM golden chart as a PNG of twice its size', async () => {
    const bundle = await build({
      entryPoints: [join(here, '../../../src/app/export/svgToPng.ts')], bundle: true, write: false, format: 'iife', globalName: 'exporter',
    });
    const golden = readFileSync(join(here, '../../charts/snapshots/kmPlot.svg'), 'utf8');
    const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage();
      await page.setContent(`<!doctype html><body>${golden}</body>`);
      await page.addScriptTag({ content: bundle.outputFiles[0].text });
      const result = await page.evaluate(async () => {
        const w = window as unknown as { exporter: { svgToPng: (s: SVGSVGElement, k: number) => Promise<Blob> } };
        const blob = await w.exporter.svgToPng(document.querySelector('svg') as SVGSVGElement, 2);
        const bytes = new Uint8Array(await blob.arrayBuffer());
        const view = new DataView(bytes.buffer);
        // PNG: 8-byte signature, then the IHDR chunk with width and height at bytes 16 and 20 (PNG spec, §11.2.2)
        const signature = Array.from(bytes.slice(1, 4));
        return { type: blob.type, signature, width: view.getUint32(16), height: view.getUint32(20) };
      });
      expect(result.type).toBe('image/png');
      expect(String.fromCharCode(...result.signature)).toBe('PNG');
      // the golden kmPlot.svg is 760 × 540
      expect([result.width, result.height]).toEqual([1520, 1080]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
