import { describe, expect, test } from 'vitest';
import { forestPlot, type ForestSpec } from '../../src/charts/forestPlot.ts';
import { expectSnapshot, testDocument } from './snapshot.ts';

// Chart inputs are display values given by hand: the chart places marks and computes nothing.
const spec: ForestSpec = {
  columns: ['n', 'year', 'design'],
  xLabel: '5-year overall survival (%)',
  percent: true,
  caption: 'Random effects (REML), Hartung–Knapp CI; logit scale, back-transformed',
  groups: [
    {
      label: 'Resection',
      studies: [
        { id: 'a', label: 'Mayo 2010', cells: ['339', '2010', 'retro'], estimate: 0.74, ci: [0.69, 0.79], weight: 60, excluded: false, title: 'quote A' },
        { id: 'b', label: 'Sarmiento 2003', cells: ['170', '2003', 'retro'], estimate: 0.61, ci: [0.53, 0.68], weight: 40, excluded: false },
      ],
      summary: { label: 'RE model', estimate: 0.69, ci: [0.55, 0.8], pi: [0.3, 0.92] },
    },
    {
      label: 'RFA',
      studies: [
        { id: 'c', label: 'Mazzaglia 2007', cells: ['63', '2007', 'retro'], estimate: 0.48, ci: [0.36, 0.6], weight: null, excluded: true },
      ],
      summary: null,
    },
  ],
  overall: { label: 'Overall', estimate: 0.66, ci: [0.5, 0.79], pi: [0.2, 0.94] },
};

describe('forestPlot(spec, options)', () => {
  test('draws one focusable row per study, one diamond per summary, and matches its golden SVG', () => {
    const svg = forestPlot(spec, { document: testDocument(), width: 960, title: 'Forest plot of 5-year OS' });
    expect(svg.querySelectorAll('g.study')).toHaveLength(3);
    expect(svg.querySelectorAll('polygon.diamond')).toHaveLength(2);
    expect(svg.querySelectorAll('line.pi')).toHaveLength(2);
    expect(svg.querySelector('g.study[data-id="c"]')?.getAttribute('aria-pressed')).toBe('true');
    expect(svg.querySelector('g.study[data-id="a"]')?.getAttribute('tabindex')).toBe('0');
    expect(svg.querySelector('title')?.textContent).toBe('Forest plot of 5-year OS');
    expectSnapshot('forestPlot', svg);
  });

  test('renders study labels as text, never as markup', () => {
    const hostile: ForestSpec = {
      ...spec,
      groups: [{ label: '<img src=x onerror=alert(1)>', studies: [{ ...spec.groups[0].studies[0], label: '<script>alert(1)</script>' }], summary: null }],
      overall: null,
    };
    const svg = forestPlot(hostile, { document: testDocument() });
    expect(svg.querySelector('script')).toBeNull();
    expect(svg.querySelector('img')).toBeNull();
    expect(svg.textContent).toContain('<script>alert(1)</script>');
  });

  test('places the estimate on a linear 0–100 % axis for proportions', () => {
    const svg = forestPlot(spec, { document: testDocument(), width: 960 });
    const ticks = [...svg.querySelectorAll('g.axis text')].map((t) => t.textContent);
    expect(ticks).toContain('0');
    expect(ticks).toContain('100');
  });
});
