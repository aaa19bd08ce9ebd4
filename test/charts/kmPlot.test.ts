import { describe, expect, test } from 'vitest';
import { kmPlot, type KmSpec } from '../../src/charts/kmPlot.ts';
import { expectSnapshot, testDocument } from './snapshot.ts';

// Chart inputs are display values given by hand (shaped like KmResult, landmarkCurve and pooledSurvival output):
// the chart places marks and computes nothing.
const spec: KmSpec = {
  riskTimes: [0, 12, 24, 36, 48, 60],
  maxTime: 60,
  caption: 'Reconstructed curves: Guyot 2012; model-based curve: piecewise exponential through published landmarks',
  curves: [
    {
      id: 'mayo', label: 'Mayo 2010', kind: 'reconstructed',
      times: [0, 5, 11, 18, 26, 33, 41, 50, 57],
      surv: [1, 0.95, 0.9, 0.84, 0.79, 0.72, 0.68, 0.63, 0.6],
      lower: [1, 0.9, 0.84, 0.77, 0.71, 0.64, 0.59, 0.53, 0.5],
      upper: [1, 0.98, 0.95, 0.9, 0.86, 0.8, 0.77, 0.72, 0.7],
      median: null,
      censor: [{ time: 22, surv: 0.84 }, { time: 45, surv: 0.68 }],
      atRisk: [120, 104, 90, 71, 55, 38],
    },
    {
      id: 'sarm', label: 'Sarmiento 2003', kind: 'reconstructed',
      times: [0, 4, 9, 15, 20, 28, 34, 40, 47, 55],
      surv: [1, 0.9, 0.8, 0.7, 0.61, 0.52, 0.46, 0.41, 0.37, 0.33],
      median: 34,
      atRisk: [80, 66, 50, 38, 27, 18],
    },
    {
      id: 'model', label: 'Chamberlain 2000', kind: 'model-based',
      times: [0, 6, 12, 18, 24, 30, 36, 42, 48, 54, 60],
      surv: [1, 0.91, 0.83, 0.76, 0.69, 0.63, 0.57, 0.52, 0.47, 0.43, 0.39],
      median: 44.6,
    },
    {
      id: 'pooled', label: 'Pooled resection', kind: 'pooled',
      times: [0, 12, 24, 36, 48, 60],
      surv: [1, 0.86, 0.73, 0.62, 0.53, 0.46],
      lower: [null, 0.8, 0.65, 0.53, 0.43, 0.36],
      upper: [null, 0.9, 0.8, 0.7, 0.62, 0.56],
      median: 54.1,
    },
  ],
};

