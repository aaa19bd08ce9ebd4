/**
 * The presentation layouts of the table-like charts: laid out narrow (compact) they keep every row's numbers, and a
 * page option draws a slice of the rows with the header and axis, the scale of the whole chart, and data-page(s).
 */
import { describe, expect, test } from 'vitest';
import { evidenceMap, type MapSpec } from '../../src/charts/evidenceMap.ts';
import { forestPlot, type ForestSpec } from '../../src/charts/forestPlot.ts';
import { hazardRatioForest, type HrForestSpec } from '../../src/charts/hazardRatioForest.ts';
import { testDocument } from './snapshot.ts';

// Display values given by hand: the charts place marks and compute nothing.
const studies = Array.from({ length: 12 }, (_, i) => ({
  id: `s${i}`, label: `Study number ${i} with a long name`, cells: ['100', '2010', 'retro'],
  estimate: 0.5 + i / 100, ci: [0.4, 0.7] as const, weight: 100 / 12, excluded: false,
}));
const forest: ForestSpec = {
  columns: ['n', 'year', 'design'], xLabel: '5-year OS (%)', percent: true,
  groups: [{ label: 'Resection', studies, summary: null }],
  overall: { label: 'Overall', estimate: 0.55, ci: [0.5, 0.6], pi: [0.3, 0.8] },
};
const viewBox = (svg: SVGSVGElement) => svg.getAttribute('viewBox')!.split(' ').map(Number);
const tickX = (svg: SVGSVGElement, label: string) => [...svg.querySelectorAll('g.axis g.tick')]
  .find((g) => g.querySelector('text')?.textContent === label)?.getAttribute('transform');

describe('forestPlot compact and paged', () => {
  test('narrower than the full layout: no extra columns, the estimate and weight kept, labels wrapped', () => {
    const svg = forestPlot(forest, { document: testDocument(), width: 600 });
    expect(viewBox(svg)[2]).toBe(600);
    expect([...svg.querySelectorAll('g.forest-head text')].map((t) => t.textContent)).not.toContain('year');
    expect(svg.querySelector('g.study[data-id="s0"] text.est')?.textContent).toBe('50.0 [40.0, 70.0]');
    expect(svg.querySelectorAll('g.study[data-id="s0"] tspan').length).toBeGreaterThan(1);
  });
  test('pages: every study on exactly one page, the axis the same on each', () => {
    const doc = testDocument();
    const first = forestPlot(forest, { document: doc, width: 600, page: { index: 0, height: 300 } });
    const pages = Number(first.getAttribute('data-pages'));
    expect(pages).toBeGreaterThan(1);
    const pageOf = (index: number) => forestPlot(forest, { document: doc, width: 600, page: { index, height: 300 } });
    const seen = Array.from({ length: pages }, (_, i) => pageOf(i));
    const ids = seen.flatMap((svg) => [...svg.querySelectorAll('g.study')].map((g) => g.getAttribute('data-id')));
    expect(ids).toEqual(studies.map((s) => s.id));
    for (const svg of seen) {
      expect(viewBox(svg)[3]).toBeLessThanOrEqual(300);
      expect(tickX(svg, '50')).toBe(tickX(first, '50'));
    }
    expect(seen[pages - 1].querySelector('g.summary.overall')).not.toBeNull();
    expect(first.querySelector('g.summary.overall')).toBeNull();
  });
});

const map: MapSpec = {
  series: [{ key: 'os_5y', label: '5-year OS', shape: 'circle' }],
  medianSeries: [{ key: 'median_os', label: 'Median OS', shape: 'circle' }],
  rows: Array.from({ length: 10 }, (_, i) => ({
    id: `m${i}`, label: `Modality ${i}`,
    marks: { os_5y: { estimate: 0.6, ci: [0.5, 0.7] as const, pi: null, k: 3, n: 300 } },
    medians: { median_os: { estimate: 40 + i, ci: null, k: 2, n: 120 } },
    lines: [{ kind: 'review' as const, text: `review statement: 5-year OS ${50 + i} %` }, { kind: 'trial' as const, text: 'a trial' }],
  })),
};

describe('evidenceMap compact and paged', () => {
  test('compact: short k, N and the first text line under the marks, with the count of the rest', () => {
    const svg = evidenceMap(map, { document: testDocument(), width: 600 });
    const row = svg.querySelector('g.map-row[data-id="m0"]')!;
    expect([...row.querySelectorAll('text.kn')].map((t) => t.textContent)).toEqual(['k=3, N=300', '40 mo; k=2, N=120']);
    expect(row.querySelector('text.line')?.firstChild?.textContent).toBe('review statement: 5-year OS 50 % (+1 more)');
  });
  test('pages: every modality once, legend and axes on each page, the median axis of the whole map', () => {
    const doc = testDocument();
    const pageOf = (index: number) => evidenceMap(map, { document: doc, width: 600, page: { index, height: 260 } });
    const pages = Number(pageOf(0).getAttribute('data-pages'));
    expect(pages).toBeGreaterThan(1);
    const all = Array.from({ length: pages }, (_, i) => pageOf(i));
    expect(all.flatMap((s) => [...s.querySelectorAll('g.map-row')].map((g) => g.getAttribute('data-id')))).toEqual(map.rows.map((r) => r.id));
    for (const svg of all) {
      expect(svg.querySelector('g.legend')).not.toBeNull();
      expect(tickX(svg, '40')).toBe(tickX(all[0], '40'));
    }
  });
});

describe('hazardRatioForest compact and paged', () => {
  const hr: HrForestSpec = {
    groups: [{ id: 'ttp', label: 'Time to progression', rows: Array.from({ length: 8 }, (_, i) => ({
      id: `r${i}`, label: `Trial ${i}: a long comparison of two arms`, kind: 'implied' as const, estimate: 0.5, ci: null,
    })) }],
  };
  test('compact: "model-based" for an implied HR; a page that starts inside a group repeats its header', () => {
    const doc = testDocument();
    const svg = hazardRatioForest(hr, { document: doc, width: 600 });
    expect(svg.querySelector('g.hr-row text.est')?.textContent).toBe('0.50 (model-based)');
    const second = hazardRatioForest(hr, { document: doc, width: 600, page: { index: 1, height: 260 } });
    expect(Number(second.getAttribute('data-pages'))).toBeGreaterThan(1);
    expect(second.querySelector('g.hr-group text')?.textContent).toBe('Time to progression (continued)');
  });
});
