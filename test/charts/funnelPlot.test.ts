import { describe, expect, test } from 'vitest';
import { FUNNEL_HEXBIN_ABOVE, funnelPlot, type FunnelSpec, type FunnelStudy } from '../../src/charts/funnelPlot.ts';
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
    expect(svg.querySelectorAll('g.observed circle')).toHaveLength(6);
    expect(svg.querySelectorAll('g.imputed circle')).toHaveLength(2);
    expect(svg.querySelector('g.study.imputed')?.getAttribute('fill')).toBe('none');
    expect(svg.querySelector('g.study.observed')?.getAttribute('fill')).toBe('#0072B2');
    expect(svg.querySelector('g.observed circle title')?.textContent).toBe('Mayo 2010: 1.050, SE 0.120');
    expect(svg.querySelector('g.legend')?.textContent).toContain('imputed by trim-and-fill (2)');
    expect(svg.querySelector('g.adjusted line')).not.toBeNull();
    // axis titles, drawn by Plot
    expect(svg.textContent).toContain('Logit of 5-year survival');
    expect(svg.textContent).toContain('Standard error');
    // no <figure> wrapper: Plot's title/legend options are not used
    expect(svg.localName).toBe('svg');
    expect(svg.getAttribute('role')).toBe('img');
    // Plot's mark names (aria-label="dot") are removed: prohibited on groups without a role (axe aria-prohibited-attr)
    expect(svg.querySelectorAll('[aria-label]')).toHaveLength(0);
    expect(svg.querySelector('text.lines-legend')?.textContent)
      .toBe('solid line: pooled estimate 0.600; dashed line: trim-and-fill adjusted estimate 0.420');
    expect(svg.querySelector('title')?.textContent).toBe('Funnel plot, 5-year OS');
    expectSnapshot('funnelPlot', svg);
  });

  test('inverts the SE axis: the most precise study is drawn highest', () => {
    const svg = funnelPlot(spec, { document: testDocument() });
    const cy = [...svg.querySelectorAll('g.observed circle')].map((c) => Number(c.getAttribute('cy')));
    // studies are given by SE 0.12 < 0.16 < 0.2 < 0.3, so y grows down the list until 0.26
    expect(cy[0]).toBeLessThan(cy[1]);
    expect(cy[1]).toBeLessThan(cy[2]);
    expect(cy[2]).toBeLessThan(cy[3]);
  });

  test('centres the funnel on the pooled estimate with half-width z · SE', () => {
    const svg = funnelPlot({ ...spec, imputed: [], adjustedEstimate: null, z: 2 }, { document: testDocument() });
    // each dashed edge is one segment from the apex (SE 0) to the foot of the SE axis
    const [left, right] = [...svg.querySelectorAll('g.funnel-edge path')]
      .map((p) => (p.getAttribute('d')?.match(/-?[\d.]+/g) ?? []).map(Number));
    const estimateX = Number(svg.querySelector('g.estimate line')?.getAttribute('x1'));
    expect(left[0]).toBeCloseTo(estimateX, 6);
    expect(right[0]).toBeCloseTo(estimateX, 6);
    expect(left[1]).toBe(48); // the apex is at the top of the plot area (SE 0)
    expect(left[3]).toBe(right[3]);
    expect(estimateX - left[2]).toBeCloseTo(right[2] - estimateX, 6);
    // half-width z · SE at the foot (SE 0.5, the niced maximum): 2 · 0.5 = 1 effect unit either side, in pixels the
    // same as the distance between the x ticks 0 and 1 (Plot places tick labels by translate(x, y))
    const tickX = (label: string) => Number([...svg.querySelectorAll('g.x-axis text')]
      .find((t) => t.textContent === label)?.getAttribute('transform')?.match(/translate\(([-\d.]+)/)?.[1]);
    expect(right[2] - estimateX).toBeCloseTo(tickX('1.0') - tickX('0.0'), 6);
    expect(svg.querySelector('g.legend')?.textContent).not.toContain('imputed');
  });

  test('with a warning the plot is greyed and says why', () => {
    const small: FunnelSpec = { ...spec, studies: spec.studies.slice(0, 3), imputed: [], warning: 'k = 3: too few studies for a funnel plot (k < 10)' };
    const svg = funnelPlot(small, { document: testDocument(), width: 560 });
    expect(svg.classList.contains('greyed')).toBe(true);
    const body = [...svg.querySelectorAll('g.funnel-body')];
    expect(body.length).toBeGreaterThanOrEqual(4);
    // Plot puts a constant opacity on the mark's group, or (areas) on its paths
    for (const g of body) {
      const opacity = g.getAttribute('opacity') ?? [...new Set([...g.children].map((c) => c.getAttribute('opacity')))].join();
      expect(opacity, g.getAttribute('class') ?? '').toBe('0.35');
    }
    expect(svg.querySelector('g.warning text')?.textContent).toBe('k = 3: too few studies for a funnel plot (k < 10)');
    expect(svg.querySelector('desc')?.textContent).toMatch(/^k = 3: too few studies/);
    expectSnapshot('funnelPlot-greyed', svg);
  });

  test('above FUNNEL_HEXBIN_ABOVE studies draws a hexbin density with a count legend, keeping lines and highlighted studies', () => {
    const k = 10_000;
    const svg = funnelPlot({
      studies: syntheticStudies(k, 7, 42), imputed: syntheticStudies(150, 11).map((s) => ({ ...s, yi: 0.6 - s.yi, label: `${s.label} (mirror)` })),
      estimate: 0.3, adjustedEstimate: 0.28, xLabel: 'Logit', caption: 'k = 10 000',
    }, { document: testDocument(), width: 640 });
    // far fewer elements than studies, no per-study circles except the highlighted one
    expect(svg.querySelectorAll('*').length).toBeLessThan(k / 5);
    expect(svg.querySelectorAll('circle')).toHaveLength(1);
    const hexagons = [...svg.querySelectorAll('g.hexbin.observed path')];
    expect(hexagons.length).toBeGreaterThan(50);
    // every study is in exactly one hexagon: the counts in the hexagons' titles add up to k
    const counted = hexagons.map((h) => Number(h.querySelector('title')?.textContent?.match(/^([\d,]+) stud/)?.[1].replace(/,/g, '')));
    expect(counted.reduce((a, b) => a + b, 0)).toBe(k);
    // hexagons are coloured by count: more than one colour
    expect(new Set(hexagons.map((h) => h.getAttribute('fill'))).size).toBeGreaterThan(3);
    expect(svg.querySelectorAll('g.hexbin.imputed path').length).toBeGreaterThan(0);
    // the count legend: its title, swatches from 1 to the largest count
    expect(svg.querySelector('text.count-legend-title')?.textContent).toBe('each hexagon: number of studies');
    const swatchLabels = [...svg.querySelectorAll('g.count-legend text')].map((t) => Number(t.textContent?.replace(/,/g, '')));
    expect(swatchLabels[0]).toBe(Math.min(...counted));
    expect(swatchLabels[swatchLabels.length - 1]).toBe(Math.max(...counted));
    expect(svg.querySelectorAll('g.count-legend polygon')).toHaveLength(swatchLabels.length);
    // the funnel, the pooled and adjusted lines stay
    expect(svg.querySelectorAll('g.funnel-edge path')).toHaveLength(2);
    expect(svg.querySelector('g.estimate line')).not.toBeNull();
    expect(svg.querySelector('g.adjusted line')).not.toBeNull();
    // the highlighted study stays a dot, with its label
    expect(svg.querySelector('g.highlighted circle title')?.textContent).toMatch(/^S42: /);
    expect(svg.querySelector('g.highlighted-label text')?.textContent).toBe('S42');
    expect(svg.querySelector('desc')?.textContent).toContain('10,000 studies are drawn as hexagons');
    expectSnapshot('funnelPlot-hexbin', svg);
  });

  test(`draws dots up to ${FUNNEL_HEXBIN_ABOVE} studies and hexagons from one more`, () => {
    const at = funnelPlot({ studies: syntheticStudies(FUNNEL_HEXBIN_ABOVE, 3), estimate: 0.3, xLabel: 'Logit' }, { document: testDocument() });
    expect(at.querySelectorAll('g.observed circle')).toHaveLength(FUNNEL_HEXBIN_ABOVE);
    expect(at.querySelector('g.hexbin')).toBeNull();
    const above = funnelPlot({ studies: syntheticStudies(FUNNEL_HEXBIN_ABOVE + 1, 3), estimate: 0.3, xLabel: 'Logit' }, { document: testDocument() });
    expect(above.querySelectorAll('circle')).toHaveLength(0);
    expect(above.querySelector('g.hexbin.observed')).not.toBeNull();
  });
});

/**
 * k synthetic studies from a fixed linear congruential sequence (the same one as test/e2e/syntheticCsv.ts): SE uniform
 * on [0.05, 0.5], effect 0.3 + SE · a standard normal draw (Box–Muller); study number `highlight`, if given, is
 * highlighted.
 */
function syntheticStudies(k: number, seed: number, highlight = 0): FunnelStudy[] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state + 0.5) / 2147483648;
  };
  return Array.from({ length: k }, (_, i) => {
    const se = 0.05 + 0.45 * next();
    const normal = Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
    return { label: `S${i + 1}`, yi: 0.3 + se * normal, se, highlighted: i + 1 === highlight };
  });
}
