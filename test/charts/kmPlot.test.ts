import { describe, expect, test } from 'vitest';
import {
  curveStyle, fitText, kmPlot, MODEL_DASHES, OKABE_ITO, spreadLabels, textWidth, type KmCurve, type KmSpec,
} from '../../src/charts/kmPlot.ts';
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
    expect(svg.querySelectorAll('g.band path')).toHaveLength(2);
    expect(svg.querySelectorAll('g.median path')).toHaveLength(3);
    expect(svg.querySelectorAll('g.censor line')).toHaveLength(2);
    expect(svg.querySelectorAll('g.risk-row')).toHaveLength(2);
    expect(svg.querySelector('title')?.textContent).toBe('Overall survival after resection');
    expect(svg.querySelector('desc')?.textContent).toContain('Sarmiento 2003 (reconstructed): median 34.0 months');
    expectSnapshot('kmPlot', svg);
  });

  test('draws model-based curves as dashed smooth lines and says "model-based" in the legend and at the line end', () => {
    const svg = kmPlot(spec, { document: testDocument() });
    // Plot sets a line's stroke on the <g> of its mark
    const model = svg.querySelector('g.curve[data-id="model"] g.line');
    expect(model?.getAttribute('stroke-dasharray')).toBe('7 4');
    expect(model?.querySelector('path')).not.toBeNull();
    expect(svg.querySelector('g.curve[data-id="mayo"] g.line')?.getAttribute('stroke-dasharray')).toBeNull();
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
    // plot spans x 180..560 for 0..60 months (width 760 − margins 180 + 200): 34 months → 180 + 380 × 34/60 = 395.333;
    // S = 50 % at y 16 + 300 / 2 = 166; the time axis at y 16 + 300 = 316
    const d = svg.querySelector('g.curve[data-id="sarm"] g.median path')?.getAttribute('d');
    expect(d).toBe('M180,166L395.333,166L395.333,316');
    const label = svg.querySelector('g.curve[data-id="sarm"] g.median-label text');
    expect(label?.firstChild?.textContent).toBe('34.0');
    expect(label?.querySelector('title')?.textContent).toBe('Sarmiento 2003: median 34.0 months');
    expect(svg.querySelector('g.legend-note')?.textContent).toBe('Dotted drop lines: medians, labelled in months on the time axis');
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
    expect(svg.querySelectorAll('g.curve.digitised g.point circle')).toHaveLength(6);
    expect(svg.querySelector('g.curve.digitised g.point')?.getAttribute('fill')).toBe('none');
    expect(svg.querySelector('g.curve.digitised g.line')).toBeNull();
    expect(svg.querySelector('g.end-labels text[data-id="digitised"]')?.textContent).toBe('Mayo 2010 published (digitised)');
    const cells = [...svg.querySelectorAll('g.risk-row')].map((r) => [...r.querySelectorAll(':scope > text')].map((t) => t.firstChild?.textContent));
    expect(cells).toEqual([
      ['Mayo 2010 published', '120', '104', '90', '71'],
      ['Mayo 2010 reconstr…', '120', '105', '90', '70'],
    ]);
    expect([...svg.querySelectorAll('g.risk-row')].map((r) => r.getAttribute('data-kind'))).toEqual(['published', 'reconstructed']);
    expect(svg.querySelectorAll('g.risk-row text title')[1].textContent).toBe('Mayo 2010 reconstructed — reconstructed');
    expectSnapshot('kmPlot-reconstruction', svg);
  });
});

// Eleven model-based cohorts and a pooled curve, as the survival view shows resection (issue 14): close medians,
// curves stopping at their last landmark (60 months) or extrapolated past it, long labels, expected numbers at risk.
const grid = Array.from({ length: 121 }, (_, i) => i);
const NAMES = ['Ahmed 2009', 'Mayo 2010', 'Chamberlain 2000', 'House 2006 (hepatic resection with curative intent, all patients)',
  'Sarmiento 2003', 'Glazer 2010', 'Frilling 2009', 'Saxena 2011', 'Landry 2008', 'Elias 2003', 'Touzios 2005'];
