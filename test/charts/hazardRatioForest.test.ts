import { describe, expect, test } from 'vitest';
import { hazardRatioForest, hrText, type HrForestSpec } from '../../src/charts/hazardRatioForest.ts';
import { expectSnapshot, testDocument } from './snapshot.ts';

// Display values given by hand (PROMID's printed HR; medians' ratios 6/14.3, 4.6/11.0): the chart computes nothing.
const spec: HrForestSpec = {
  caption: 'Square: published HR with 95% CI. Circle: implied by the two medians (model-based).',
  groups: [
    {
      id: 'ttp', label: 'Time to progression',
      rows: [
        { id: 'promid', label: 'PROMID: octreotide LAR vs placebo', kind: 'published', estimate: 0.34, ci: [0.2, 0.59] },
        { id: 'promid-implied', label: 'PROMID: from medians 14.3 vs 6 months', kind: 'implied', estimate: 0.42, ci: null },
      ],
    },
    {
      id: 'pfs', label: 'Progression-free survival',
      rows: [
        { id: 'radiant', label: 'RADIANT-3: from medians 11.0 vs 4.6 months', kind: 'implied', estimate: 0.418, ci: null },
        { id: 'pooled', label: 'Pooled (2 trials)', kind: 'pooled', estimate: 0.45, ci: [0.3, 0.68] },
      ],
    },
  ],
};

describe('hazardRatioForest(spec, options)', () => {
  test('draws groups by endpoint on a log axis with a line at 1; published, implied and pooled differ in shape; golden SVG', () => {
    const svg = hazardRatioForest(spec, { document: testDocument(), width: 900 });
    expect(svg.querySelectorAll('g.hr-group')).toHaveLength(2);
    expect(svg.querySelectorAll('g.hr-row.published rect.mark')).toHaveLength(1);
    expect(svg.querySelectorAll('g.hr-row.implied circle.mark')).toHaveLength(2);
    expect(svg.querySelectorAll('g.hr-row.pooled polygon.diamond')).toHaveLength(1);
    expect(svg.querySelectorAll('g.hr-row.implied line.ci')).toHaveLength(0);
    expect(svg.querySelector('g.hr-row[data-id="promid"]')?.getAttribute('aria-label')).toBe('PROMID: octreotide LAR vs placebo: 0.34 [0.20, 0.59]');
    // log scale: 0.5 → 1 and 1 → 2 are the same distance (d3-axis places each tick by its group's translate(x,0))
    const tick = (t: string) => {
      const g = [...svg.querySelectorAll('g.axis g.tick')].find((n) => n.querySelector('text')?.textContent === t);
      return Number(/translate\(([-\d.]+),/.exec(g?.getAttribute('transform') ?? '')?.[1]);
    };
    expect(tick('1') - tick('0.5')).toBeGreaterThan(20);
    expect(tick('1') - tick('0.5')).toBeCloseTo(tick('2') - tick('1'), 1);
    expectSnapshot('hazardRatioForest', svg);
  });

  test('hrText: printed CI, or the words "implied, model-based"', () => {
    expect(hrText(spec.groups[0].rows[0])).toBe('0.34 [0.20, 0.59]');
    expect(hrText(spec.groups[0].rows[1])).toBe('0.42 (implied, model-based)');
  });
});