describe('kmPlot(spec, options)', () => {
  test('draws one curve per spec curve, bands, medians, a risk table and matches its golden SVG', () => {
    const svg = kmPlot(spec, { document: testDocument(), width: 760, title: 'Overall survival after resection' });
    expect(svg.querySelectorAll('g.curve')).toHaveLength(4);
    expect(svg.querySelectorAll('path.band')).toHaveLength(2);
    expect(svg.querySelectorAll('path.median')).toHaveLength(3);
    expect(svg.querySelectorAll('line.censor')).toHaveLength(2);
    expect(svg.querySelectorAll('g.risk-row')).toHaveLength(2);
    expect(svg.querySelector('title')?.textContent).toBe('Overall survival after resection');
    expect(svg.querySelector('desc')?.textContent).toContain('Sarmiento 2003 (reconstructed): median 34.0 months');
    expectSnapshot('kmPlot', svg);
  });

  test('draws model-based curves dashed and says "model-based" in the legend and at the line end', () => {
    const svg = kmPlot(spec, { document: testDocument() });
    const model = svg.querySelector('g.curve[data-id="model"] path.line');
    expect(model?.getAttribute('stroke-dasharray')).toBe('7 4');
    expect(svg.querySelector('g.curve[data-id="mayo"] path.line')?.getAttribute('stroke-dasharray')).toBeNull();
    expect(svg.querySelector('g.end-labels text[data-id="model"]')?.textContent).toBe('Chamberlain 2000 (model-based)');
    expect(svg.querySelector('g.legend')?.textContent).toContain('Chamberlain 2000 — model-based');
  });

  test('writes the numbers at risk under the axis ticks, an en dash where unknown', () => {
    const withGap: KmSpec = { ...spec, curves: [{ ...spec.curves[0], atRisk: [120, 104, null, 71, 55, 38] }] };
    const svg = kmPlot(withGap, { document: testDocument() });
    const cells = [...svg.querySelectorAll('g.risk-row text')].map((t) => t.firstChild?.textContent);
    expect(cells).toEqual(['Mayo 2010', '120', '104', '–', '71', '55', '38']);
    const ticks = [...svg.querySelectorAll('g.axis text')].map((t) => t.textContent);
    expect(ticks).toEqual(expect.arrayContaining(['0', '12', '24', '36', '48', '60', '0 %', '50 %', '100 %']));
  });

  test('draws the median drop line from S = 50 % to the time axis at the median', () => {
    const svg = kmPlot(spec, { document: testDocument(), width: 760 });
    // plot spans x 180..560 for 0..60 months (width 760 − margins 180 + 200): 34 months → 180 + 380 × 34/60 = 395.33
    const d = svg.querySelector('g.curve[data-id="sarm"] path.median')?.getAttribute('d');
    expect(d).toBe('M180,166H395.33V316');
    expect(svg.querySelector('g.curve[data-id="sarm"] text.median-label')?.textContent).toBe('median 34.0');
  });

  test('renders labels as text, never as markup', () => {
    const hostile: KmSpec = { curves: [{ ...spec.curves[1], label: '<script>alert(1)</script>' }] };
    const svg = kmPlot(hostile, { document: testDocument() });
    expect(svg.querySelector('script')).toBeNull();
    expect(svg.textContent).toContain('<script>alert(1)</script>');
  });
});

describe('kmPlot(spec, options) for a reconstruction check', () => {
  test('draws digitised points as hollow circles beside the reconstructed curve; golden SVG', () => {
    // digitised points and a reconstruction given by hand (shaped like readCurve() and guyot() → kaplanMeier())
    const check: KmSpec = {
      riskTimes: [0, 12, 24, 36],
      maxTime: 36,
      curves: [
        {
          id: 'digitised', label: 'Mayo 2010 published', kind: 'digitised', atRisk: [120, 104, 90, 71],
          times: [0, 4.8, 11.2, 17.9, 26.1, 33.2], surv: [1, 0.952, 0.897, 0.842, 0.788, 0.721],
        },
        {
          id: 'reconstructed', label: 'Mayo 2010 reconstructed', kind: 'reconstructed',
          times: [0, 5, 11, 18, 26, 33, 36], surv: [1, 0.95, 0.9, 0.84, 0.79, 0.72, 0.72], atRisk: [120, 105, 90, 70],
        },
      ],
    };
    const svg = kmPlot(check, { document: testDocument(), title: 'Reconstruction check: Mayo 2010' });
    expect(svg.querySelectorAll('g.curve.digitised circle.point')).toHaveLength(6);
    expect(svg.querySelector('g.curve.digitised path.line')).toBeNull();
    expect(svg.querySelector('g.end-labels text[data-id="digitised"]')?.textContent).toBe('Mayo 2010 published (digitised)');
    const cells = [...svg.querySelectorAll('g.risk-row')].map((r) => [...r.querySelectorAll(':scope > text')].map((t) => t.firstChild?.textContent));
    expect(cells).toEqual([
      ['Mayo 2010 published', '120', '104', '90', '71'],
      ['Mayo 2010 reconstr…', '120', '105', '90', '70'],
    ]);
    expect(svg.querySelectorAll('g.risk-row text title')[1].textContent).toBe('Mayo 2010 reconstructed');
    expectSnapshot('kmPlot-reconstruction', svg);
  });
});
