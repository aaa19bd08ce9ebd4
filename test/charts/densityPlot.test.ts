import { describe, expect, test } from 'vitest';
import { densityPlot, type DensitySpec } from '../../src/charts/densityPlot.ts';
import { expectSnapshot, testDocument } from './snapshot.ts';

// A τ posterior given by hand, shaped like bayes().tauDensity and bayes().tau (a Rayleigh-like curve tabulated at
// 0.05 steps, values rounded to 3 decimals): the chart computes nothing.
const spec: DensitySpec = {
  parameter: 'τ',
  xLabel: 'τ (between-study SD, logit scale)',
  x: [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1],
  density: [0, 0.548, 1.051, 1.471, 1.779, 1.963, 2.022, 1.969, 1.827, 1.623, 1.385, 1.138, 0.902, 0.691, 0.511, 0.366,
    0.254, 0.171, 0.111, 0.07, 0.043],
  prior: [1.596, 1.592, 1.58, 1.561, 1.535, 1.502, 1.463, 1.418, 1.369, 1.315, 1.258, 1.199, 1.137, 1.073, 1.009, 0.944,
    0.88, 0.816, 0.754, 0.693, 0.635],
  median: 0.35,
  ci: [0.1, 0.75],
  caption: 'Half-normal prior on τ with scale 0.5',
};

describe('densityPlot(spec, options)', () => {
  test('draws the posterior line, the prior dotted, the median and interval marks, and matches its golden SVG', () => {
    const svg = densityPlot(spec, { document: testDocument(), width: 560 });
    expect(svg.querySelector('g.posterior path')).not.toBeNull();
    expect(svg.querySelector('g.prior')?.getAttribute('stroke-dasharray')).toBe('2 3');
    expect(svg.querySelector('g.prior path')).not.toBeNull();
    expect(svg.querySelector('g.median-label text')?.textContent).toBe('median 0.35');
    expect([...svg.querySelectorAll('g.ci-bound-label text')].map((t) => t.textContent)).toEqual(['0.10', '0.75']);
    expect([...svg.querySelectorAll('g.ci-bound')].map((g) => g.getAttribute('stroke-dasharray'))).toEqual(['4 3', '4 3']);
    expect(svg.querySelector('g.legend')?.textContent).toBe('posteriorpriorshaded: 95% credible interval; solid line: median');
    // axis titles, drawn by Plot; no <figure> wrapper
    expect(svg.textContent).toContain('τ (between-study SD, logit scale)');
    expect(svg.textContent).toContain('Density');
    expect(svg.localName).toBe('svg');
    expect(svg.querySelector('title')?.textContent).toBe('Posterior density of τ');
    expect(svg.querySelector('desc')?.textContent).toBe('Posterior density of τ: median 0.35, 95% credible interval 0.10 to 0.75.');
    expectSnapshot('densityPlot', svg);
  });

  test('shades the area under the curve between the interval bounds only', () => {
    const svg = densityPlot(spec, { document: testDocument(), width: 560 });
    // x axis 56..540 for τ 0..1: bounds 0.1 → 104.4 and 0.75 → 419; the baseline (density 0) is at y = 40 + 220
    const d = svg.querySelector('g.interval-area path')?.getAttribute('d') ?? '';
    const points = (d.match(/-?[\d.]+,-?[\d.]+/g) ?? []).map((p) => p.split(',').map(Number));
    expect(Math.min(...points.map((p) => p[0]))).toBe(104.4);
    expect(Math.max(...points.map((p) => p[0]))).toBe(419);
    expect(Math.max(...points.map((p) => p[1]))).toBe(260);
    expect(points).toContainEqual([104.4, 260]);
    expect(points).toContainEqual([419, 260]);
    expect(svg.querySelector('g.median line')?.getAttribute('x1')).toBe('225.4');
  });
});

describe('densityPlot without a prior', () => {
  test('draws no prior line and leaves it out of the legend', () => {
    const svg = densityPlot({ ...spec, prior: undefined }, { document: testDocument(), width: 560 });
    expect(svg.querySelector('g.prior')).toBeNull();
    expect(svg.querySelector('g.legend')?.textContent).toBe('posteriorshaded: 95% credible interval; solid line: median');
  });
});
