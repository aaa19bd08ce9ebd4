import { describe, expect, test } from 'vitest';
import { evidenceMap, type MapSpec } from '../../src/charts/evidenceMap.ts';
import { expectSnapshot, testDocument } from './snapshot.ts';

// Display values given by hand: the chart computes nothing.
const spec: MapSpec = {
  series: [
    { key: 'os_5y', label: '5-year OS', shape: 'circle' },
    { key: 'orr', label: 'Response', shape: 'diamond' },
  ],
  medianSeries: [{ key: 'os_median_months', label: 'Median OS', shape: 'circle' }],
  caption: 'Pools of single-arm series: descriptive, not comparative.',
  rows: [
    {
      id: 'resection', label: 'Resection',
      marks: { os_5y: { estimate: 0.7, ci: [0.62, 0.77], pi: [0.45, 0.87], k: 6, n: 900 } },
      medians: { os_median_months: { estimate: 84, ci: null, k: 3, n: 412, subgroup: true } },
      lines: [{ kind: 'review', text: 'review statement: 5-year OS 60–80 %' }],
    },
    {
      id: 'y90', label: 'Y-90', marks: { os_5y: undefined, orr: { estimate: 0.5, ci: [0.4, 0.6], pi: null, k: 2, n: 120 } },
      medians: { os_median_months: { estimate: 46, ci: [22, 70], k: 6, n: 300 } }, lines: [],
    },
    {
      id: 'ssa', label: 'Somatostatin analogue', marks: {}, medians: {},
      lines: [
        { kind: 'trial', text: 'PROMID (Rinke 2009): HR 0.34 (0.20–0.59) for TTP; median TTP 14.3 vs 6 months (placebo); stable disease 66.7 vs 37.2 % (placebo)' },
        { kind: 'not-pooled', text: 'not pooled, no n: symptom response 88 %' },
      ],
    },
  ],
};

describe('evidenceMap(spec, options)', () => {
  test('one focusable row per modality: proportion and median marks with their own k and N, trial and review lines; golden SVG', () => {
    const svg = evidenceMap(spec, { document: testDocument(), width: 1240 });
    const rows = svg.querySelectorAll('g.map-row');
    expect(rows).toHaveLength(3);
    expect(rows[0].querySelectorAll('.mark')).toHaveLength(2);
    expect([...rows[0].querySelectorAll('text.kn')].map((t) => t.textContent)).toEqual(['k = 6, N = 900', '84 mo; k = 3*, N = 412']);
    // a median with no CI is hollow; one with a CI is filled and has its line
    expect(rows[0].querySelector('circle.mark:last-of-type')?.getAttribute('fill')).toBe('none');
    expect(rows[1].querySelectorAll('line.ci')).toHaveLength(2);
    expect(rows[1].getAttribute('aria-label')).toContain('Response 50.0% (95% CI 40.0 to 60.0; k = 2, N = 120)');
    // a trial line too long for the column is wrapped at "; ", not cut before its key figures
    const lines = [...rows[2].querySelectorAll('text.line')].map((t) => t.firstChild?.textContent ?? '');
    expect(lines[0]).toContain('HR 0.34 (0.20–0.59)');
    expect(lines.join(' ')).toContain('14.3 vs 6 months');
    expect(rows[2].querySelector('text.line.review')).toBeNull();
    expect(rows[0].querySelector('text.line.review')?.getAttribute('font-style')).toBe('italic');
    expectSnapshot('evidenceMap', svg);
  });
});