const MEDIANS = [81.4, 81.5, 84.0, 84.1, 44, 70, 95, 101, 50, 58, 66];
const many: KmSpec = {
  riskTimes: [0, 12, 24, 36, 48, 60, 72, 84, 96, 108, 120],
  maxTime: 120,
  caption: 'Model-based curves: piecewise exponential through each cohort\'s published landmarks (median, x-year survival); '
    + 'not patient data. Expected numbers at risk assume no censoring and are not published counts.',
  curves: [
    ...NAMES.map((label, i): KmCurve => {
      // hand-made survival exp(−r t), r from 0.006 upwards (display values only)
      const times = i === 1 ? grid : grid.filter((t) => t <= (i % 3 === 0 ? 60 : 120));
      return {
        id: `m${i}`, label, kind: 'model-based', times, surv: times.map((t) => Math.exp(-(0.006 + i * 0.0004) * t)),
        median: MEDIANS[i], ...(i === 1 ? { extrapolatedFrom: 60 } : {}),
        ...(i === 2 ? { atRisk: [339, 300, 270, 240, 220, 200, 180, 160, 150, 140, 130] } : {}),
      };
    }),
    {
      id: 'pooled', label: 'Pooled resection', kind: 'pooled', times: [0, 12, 24, 36, 48, 60], surv: [1, 0.93, 0.86, 0.8, 0.75, 0.7],
      lower: [null, 0.9, 0.82, 0.75, 0.69, 0.64], upper: [null, 0.95, 0.9, 0.85, 0.81, 0.76], median: null,
      atRisk: [500, 460, 420, 380, 350, 320, null, null, null, null, null], atRiskKind: 'published',
    },
  ],
};

/**
 * A text's anchor point in the SVG's units: its x and y, or (as Plot places text) the translate() of its transform
 * plus those of its <g>s, and a y given in em (Plot's line anchors: 0.71em for top, 0.32em for middle).
 */
function positionOf(t: Element): { x: number; y: number; rotated: boolean } {
  const size = Number(t.closest('[font-size]')?.getAttribute('font-size') ?? 12);
  let x = Number(t.getAttribute('x') ?? 0);
  const yAttr = t.getAttribute('y') ?? '0';
  let y = yAttr.endsWith('em') ? parseFloat(yAttr) * size : Number(yAttr);
  let rotated = false;
  for (let el: Element | null = t; el && el.localName !== 'svg'; el = el.parentElement) {
    const transform = el.getAttribute('transform') ?? '';
    const m = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(transform);
    if (m) {
      x += Number(m[1]);
      y += Number(m[2]);
    }
    rotated ||= transform.includes('rotate');
  }
  return { x, y, rotated };
}

/** Every text's box by the chart's own width estimate: start/middle/end anchored at x, baseline y (ascent 0.8 em). */
function textBoxes(svg: SVGSVGElement) {
  const [, , w, h] = (svg.getAttribute('viewBox') ?? '').split(' ').map(Number);
  return {
    w, h,
    boxes: [...svg.querySelectorAll('text')].map((t) => {
      const size = Number(t.closest('[font-size]')?.getAttribute('font-size') ?? 12);
      const content = t.firstChild?.textContent ?? '';
      const width = textWidth(content, size);
      const { x, y, rotated } = positionOf(t);
      const anchor = t.closest('[text-anchor]')?.getAttribute('text-anchor') ?? 'start';
      const x0 = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
      return { t, content, rotated, x0, x1: x0 + width, y0: y - 0.8 * size, y1: y + 0.25 * size };
    }).filter((b) => !b.rotated),
  };
}

