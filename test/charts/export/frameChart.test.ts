import { JSDOM } from 'jsdom';
import { describe, expect, test } from 'vitest';
import { frameChart, wrapText } from '../../../src/charts/export/frameChart.ts';
import { serializeSvg } from '../../../src/charts/export/serializeSvg.ts';

describe('wrapText(text, max)', () => {
  test('breaks at spaces so no line is longer than max (a longer word, e.g. a permalink, is cut)', () => {
    expect(wrapText('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
    expect(wrapText('abcdefgh ij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('   ', 4)).toEqual([]);
  });
});

describe('frameChart(chart, frame)', () => {
  const { window } = new JSDOM('<!doctype html><body></body>');
  const doc = window.document;
  const chart = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
  chart.setAttribute('width', '600');
  chart.setAttribute('height', '300');
  chart.append(doc.createElementNS('http://www.w3.org/2000/svg', 'circle'));

  test('puts the title, method and caveat above the chart and the source lines below, inside its height', () => {
    const framed = frameChart(chart as unknown as SVGSVGElement, {
      title: 'Evidence map: pooled outcomes by modality', method: 'REML τ², Hartung–Knapp CI',
      caveat: 'Descriptive, not comparative.', source: ['Source: NELM Evidence Explorer 0.1.0, 2026-12-03.', 'View: http://x/#view=map'],
    });
    const texts = [...framed.querySelectorAll('text')].map((t) => [t.getAttribute('class'), t.textContent, Number(t.getAttribute('y'))] as const);
    expect(texts.map(([c]) => c)).toEqual(['export-title', 'export-method', 'export-caveat', 'export-source', 'export-source']);
    const inner = framed.querySelector('svg')!;
    const top = Number(inner.getAttribute('y'));
    expect(texts.slice(0, 3).every(([, , y]) => y < top)).toBe(true);
    expect(texts.slice(3).every(([, , y]) => y > top + 300 && y < Number(framed.getAttribute('height')))).toBe(true);
    // the chart on screen is untouched: the frame holds a copy
    expect(chart.parentNode).toBeNull();
    expect(inner).not.toBe(chart);
    const file = serializeSvg(framed);
    for (const s of ['Evidence map: pooled outcomes by modality', 'Descriptive, not comparative.', 'Source: NELM Evidence Explorer']) {
      expect(file).toContain(s);
    }
  });
});
