import { describe, expect, test } from 'vitest';
import { bubblePlot, type BubbleSpec } from '../../src/charts/bubblePlot.ts';
import { expectSnapshot, testDocument } from './snapshot.ts';

// Chart inputs are values given by hand, shaped like metaRegression() + predictAlong() output for resection 5-year
// survival against year (PLO, REML, knha), back-transformed to proportions and rounded: the chart computes nothing.
const spec: BubbleSpec = {
  xLabel: 'Year',
  yLabel: '5-year survival',
  percent: true,
  studies: [
    { label: 'Sarmiento 2003', x: 2003, y: 0.612, weight: 24.2 },
    { label: 'Mayo 2010', x: 2010, y: 0.74, weight: 39 },
    { label: 'Glazer 2010', x: 2010, y: 0.767, weight: 17 },
    { label: 'Elias 2003', x: 2003, y: 0.702, weight: 5.9 },
    { label: 'House 2006', x: 2006, y: 0.846, weight: 2 },
    { label: 'Landry 2008', x: 2008, y: 0.739, weight: 2.7 },
    { label: 'Chambers 2008', x: 2008, y: 0.733, weight: 3.5 },
    { label: 'Ahmed 2009', x: 2009, y: 0.74, weight: 5.8 },
  ],
  line: [
    { x: 2003, estimate: 0.639, ci: [0.568, 0.705] },
    { x: 2004.75, estimate: 0.67, ci: [0.618, 0.718] },
    { x: 2006.5, estimate: 0.699, ci: [0.661, 0.735] },
    { x: 2008.25, estimate: 0.727, ci: [0.692, 0.759] },
    { x: 2010, estimate: 0.753, ci: [0.712, 0.789] },
  ],
  caption: 'REML, Knapp–Hartung; fitted on the logit scale, shown as percent',
};

const radius = (c: Element) => Number(c.getAttribute('r'));
/** The [x, y] vertices of a path drawn with straight segments (Plot's line and area: M…L…L…[Z]). */
const vertices = (path: Element | null) => (path?.getAttribute('d') ?? '').split(/[MLZ]/).filter(Boolean)
  .map((p) => p.split(',').map(Number));
/** The text of Plot's axes: tick labels and axis labels. */
// tick labels (Plot's axis groups, classed x-axis / y-axis) and the axis titles (Plot draws them in unclassed groups)
const axisText = (svg: Element) => [...svg.querySelectorAll('g.x-axis text, g.y-axis text, g:not([class]) > text')]
  .map((t) => t.textContent);

describe('bubblePlot(spec, options)', () => {
  test('draws every study, the fitted line and its CI band, and matches its golden SVG', () => {
    const svg = bubblePlot(spec, { document: testDocument(), width: 560, title: 'Resection: 5-year survival by year' });
    expect(svg.querySelectorAll('circle.study')).toHaveLength(8);
    expect(svg.querySelectorAll('path.fit')).toHaveLength(1);
    expect(vertices(svg.querySelector('path.fit'))).toHaveLength(5);
    expect(svg.querySelectorAll('path.ci-band')).toHaveLength(1);
    expect(vertices(svg.querySelector('path.ci-band'))).toHaveLength(10);
    expect(svg.querySelector('title')?.textContent).toBe('Resection: 5-year survival by year');
    expect(svg.querySelector('desc')?.textContent).toBe('Bubble plot of 8 studies: 5-year survival against Year, bubble area '
      + 'proportional to weight; fitted line from 63.9% at 2003 to 75.3% at 2010.');
    expect(svg.querySelector('circle.study title')?.textContent).toBe('Mayo 2010: Year 2010, 74.0%, weight 39.0%');
    expectSnapshot('bubblePlot', svg);
  });

  test('bubble area is proportional to weight, heaviest drawn first', () => {
    const svg = bubblePlot(spec, { document: testDocument() });
    const circles = [...svg.querySelectorAll('circle.study')];
    const r = circles.map(radius);
    // drawn in weight order 39, 24.2, 17, …: r² ratios follow the weights
    expect(r[0]).toBe(16);
    expect((r[1] / r[0]) ** 2).toBeCloseTo(24.2 / 39, 3);
    expect((r[7] / r[0]) ** 2).toBeCloseTo(2 / 39, 2);
    expect(circles[7].querySelector('title')?.textContent).toMatch(/^House 2006/);
  });

  test('percent: y is drawn as percent on an axis labelled (%), the line rises with the estimates', () => {
    const svg = bubblePlot(spec, { document: testDocument() });
    const labels = axisText(svg);
    expect(labels).toContain('5-year survival (%)');
    expect(labels).toContain('70');
    const ys = vertices(svg.querySelector('path.fit')).map(([, y]) => y);
    expect(ys).toHaveLength(5);
    expect(ys.every((v, i) => i === 0 || v < ys[i - 1])).toBe(true); // higher survival is higher on the page
  });

  test('with a warning the plot is greyed and says why; without a line only the studies are drawn', () => {
    const svg = bubblePlot({ ...spec, line: [], warning: '8 studies for 1 moderator: fewer than 10' }, { document: testDocument() });
    expect(svg.classList.contains('greyed')).toBe(true);
    const body = [...svg.querySelectorAll('.bubble-body > *')];
    expect(body).toHaveLength(8);
    expect(body.map((e) => e.getAttribute('opacity'))).toEqual(Array(8).fill('0.35'));
    expect(svg.querySelector('text.warning')?.textContent).toBe('8 studies for 1 moderator: fewer than 10');
    expect(svg.querySelector('.fit')).toBeNull();
    expect(svg.querySelector('.ci-band')).toBeNull();
    expect(svg.querySelector('g.legend')?.textContent).not.toMatch(/fitted line/);
  });

  test('analysis-scale values (percent false) keep their own units', () => {
    const svg = bubblePlot({
      xLabel: 'Absolute latitude', yLabel: 'Log risk ratio', percent: false,
      studies: [{ label: 'A', x: 10, y: -0.2, weight: 60 }, { label: 'B', x: 50, y: -1.4, weight: 40 }],
      line: [{ x: 10, estimate: -0.3, ci: [-0.6, 0] }, { x: 50, estimate: -1.3, ci: [-1.7, -0.9] }],
    }, { document: testDocument() });
    expect(svg.querySelector('circle.study title')?.textContent).toBe('A: Absolute latitude 10, -0.200, weight 60.0%');
    expect(axisText(svg)).toContain('Log risk ratio');
  });
});
