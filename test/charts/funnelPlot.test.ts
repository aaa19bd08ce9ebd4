import { describe, expect, test } from 'vitest';
import { funnelPlot, type FunnelSpec } from '../../src/charts/funnelPlot.ts';
import { expectSnapshot, testDocument } from './snapshot.ts';

// Chart inputs are values given by hand, shaped like fit() and trimfill() output (logit scale): the chart computes
// nothing.
const spec: FunnelSpec = {
  xLabel: 'Logit of 5-year survival',
  estimate: 0.6,
  adjustedEstimate: 0.42,
  studies: [
    { label: 'Mayo 2010', yi: 1.05, se: 0.12 },
    { label: 'Sarmiento 2003', yi: 0.45, se: 0.16 },
    { label: 'Glazer 2010', yi: 0.9, se: 0.2 },
    { label: 'Frilling 2009', yi: 1.2, se: 0.3 },
    { label: 'Mazzaglia 2007', yi: 0.15, se: 0.26 },
    { label: 'Touzios 2005', yi: 1.4, se: 0.45 },
  ],
  imputed: [
    { label: 'Frilling 2009', yi: -0.0, se: 0.3 },
    { label: 'Touzios 2005', yi: -0.2, se: 0.45 },
  ],
  caption: 'Random effects (REML); trim-and-fill estimator L0, side left',
};

describe('funnelPlot(spec, options)', () => {
  test('draws observed studies filled, imputed studies hollow, the funnel, and matches its golden SVG', () => {
    const svg = funnelPlot(spec, { document: testDocument(), width: 560, title: 'Funnel plot, 5-year OS' });
    expect(svg.querySelectorAll('circle.observed')).toHaveLength(6);
    expect(svg.querySelectorAll('circle.imputed')).toHaveLength(2);
    expect(svg.querySelector('circle.imputed')?.getAttribute('fill')).toBe('none');
    expect(svg.querySelector('circle.observed')?.getAttribute('fill')).not.toBe('none');
    expect(svg.querySelector('g.legend')?.textContent).toContain('imputed by trim-and-fill (2)');
    expect(svg.querySelector('line.adjusted')).not.toBeNull();
    expect(svg.querySelector('text.lines-legend')?.textContent)
      .toBe('solid line: pooled estimate 0.600; dashed line: trim-and-fill adjusted estimate 0.420');
    expect(svg.querySelector('title')?.textContent).toBe('Funnel plot, 5-year OS');
    expectSnapshot('funnelPlot', svg);
  });

  test('inverts the SE axis: the most precise study is drawn highest', () => {
    const svg = funnelPlot(spec, { document: testDocument() });
    const cy = [...svg.querySelectorAll('circle.observed')].map((c) => Number(c.getAttribute('cy')));
    // studies are given by SE 0.12 < 0.16 < 0.2 < 0.3, so y grows down the list until 0.26
    expect(cy[0]).toBeLessThan(cy[1]);
    expect(cy[1]).toBeLessThan(cy[2]);
    expect(cy[2]).toBeLessThan(cy[3]);
  });

  test('centres the funnel on the pooled estimate with half-width z · SE', () => {
    const svg = funnelPlot({ ...spec, imputed: [], adjustedEstimate: null, z: 2 }, { document: testDocument() });
    const [apex, right, left] = svg.querySelector('polygon.funnel')!.getAttribute('points')!.split(' ')
      .map((p) => p.split(',').map(Number));
    expect(apex[0]).toBeCloseTo(Number(svg.querySelector('line.estimate')?.getAttribute('x1')), 6);
    expect(apex[0] - left[0]).toBeCloseTo(right[0] - apex[0], 1);
    expect(svg.querySelector('g.legend')?.textContent).not.toContain('imputed');
  });

  test('with a warning the plot is greyed and says why', () => {
    const small: FunnelSpec = { ...spec, studies: spec.studies.slice(0, 3), imputed: [], warning: 'k = 3: too few studies for a funnel plot (k < 10)' };
    const svg = funnelPlot(small, { document: testDocument(), width: 560 });
    expect(svg.classList.contains('greyed')).toBe(true);
    expect(svg.querySelector('g.funnel-body')?.getAttribute('opacity')).toBe('0.35');
    expect(svg.querySelector('text.warning')?.textContent).toBe('k = 3: too few studies for a funnel plot (k < 10)');
    expect(svg.querySelector('desc')?.textContent).toMatch(/^k = 3: too few studies/);
    expectSnapshot('funnelPlot-greyed', svg);
  });
});