describe('kmPlot with up to 12 curves (issue 14: a survival view people can read)', () => {
  test('curveStyle: 12 model-based curves never share colour and dash; two that share a colour differ in dash', () => {
    const styles = Array.from({ length: 12 }, (_, j) => curveStyle('model-based', j));
    expect(new Set(styles.map((s) => `${s.colour} ${s.dash}`)).size).toBe(12);
    for (let a = 0; a < 12; a++) {
      for (let b = a + 1; b < 12; b++) {
        if (styles[a].colour === styles[b].colour) expect(styles[a].dash).not.toBe(styles[b].dash);
      }
    }
    const colours = new Set<string>(OKABE_ITO);
    const dashes = new Set<string | null>(MODEL_DASHES);
    expect(styles.every((s) => colours.has(s.colour) && dashes.has(s.dash))).toBe(true);
    // Ahmed 2009 (1st) and Touzios 2005 (7th) share Okabe–Ito blue: dash vs dash-dot
    expect([styles[0].colour, styles[0].dash, styles[6].colour, styles[6].dash])
      .toEqual(['#0072B2', '7 4', '#0072B2', '7 3 2 3']);
    // KM kinds are solid for the first six; the pooled curve is thick in the text colour
    expect(curveStyle('reconstructed', 0).dash).toBeNull();
    expect(curveStyle('pooled', 0)).toEqual({ colour: 'currentColor', dash: null, width: 3 });
  });

  test.each([560, 760, 1100])('width %i: every text lies inside the SVG, and no two end labels or median labels overlap', (width) => {
    const svg = kmPlot(many, { document: testDocument(), width });
    const { w, h, boxes } = textBoxes(svg);
    expect(w).toBe(width);
    for (const b of boxes) {
      expect(b.x0, b.content).toBeGreaterThanOrEqual(0);
      expect(b.x1, b.content).toBeLessThanOrEqual(w);
      expect(b.y0, b.content).toBeGreaterThanOrEqual(0);
      expect(b.y1, b.content).toBeLessThanOrEqual(h);
    }
    for (const sel of ['g.end-labels text', 'text.median-label']) {
      const bs = boxes.filter((b) => b.t.matches(sel));
      for (let i = 0; i < bs.length; i++) {
        for (let j = i + 1; j < bs.length; j++) {
          const apart = bs[i].x1 <= bs[j].x0 || bs[j].x1 <= bs[i].x0 || bs[i].y1 <= bs[j].y0 || bs[j].y1 <= bs[i].y0;
          expect(apart, `${bs[i].content} / ${bs[j].content}`).toBe(true);
        }
      }
    }
    // the boxes measured include Plot's texts (tick labels, end labels), placed by transform
    expect(boxes.filter((b) => b.t.matches('g.end-labels text'))).toHaveLength(12);
    expect(boxes.filter((b) => b.t.matches('g.axis text')).map((b) => b.content)).toContain('120');
  });

  test('medians 81.4, 81.5, 84.0, 84.1 are stacked in rows; a median after a curve\'s data is "not reached within follow-up"', () => {
    const svg = kmPlot(many, { document: testDocument() });
    // Ahmed (81.4) and House (84.1) stop at 60 months, Mayo (81.5) is extrapolated after 60: no median drawn for them
    for (const id of ['m0', 'm1', 'm3']) expect(svg.querySelector(`g.curve[data-id="${id}"] g.median`), id).toBeNull();
    const desc = svg.querySelector('desc')?.textContent ?? '';
    expect(desc).toContain('Ahmed 2009 (model-based): median not reached within follow-up');
    expect(desc).toContain('Mayo 2010 (model-based, extrapolated after 60 months): median not reached within follow-up');
    expect(desc).toContain('Chamberlain 2000 (model-based): median 84.0 months');
    const labels = ['m2', 'm7'].map((id) => svg.querySelector(`g.curve[data-id="${id}"] g.median-label text`)?.firstChild?.textContent);
    expect(labels).toEqual(['84.0', '101.0']);
  });

  test('a curve extrapolated past its last landmark is drawn faded from there and labelled "extrapolated"', () => {
    const svg = kmPlot(many, { document: testDocument(), width: 760 });
    const ext = svg.querySelector('g.curve[data-id="m1"] g.line.extrapolated');
    // 60 months at x = 180 + 380 · 60/120 = 370
    expect(ext?.querySelector('path')?.getAttribute('d')?.startsWith('M370,')).toBe(true);
    expect(ext?.getAttribute('stroke-opacity')).toBe('0.35');
    expect(ext?.querySelector('path title')?.textContent).toBe('Mayo 2010: extrapolated beyond 60 months (no published data there)');
    expect(svg.querySelector('g.curve[data-id="m1"] g.line:not(.extrapolated)')?.getAttribute('stroke-opacity')).toBeNull();
    expect(svg.querySelector('g.end-labels text[data-id="m1"]')?.textContent).toBe('Mayo 2010 (extrapolated model)');
    expect(svg.querySelector('g.legend')?.textContent).toContain('Mayo 2010 — model-based from published landmarks, not patient data; faded after 60 months: extrapolated');
    // a curve that stops at its landmark is labelled where it stops, inside the plot
    const ahmed = svg.querySelector('g.end-labels text[data-id="m0"]');
    expect(ahmed && positionOf(ahmed).x).toBe(376);
  });

  test('numbers at risk carry their kind: expected rows are italic, faded and named; published and reconstructed are not', () => {
    const svg = kmPlot(many, { document: testDocument() });
    const rows = [...svg.querySelectorAll('g.risk-row')];
    expect(rows.map((r) => [r.getAttribute('data-id'), r.getAttribute('data-kind'), r.getAttribute('font-style')]))
      .toEqual([['m2', 'expected', 'italic'], ['pooled', 'published', null]]);
    expect(rows[0].getAttribute('fill-opacity')).toBe('0.7');
    expect(rows[0].querySelector('text title')?.textContent).toBe('Chamberlain 2000 (expected) — expected n·S(t), no censoring');
    expect(svg.querySelector('g.risk-table > text')?.textContent).toMatch(/^Number at risk \(italic: expected n·S\(t\)/);
    expect(kmPlot(spec, { document: testDocument() }).querySelector('g.risk-table > text')?.textContent).toBe('Number at risk');
  });

  test('a narrow layout (presentation) labels every other time tick, so tick labels never touch', () => {
    // width 560: the plot is 560 − 180 − 200 = 180 px for 120 months, ticks 12 months = 18 px apart; "120" is
    // 3 × 0.64 × 12 = 23.04 px wide (+ 6 px): every ⌈29.04 / 18⌉ = 2nd tick is labelled
    const svg = kmPlot(many, { document: testDocument(), width: 560 });
    const labels = [...svg.querySelectorAll('g.x-axis text')].map((t) => t.textContent);
    expect(labels).toEqual(['0', '24', '48', '72', '96', '120']);
    const wide = kmPlot(many, { document: testDocument(), width: 1100 });
    expect([...wide.querySelectorAll('g.x-axis text')]).toHaveLength(11);
  });

  test('a long caption is wrapped onto lines inside the width; golden SVG', () => {
    const svg = kmPlot(many, { document: testDocument(), width: 760, title: 'Overall survival after resection: 11 cohorts' });
    expect(svg.querySelectorAll('text.caption').length).toBeGreaterThan(1);
    expectSnapshot('kmPlot-many', svg);
  });
});

describe('label layout helpers', () => {
  test('spreadLabels pushes labels apart in order, then back up from the bottom (by hand)', () => {
    expect(spreadLabels([10, 12, 40], 13, 0, 100)).toEqual([10, 23, 40]);
    expect(spreadLabels([95, 99, 50], 13, 0, 100)).toEqual([87, 100, 50]);
    // three labels in 20 px: the gap shrinks to 10 and they fill [0, 20]
    expect(spreadLabels([5, 5, 5], 13, 0, 20)).toEqual([0, 10, 20]);
  });

  test('fitText cuts with an ellipsis to the width, and keeps what fits', () => {
    expect(fitText('Mayo 2010', 200, 11)).toBe('Mayo 2010');
    const cut = fitText('House 2006 (hepatic resection with curative intent)', 100, 11);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 11)).toBeLessThanOrEqual(100);
  });
});
