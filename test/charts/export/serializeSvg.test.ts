import { describe, expect, test } from 'vitest';
import { JSDOM } from 'jsdom';
import { kmPlot } from '../../../src/charts/kmPlot.ts';
import { serializeSvg } from '../../../src/charts/export/serializeSvg.ts';
import { testDocument } from '../snapshot.ts';

const chart = () => kmPlot({
  curves: [{ id: 'a', label: 'A & <B>', kind: 'reconstructed', times: [0, 10, 20], surv: [1, 0.8, 0.6], median: null }],
}, { document: testDocument(), title: 'OS' });

describe('serializeSvg(svg, options)', () => {
  test('writes an XML declaration and one SVG namespace, and parses as XML', () => {
    const text = serializeSvg(chart());
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(text.match(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g)).toHaveLength(1);
    const parsed = new JSDOM(text, { contentType: 'image/svg+xml' }).window.document;
    expect(parsed.documentElement.localName).toBe('svg');
    expect(parsed.querySelector('parsererror')).toBeNull();
    expect(parsed.documentElement.textContent).toContain('A & <B>');
  });

  test('replaces currentColor by the colour in force at each element, keeping series colours', () => {
    const text = serializeSvg(chart(), { color: '#222222' });
    expect(text).not.toMatch(/currentColor/i);
    // the axis uses the ink; the curve's group sets color="#0072B2" (Okabe–Ito blue), so its line strokes with it
    // (Plot sets a mark's stroke on the mark's <g>)
    expect(text).toMatch(/<g aria-hidden="true" class="axis" stroke="#222222"/);
    expect(text).toMatch(/<g class="line" fill="none" stroke="#0072B2"/);
  });

  test('adds a <desc> from the title when the chart has none, a font, and an optional background', () => {
    const svg = chart();
    svg.querySelector('desc')?.remove();
    const text = serializeSvg(svg, { background: 'white' });
    expect(text).toContain('<title>OS</title><desc>OS</desc><rect x="0" y="0" width="760"');
    expect(text).toContain('fill="white" class="export-background"');
    expect(text).toContain('font-family="system-ui, sans-serif"');
  });

  test('leaves the chart on screen untouched', () => {
    const svg = chart();
    const before = svg.outerHTML;
    serializeSvg(svg, { background: 'white' });
    expect(svg.outerHTML).toBe(before);
  });
});
