import { describe, expect, test } from 'vitest';
import { FOREST_LAYOUTS, forestPlot, wrapLabel, type ForestSpec } from '../../src/charts/forestPlot.ts';
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

// A label longer than any line, as the study table has ("Review 001: untreated hepatic metastasis 5-year survival").
const LONG = 'Review 001: untreated hepatic metastasis 5-year survival (natural history, refs 2, 3 and 24)';
const long: ForestSpec = {
  ...spec,
  groups: [
    { ...spec.groups[0], studies: [{ ...spec.groups[0].studies[0], id: 'long', label: LONG }, spec.groups[0].studies[1]] },
    spec.groups[1],
  ],
};

describe('wrapLabel(text, max)', () => {
  test('breaks at spaces into lines of at most max characters; the lines joined give the text back', () => {
    expect(wrapLabel('Mayo 2010', 28)).toEqual(['Mayo 2010']);
    const lines = wrapLabel(LONG, 24);
    expect(lines.join('')).toBe(LONG);
    expect(lines.every((l) => l.trimEnd().length <= 24)).toBe(true);
    expect(lines).toEqual(['Review 001: untreated ', 'hepatic metastasis ', '5-year survival (natural ', 'history, refs 2, 3 and ', '24)']);
  });
  test('breaks a word longer than a line, never cuts it', () => {
    expect(wrapLabel('window.__xss=1;alert(document.cookie)', 10)).toEqual(['window.__x', 'ss=1;alert', '(document.', 'cookie)']);
    expect(wrapLabel('', 10)).toEqual(['']);
  });
});

describe('forestPlot(spec, { layout })', () => {
  test('a long label wraps onto several lines (tspans) in full, and the rows below move down', () => {
    const svg = forestPlot(long, { document: testDocument(), width: 960 });
    const row = svg.querySelector('g.study[data-id="long"]')!;
    const spans = [...row.querySelectorAll('tspan')];
    expect(spans.length).toBeGreaterThan(1);
    expect(spans.map((t) => t.textContent).join('')).toBe(LONG);
    expect(row.textContent).not.toContain('…');
    const short = forestPlot(spec, { document: testDocument(), width: 960 });
    const y = (s: SVGSVGElement) => Number(s.querySelector('g.study[data-id="b"] rect.hit')!.getAttribute('y'));
    expect(y(svg) - y(short)).toBe(15 * (spans.length - 1));
  });

  for (const layout of FOREST_LAYOUTS.filter((l) => l !== 'default')) {
    test(`${layout}: its columns, fonts and diamonds, and its golden SVG`, () => {
      const svg = forestPlot(long, { document: testDocument(), width: 960, title: 'Forest plot of 5-year OS', layout });
      expect(svg.getAttribute('class')).toBe(`chart forest layout-${layout}`);
      expect(svg.querySelectorAll('g.study')).toHaveLength(3);
      expect(svg.querySelectorAll('polygon.diamond')).toHaveLength(2);
      expectSnapshot(`forestPlot-${layout}`, svg);
    });
  }

  test('the presets differ where the journals do: interval format, headers, diamond fills, block order', () => {
    const draw = (layout: (typeof FOREST_LAYOUTS)[number]) =>
      forestPlot(spec, { document: testDocument(), width: 960, layout });
    const est = (svg: SVGSVGElement) => svg.querySelector('g.study[data-id="a"] text.est')?.textContent;
    // display values given above: 0.74 [0.69, 0.79]
    expect(est(draw('default'))).toBe('74.0 [69.0, 79.0]');
    expect(est(draw('revman5'))).toBe('74.0 [69.0, 79.0]');
    expect(est(draw('jama'))).toBe('74.0 (69.0-79.0)');
    expect(est(draw('bmj'))).toBe('74.0 (69.0 to 79.0)');
    const heads = (svg: SVGSVGElement) => [...svg.querySelectorAll('g.forest-head text')].map((t) => t.textContent);
    expect(heads(draw('revman5'))).toEqual(['Study or Subgroup', 'n', 'year', 'design', 'Proportion (%), 95% CI', 'Weight']);
    expect(heads(draw('jama'))).toContain('Weight, %');
    expect(heads(draw('bmj'))).toContain('Weight (%)');
    const fills = (svg: SVGSVGElement) => [...svg.querySelectorAll('polygon.diamond')].map((d) => d.getAttribute('fill'));
    expect(fills(draw('default'))).toEqual(['none', 'currentColor']);
    expect(fills(draw('revman5'))).toEqual(['currentColor', 'currentColor']);
    expect(fills(draw('bmj'))).toEqual(['none', 'none']);
    // RevMan puts the plot right of the numbers; the default puts the numbers right of the plot
    const order = (svg: SVGSVGElement) => {
      const markX = Number(svg.querySelector('g.study[data-id="a"] rect.mark')!.getAttribute('x'));
      const estX = Number(svg.querySelector('g.study[data-id="a"] text.est')!.getAttribute('x'));
      return markX < estX ? 'plot first' : 'numbers first';
    };
    expect(order(draw('default'))).toBe('plot first');
    expect(order(draw('revman5'))).toBe('numbers first');
    expect(order(draw('jama'))).toBe('numbers first');
    expect(order(draw('bmj'))).toBe('plot first');
  });
});
