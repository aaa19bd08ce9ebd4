import { describe, expect, test } from 'vitest';
import { densityPlot } from '../../src/charts/densityPlot.ts';
import { funnelPlot } from '../../src/charts/funnelPlot.ts';
import { influencePlot } from '../../src/charts/influencePlot.ts';
import { kmPlot } from '../../src/charts/kmPlot.ts';
import { sensitivityChart } from '../../src/charts/sensitivityChart.ts';
import { testDocument } from './snapshot.ts';

/** Every attribute value of every element: a chart must never write NaN or Infinity into the SVG. */
function attributeValues(svg: Element): string[] {
  return [svg, ...svg.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => `${el.localName}.${a.name}=${a.value}`));
}

const doc = testDocument();
const empties: readonly [string, () => SVGSVGElement][] = [
  ['kmPlot with no curves', () => kmPlot({ curves: [] }, { document: doc })],
  ['kmPlot with an empty curve and null limits', () => kmPlot({
    curves: [{ id: 'a', label: 'A', kind: 'observed', times: [], surv: [], lower: [], upper: [], median: null }],
  }, { document: doc })],
  ['funnelPlot with no studies', () => funnelPlot({ studies: [], estimate: 0, xLabel: 'x', warning: 'k = 0' }, { document: doc })],
  ['influencePlot with no rows', () => influencePlot({
    kind: 'leave-one-out', rows: [], reference: { estimate: 0.5, ci: [0.4, 0.6] }, xLabel: 'x', percent: true,
  }, { document: doc })],
  ['sensitivityChart with no rows', () => sensitivityChart({ rows: [], threshold: 0.05 }, { document: doc })],
  ['densityPlot with an empty grid', () => densityPlot({
    x: [], density: [], median: 0, ci: [0, 0], parameter: 'τ', xLabel: 'τ',
  }, { document: doc })],
];

describe('charts on empty or degenerate specs', () => {
  test.each(empties)('%s draws a titled, described svg with no NaN or Infinity in it', (_name, draw) => {
    const svg = draw();
    expect(svg.localName).toBe('svg');
    expect(svg.querySelector(':scope > title')?.textContent).not.toBe('');
    expect(svg.querySelector(':scope > desc')?.textContent).not.toBe('');
    expect(attributeValues(svg).filter((v) => /NaN|Infinity|\.d=M$/.test(v))).toEqual([]);
  });

  test('kmPlot(spec) hides censor ticks when showCensor is false', () => {
    const curve = { id: 'a', label: 'A', kind: 'observed' as const, times: [0, 5], surv: [1, 0.8], censor: [{ time: 3, surv: 1 }] };
    expect(kmPlot({ curves: [curve] }, { document: doc }).querySelectorAll('g.censor line')).toHaveLength(1);
    expect(kmPlot({ curves: [curve], showCensor: false }, { document: doc }).querySelectorAll('g.censor line')).toHaveLength(0);
  });
});
